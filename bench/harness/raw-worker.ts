/**
 * The raw worker's process: the raw workflow and its row-writing activity on their own task
 * queue, with the same encrypting data converter our worker uses. Configured by environment
 * (TEMPORAL_ADDRESS, DATA_DIR for the payload keys, BENCH_RAW_DATABASE_URL).
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '../../src/infra/config';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { createPool } from '../../src/infra/db/pool';
import { rawActivities } from './raw-activities';
import { RAW_TASK_QUEUE } from './raw-contract';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const config = loadConfig();
  const url = process.env.BENCH_RAW_DATABASE_URL;
  if (!url) throw new Error('BENCH_RAW_DATABASE_URL is required');
  const pool = createPool(url, { onError: () => undefined });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await Worker.create({
    connection, namespace: config.temporal.namespace, taskQueue: RAW_TASK_QUEUE,
    workflowsPath: require.resolve('./raw-workflows'),
    activities: rawActivities(pool),
    dataConverter: encryptingDataConverter(config.payloadKeys),
  });
  console.log('worker running');
  await worker.run();
  await connection.close();
  await pool.end();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
