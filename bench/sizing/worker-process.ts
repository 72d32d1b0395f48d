/**
 * The worker alone in its own process, for `npm run bench:sizing -- throughput`: built as
 * production builds it (worker/create-worker.ts) against the parent's Temporal server and
 * database, it answers the parent's `sample` message with its own `process.cpuUsage()` and RSS,
 * so the worker's cost is measured apart from the API, PostgreSQL and Temporal's.
 */
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createPool } from '../../src/infra/db/pool';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { SIZING_PAYLOAD_KEYS, sizingWorker } from './system';

/** What the worker process reports when asked. */
export interface WorkerSample {
  readonly cpuMicros: number;
  readonly rss: number;
  readonly heapUsed: number;
}

async function main(): Promise<void> {
  const address = process.env.SIZING_TEMPORAL_ADDRESS;
  const databaseUrl = process.env.SIZING_DATABASE_URL;
  if (!address || !databaseUrl) throw new Error('SIZING_TEMPORAL_ADDRESS and SIZING_DATABASE_URL are required');
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR' } } });
  const pool = createPool(databaseUrl, { max: 20 });
  const connection = await NativeConnection.connect({ address });
  const client = new Client({ connection: await Connection.connect({ address }), namespace: 'default', dataConverter: encryptingDataConverter(SIZING_PAYLOAD_KEYS) });
  const worker = await sizingWorker({ connection, client, pool });
  process.on('message', (message) => {
    if (message === 'sample') {
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      process.send!({ kind: 'sample', cpuMicros: cpu.user + cpu.system, rss: mem.rss, heapUsed: mem.heapUsed } satisfies WorkerSample & { kind: string });
    } else if (message === 'stop') worker.shutdown();
  });
  const running = worker.run();
  process.send!({ kind: 'ready' });
  await running;
  await pool.end();
  await connection.close();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
