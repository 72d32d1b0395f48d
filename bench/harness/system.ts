/**
 * The system under test, each part where production puts it: embedded PostgreSQL and the Temporal
 * dev server from the pinned binaries (nothing downloads), OUR worker and API as child processes
 * running their production entry points (`worker/main.ts`, `api/main.ts`, configured by
 * environment, so whatever configuration the app gains is measured too), and the RAW worker as a
 * third child process on its own task queue and database.
 */
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { loadConfig, type AppConfig } from '../../src/infra/config';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { createDatabaseIfMissing, createPool, withAdminClient, withDatabase } from '../../src/infra/db/pool';
import { DEFAULT_APP_ROLE, ensureLoginRole, withCredentials } from '../../src/infra/db/app-role';
import { resolveTemporalBinary } from '../../src/dev/runtime/temporal-binaries';
import { registerSearchAttributes } from '../../src/infra/temporal/register-search-attributes';
import { startChildPart, type ChildPart } from './child-part';
import { RAW_ROWS_TABLE } from './raw-activities';
import { RAW_TASK_QUEUE } from './raw-contract';
import { waitUntil } from './stats';

export const OUR_TASK_QUEUE = 'bench-ours';

export interface BenchSystem {
  readonly apiUrl: string;
  readonly config: AppConfig;
  /** A client with the system's data converter, for the raw side and for reading state. */
  readonly client: Client;
  /** The care record (owner role). */
  readonly carePool: Pool;
  /** The raw side's database. */
  readonly rawPool: Pool;
  readonly ourWorker: ChildPart;
  readonly rawWorker: ChildPart;
  readonly api: ChildPart;
  stop(): Promise<void>;
}

export async function startBenchSystem(dataDir: string): Promise<BenchSystem> {
  mkdirSync(dataDir, { recursive: true });
  const postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), persistent: false });
  const admin = postgres.databaseUrl('postgres');
  await createDatabaseIfMissing(admin, 'ecm');
  await createDatabaseIfMissing(admin, 'bench_raw');
  const ownerUrl = withDatabase(admin, 'ecm');
  const appPassword = randomBytes(24).toString('hex');
  await withAdminClient(admin, (c) => ensureLoginRole(c, DEFAULT_APP_ROLE, appPassword));
  const rawUrl = withDatabase(admin, 'bench_raw');
  const rawPool = createPool(rawUrl, { max: 4, onError: () => undefined });
  await rawPool.query(RAW_ROWS_TABLE);

  const cli = await resolveTemporalBinary('cli');
  const temporalPort = await freePort();
  const temporalServer = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'existing-path', path: cli.path }, ip: '127.0.0.1', port: temporalPort, ui: false, namespace: 'default', log: { format: 'json', level: 'error' } },
  });
  const address = `127.0.0.1:${temporalPort}`;
  const connection = await Connection.connect({ address });
  await registerSearchAttributes(connection, 'default');

  const apiPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATABASE_URL: withCredentials(ownerUrl, DEFAULT_APP_ROLE, appPassword),
    DATABASE_OWNER_URL: ownerUrl,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: OUR_TASK_QUEUE,
    PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    // The benchmark is one organisation sending thousands of requests a minute.
    ECM_RATE_LIMIT_PER_MINUTE: '1000000',
    BENCH_RAW_DATABASE_URL: rawUrl,
  };
  // Read once before any child starts: the development token secret and payload keys are created
  // on first read, and two children creating them at once would disagree.
  const config = loadConfig(env);
  const client = new Client({ connection, namespace: 'default', dataConverter: encryptingDataConverter(config.payloadKeys) });

  const polling = (taskQueue: string) => (pid: number) =>
    waitUntil(async () => {
      const { pollers } = await connection.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: taskQueue }, taskQueueType: 1 });
      return (pollers ?? []).some((p) => p.identity?.startsWith(`${pid}@`));
    }, 180_000, `the worker on ${taskQueue} never polled`, 200);
  const log = (name: string) => createWriteStream(join(dataDir, `${name}.log`), { flags: 'a' });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  // The two workers bundle their workflow code at start: in parallel, as they would on two hosts.
  const [ourWorker, rawWorker, api] = await Promise.all([
    startChildPart({ name: 'our worker', entry: 'worker/main.ts', env, log: log('our-worker'), ready: polling(OUR_TASK_QUEUE) }),
    startChildPart({ name: 'raw worker', entry: 'bench/harness/raw-worker.ts', env, log: log('raw-worker'), ready: polling(RAW_TASK_QUEUE) }),
    startChildPart({ name: 'API', entry: 'api/main.ts', env, log: log('api'), ready: () => waitUntil(async () => (await fetch(`${apiUrl}/healthz`)).ok, 180_000, 'the API never answered /healthz') }),
  ]);
  const carePool = createPool(ownerUrl, { max: 4, onError: () => undefined });
  return {
    apiUrl, config, client, carePool, rawPool, ourWorker, rawWorker, api,
    async stop() {
      await Promise.allSettled([api.stop(), ourWorker.stop(), rawWorker.stop()]);
      await carePool.end();
      await rawPool.end();
      await connection.close();
      await temporalServer.teardown();
      await postgres.stop();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
