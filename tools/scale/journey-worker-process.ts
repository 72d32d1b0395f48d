/**
 * A journey worker in a process of its own, for the scale measurements (tools/scale/): RSS is the
 * worker's alone, as in production, where `ecm-worker` runs apart from the API. Configured by
 * environment; answers `{ kind: 'status' }` messages with its memory and cache after a full GC.
 *
 *   SCALE_TEMPORAL_ADDRESS, SCALE_DATABASE_URL, SCALE_TASK_QUEUE, SCALE_BUNDLE_PATH (prebuilt bundle),
 *   SCALE_MAX_CACHED (unset: the configured default, ECM_WORKER_MAX_CACHED_WORKFLOWS)
 */
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { createPool } from '../../src/infra/db/pool';
import { createLogger } from '../../src/infra/logger';
import { loadConfig } from '../../src/infra/config';
import { createJourneyWorker } from '../../worker/create-worker';
import { SCALE_PAYLOAD_KEYS } from './scale-keys';

/** A status report to the parent. */
export interface WorkerProcessStatus {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly cached: number;
  readonly busy: number;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR' } } });
  const env = process.env;
  const connection = await NativeConnection.connect({ address: env.SCALE_TEMPORAL_ADDRESS! });
  const pool = createPool(env.SCALE_DATABASE_URL!, { max: 10 });
  const maxCachedWorkflows = env.SCALE_MAX_CACHED ? Number(env.SCALE_MAX_CACHED) : loadConfig({ NODE_ENV: 'test' }).worker.maxCachedWorkflows;
  const worker = await createJourneyWorker({
    connection, namespace: 'default', taskQueue: env.SCALE_TASK_QUEUE!, pool, log: createLogger('silent'),
    dataConverter: encryptingDataConverter(SCALE_PAYLOAD_KEYS), workflowBundlePath: env.SCALE_BUNDLE_PATH!, maxCachedWorkflows,
  });
  process.on('message', (message: { kind: string }) => {
    if (message.kind === 'status') {
      (globalThis as { gc?: () => void }).gc?.();
      const s = worker.getStatus();
      const status: WorkerProcessStatus = {
        rssBytes: process.memoryUsage.rss(), heapUsedBytes: process.memoryUsage().heapUsed, cached: s.numCachedWorkflows,
        busy: s.numInFlightWorkflowActivations + s.numInFlightActivities,
      };
      process.send!({ kind: 'status', status });
    } else if (message.kind === 'stop') worker.shutdown();
  });
  // A parent that died leaves no worker behind.
  process.on('disconnect', () => process.exit(0));
  process.send!({ kind: 'ready', maxCachedWorkflows });
  await worker.run();
  await connection.close();
  await pool.end();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
