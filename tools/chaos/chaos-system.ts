/**
 * The whole system on its own ports and data directory, as separate parts a fault suite can stop,
 * kill and restart: embedded PostgreSQL (persistent, so a restart keeps the care record), the
 * Temporal dev server (its SQLite file keeps every journey across a restart), and the worker and
 * the API as child processes running their production entry points (`worker/main.ts`,
 * `api/main.ts`), configured by environment only. Using those entry points and `src/`'s building
 * blocks (config, embedded PostgreSQL, binaries, search attributes) rather than copies means a
 * change to how the app starts or connects is picked up here too.
 */
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { loadConfig, type AppConfig } from '../../src/infra/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { createDatabaseIfMissing, createPool, withAdminClient, withDatabase } from '../../src/infra/db/pool';
import { DEFAULT_APP_ROLE, ensureLoginRole, withCredentials } from '../../src/infra/db/app-role';
import { PROJECT_ROOT, resolveTemporalBinary } from '../../src/dev/runtime/temporal-binaries';
import { registerSearchAttributes } from '../../src/infra/temporal/register-search-attributes';

const DATABASE = 'ecm';
const TASK_QUEUE = 'ecm-journeys';

/** A child process (worker or API) that can be killed and started again. */
interface ChildPart {
  process?: ChildProcess;
  readonly log: WriteStream;
  /** Resolves once the current process says it runs (for the worker: polling its task queue). */
  ready?: Promise<void>;
}

/** The running system and the faults it can suffer. */
export interface ChaosSystem {
  readonly dataDir: string;
  readonly apiUrl: string;
  /** The configuration the parts run with (token secret, payload keys), read like they read it. */
  readonly config: AppConfig;
  /** A Temporal client connection that outlives server restarts (no data converter: it never reads payloads). */
  readonly temporal: Connection;
  /** A pool on the care record, for checking it. */
  readonly pool: Pool;
  /** kill -9; the supervisor starts it again a second later, as a process manager would. */
  killWorker(): void;
  /** Resolves once the current worker process polls its task queue (it bundles the workflows first). */
  workerReady(): Promise<void>;
  restartTemporal(): Promise<void>;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts everything under `dataDir` (created), on free ports. */
export async function startChaosSystem(dataDir: string): Promise<ChaosSystem> {
  mkdirSync(dataDir, { recursive: true });
  const postgresDir = join(dataDir, 'postgres');
  let postgres: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: postgresDir, persistent: true });
  const postgresPort = postgres.port;
  await createDatabaseIfMissing(postgres.databaseUrl('postgres'), DATABASE);
  // As `npm start` does: migrations run as the owner, the worker and the API as the app role.
  const ownerUrl = withDatabase(postgres.databaseUrl('postgres'), DATABASE);
  const appPassword = randomBytes(24).toString('hex');
  await withAdminClient(postgres.databaseUrl('postgres'), (client) => ensureLoginRole(client, DEFAULT_APP_ROLE, appPassword));
  const databaseUrl = withCredentials(ownerUrl, DEFAULT_APP_ROLE, appPassword);

  const cli = await resolveTemporalBinary('cli');
  const temporalPort = await freePort();
  const startTemporal = () =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: cli.path },
        dbFilename: join(dataDir, 'temporal.sqlite'),
        ip: '127.0.0.1',
        port: temporalPort,
        ui: false,
        namespace: 'default',
        log: { format: 'json', level: 'error' },
      },
    });
  let temporalServer = await startTemporal();
  const address = `127.0.0.1:${temporalPort}`;
  const temporal = await Connection.connect({ address });
  await registerSearchAttributes(temporal, 'default');

  const apiPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    // The owner runs the migrations where the entry points distinguish owner and app role.
    DATABASE_OWNER_URL: ownerUrl,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    PORT: String(apiPort),
    LOG_LEVEL: 'warn',
    // The suites send thousands of requests as a handful of organisations.
    ECM_RATE_LIMIT_PER_MINUTE: '1000000',
  };
  // Read once here, before any child starts: the development token secret and payload keys are
  // created on first read, and two children creating them at once would disagree.
  const config = loadConfig(env);

  const worker: ChildPart = { log: createWriteStream(join(dataDir, 'worker.log'), { flags: 'a' }) };
  const api: ChildPart = { log: createWriteStream(join(dataDir, 'api.log'), { flags: 'a' }) };
  const launch = (part: ChildPart, entry: string): void => {
    // `node --import tsx`, not the tsx CLI: one process, so kill -9 kills the part itself. The
    // worker logs at info: its "worker running" line says when it polls.
    const partEnv = entry.startsWith('worker/') ? { ...env, LOG_LEVEL: 'info' } : env;
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: PROJECT_ROOT, env: partEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(part.log, { end: false });
    child.stderr.pipe(part.log, { end: false });
    part.ready = new Promise((resolve) => {
      const watch = (chunk: Buffer): void => {
        if (chunk.toString().includes('worker running')) {
          child.stdout.off('data', watch);
          resolve();
        }
      };
      child.stdout.on('data', watch);
    });
    part.process = child;
  };
  let stopping = false;
  // A part that dies by itself (its database or Temporal gone at start-up) is started again.
  const supervise = (part: ChildPart, entry: string): void => {
    launch(part, entry);
    part.process!.once('exit', () => {
      if (!stopping) setTimeout(() => !stopping && supervise(part, entry), 1_000);
    });
  };
  supervise(worker, 'worker/main.ts');
  supervise(api, 'api/main.ts');
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitFor(async () => (await fetch(`${apiUrl}/healthz`)).ok, 120_000, 'the API never answered /healthz');
  const pool = createPool(ownerUrl, { max: 4, onError: () => undefined });

  const stopChild = async (part: ChildPart): Promise<void> => {
    const child = part.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };

  return {
    dataDir,
    apiUrl,
    config,
    temporal,
    pool,
    killWorker: () => {
      // Not ready again until the process the supervisor starts next says so.
      worker.ready = undefined;
      worker.process?.kill('SIGKILL');
    },
    async workerReady() {
      for (;;) {
        const current = worker.process;
        if (worker.ready && current && current.exitCode === null && current.signalCode === null) {
          await worker.ready;
          if (worker.process === current) return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async restartTemporal() {
      await temporalServer.teardown();
      temporalServer = await startTemporal();
    },
    async stopPostgres() {
      await postgres.stop();
    },
    async startPostgres() {
      postgres = await startEmbeddedPostgres({ dataDir: postgresDir, persistent: true, port: postgresPort });
    },
    async stop() {
      stopping = true;
      await stopChild(api);
      await stopChild(worker);
      worker.log.end();
      api.log.end();
      await pool.end();
      await temporal.close();
      await temporalServer.teardown();
      await postgres.stop();
    },
  };
}

async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
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
