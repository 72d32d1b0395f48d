/**
 * The raw side's worker process (tools/alarms/alarm-lag.ts starts it): the raw workflow and its
 * one-row activity, with the same encryption, slots and pool size as the journey worker, so the
 * two sides differ only in what the workflow does. Configured by environment, as worker/main.ts.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { resolve } from 'node:path';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { parsePayloadKeys } from '../../src/infra/codec/payload-keys';
import { createPool } from '../../src/infra/db/pool';
import { workerTuningEnvSchema, workerTuningOf } from '../../src/infra/worker-tuning';

async function main(): Promise<void> {
  const env = process.env;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const tuning = workerTuningOf(workerTuningEnvSchema.parse(env));
  const pool = createPool(env.DATABASE_URL!, { max: tuning.databasePoolMax });
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    taskQueue: env.TEMPORAL_TASK_QUEUE!,
    workflowsPath: resolve(__dirname, 'raw-alarm-workflow.ts'),
    dataConverter: encryptingDataConverter(parsePayloadKeys(env.ECM_PAYLOAD_KEYS!, env.ECM_PAYLOAD_KEY_ID!)),
    activities: {
      writeAlarmRow: async (key: string): Promise<void> => {
        await pool.query('INSERT INTO alarm_raw_rows (alarm_key) VALUES ($1) ON CONFLICT DO NOTHING', [key]);
      },
    },
    maxConcurrentWorkflowTaskExecutions: tuning.workflowTaskSlots,
    maxConcurrentActivityTaskExecutions: tuning.activityTaskSlots,
    maxConcurrentWorkflowTaskPolls: tuning.workflowTaskPollers,
    maxConcurrentActivityTaskPolls: tuning.activityTaskPollers,
  });
  await worker.run();
  await connection.close();
  await pool.end();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
