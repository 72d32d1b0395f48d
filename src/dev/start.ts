/**
 * `npm start`: the whole system on one machine, with nothing installed but Node.
 * PostgreSQL (embedded, unless DATABASE_URL is set), the Temporal dev server with its Web UI
 * (persisting to `.data/temporal.sqlite`, unless TEMPORAL_ADDRESS is set), the search attributes,
 * the worker and the API. Ctrl-C stops everything in reverse order; open journeys survive a
 * restart because their timers live in Temporal.
 */
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { createApp } from '../../api/app';
import { createJourneyGateway } from '../../api/journey-gateway';
import { createJourneyWorker } from '../../worker/create-worker';
import { webhookSecretKey } from '../infra/webhooks/secret-box';
import { noticeDeliveryFor } from '../../activities/notices/notice-delivery-for';
import { phiSafeRuntimeLogger } from '../../worker/phi-safe-runtime-logger';
import { loggableError } from '../infra/loggable-error';
import { loadConfig } from '../infra/config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { DEFAULT_APP_ROLE, ensureLoginRole, withCredentials } from '../infra/db/app-role';
import { developmentSecret } from './development-secret';
import { prepareDatabase } from '../infra/db/prepare-database';
import { createDatabaseIfMissing, createPool, withAdminClient, withDatabase } from '../infra/db/pool';
import { createLogger } from '../infra/logger';
import { encryptingDataConverter } from '../infra/codec/data-converter';
import { createTokenVerifier } from '../infra/auth/token-verifier';
import { createCaseloadStore } from '../infra/caseload';
import { resolveTemporalBinary, TemporalBinaryNotFoundError } from './runtime/temporal-binaries';
import { ensureMonthlyFilesSchedule } from '../infra/temporal/monthly-files-schedule';
import { CALIFORNIA_BUSINESS_CALENDAR } from '../core/calendar';
import { registerSearchAttributes } from '../infra/temporal/register-search-attributes';

type Stop = () => Promise<void>;

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // This process owns Ctrl-C: the worker must drain before the server it talks to goes away. The
  // SDK's log lines (a failed activity with its error) keep only the error's class and code.
  Runtime.install({ shutdownSignals: [], logger: phiSafeRuntimeLogger(log) });
  const stops: Stop[] = [];
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (err) {
        log.error({ err: loggableError(err) }, 'error while stopping');
      }
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  mkdirSync(config.dataDir, { recursive: true });

  // 1. The care record. Migrations run as the owner; the worker and the API connect as the app
  // role, which may only append to and read the audit trail (src/infra/db/app-role.ts).
  let databaseUrl = config.databaseUrl;
  let ownerUrl = config.databaseOwnerUrl;
  if (!databaseUrl) {
    const postgres = await startEmbeddedPostgres({ dataDir: join(config.dataDir, 'postgres'), persistent: true });
    stops.push(() => postgres.stop());
    const superuser = postgres.databaseUrl('postgres');
    await createDatabaseIfMissing(superuser, 'ecm');
    // The app role's password is generated once and kept beside the cluster (mode 0600).
    const appPassword = developmentSecret(join(config.dataDir, 'postgres-app-password'));
    await withAdminClient(superuser, (client) => ensureLoginRole(client, DEFAULT_APP_ROLE, appPassword));
    ownerUrl = withDatabase(superuser, 'ecm');
    databaseUrl = withCredentials(ownerUrl, DEFAULT_APP_ROLE, appPassword);
    log.info({ port: postgres.port, initialised: postgres.initialised }, 'embedded PostgreSQL running');
  }
  const migrationLog = { info: (m: string) => log.info(m), warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) };
  const applied = await prepareDatabase({ appUrl: databaseUrl, ...(ownerUrl ? { ownerUrl } : {}) }, migrationLog);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const pool = createPool(databaseUrl, { max: config.worker.databasePoolMax, onError: (err) => log.warn({ err: loggableError(err) }, 'postgres pool: idle client error') });
  stops.push(() => pool.end());

  // 2. Temporal: an external cluster when TEMPORAL_ADDRESS is set, else the CLI's dev server.
  let address = config.temporal.address;
  if (!process.env.TEMPORAL_ADDRESS) {
    const cli = await resolveTemporalBinary('cli');
    log.info({ path: cli.path, source: cli.source }, 'Temporal CLI found');
    // The SDK's ephemeral-server API runs the CLI we hand it (existing-path) and stops it with us.
    const devServer = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: cli.path },
        dbFilename: join(config.dataDir, 'temporal.sqlite'),
        ip: '127.0.0.1',
        // TEMPORAL_DEV_PORT lets a second system run beside one already on 7233 (the UI check does).
        port: process.env.TEMPORAL_DEV_PORT ? Number(process.env.TEMPORAL_DEV_PORT) : 7233,
        ui: true,
        uiPort: config.temporal.uiPort,
        namespace: config.temporal.namespace,
        log: { format: 'json', level: 'warn' },
        // The Web UI decodes payloads through our codec server (the API's /codec).
        extraArgs: ['--ui-codec-endpoint', `http://localhost:${config.port}/codec`],
      },
    });
    stops.push(() => devServer.teardown());
    address = devServer.address;
  }

  const connection = await Connection.connect({ address });
  stops.push(() => connection.close());
  const added = await registerSearchAttributes(connection, config.temporal.namespace);
  if (added.length) log.info({ added }, 'search attributes registered');

  const dataConverter = encryptingDataConverter(config.payloadKeys);
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter });

  // 3. The worker.
  const workerConnection = await NativeConnection.connect({ address });
  const worker = await createJourneyWorker({
    connection: workerConnection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    pool,
    log,
    notices: noticeDeliveryFor(config),
    dataConverter,
    tuning: config.worker,
    // Issue 14: activities that emit webhook events start the delivery workflows themselves.
    webhooks: { client, taskQueue: config.temporal.taskQueue, secretKey: webhookSecretKey(config.memberIdKey) },
    reports: { pool, plans: config.plans, providers: config.providers, dataDir: config.dataDir },
    // Issue 12: imports derive member IDs as intake does and read the plans' MIF columns.
    imports: { memberIdKey: config.memberIdKey, plans: config.plans },
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
  });
  // Issue 12 §3: each month's files, written on the configured day (DATA_DIR/reports/).
  await ensureMonthlyFilesSchedule(client, { taskQueue: config.temporal.taskQueue, dayOfMonth: config.reportsScheduleDay, timeZone: CALIFORNIA_BUSINESS_CALENDAR.timeZone });
  const workerRun = worker.run();
  stops.push(async () => {
    worker.shutdown();
    await workerRun;
    await workerConnection.close();
  });

  // 4. The API.
  const app = createApp({ journeys: createJourneyGateway(client, config.temporal.taskQueue, { callTimeoutMs: config.temporal.callTimeoutMs }), config, log, clock: () => Promise.resolve(Date.now()), caseloads: createCaseloadStore(pool), pool, webhooks: { allowLoopbackHttp: config.env === 'development' },
    verifyToken: createTokenVerifier(config.tokens), rateLimitPerMinute: config.rateLimitPerMinute, rateLimitStore: config.rateLimitStore, authFailuresPerMinute: config.authFailuresPerMinute,
    codec: { codec: dataConverter.payloadCodecs![0]!, uiOrigin: config.uiOrigin, ...(config.codecToken ? { token: config.codecToken } : {}) } });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const uiUrl = process.env.TEMPORAL_ADDRESS ? '(external Temporal: use its Web UI)' : `http://localhost:${config.temporal.uiPort}`;
  console.log(
    [
      '',
      'ECM backbone is running.',
      `  API:              http://localhost:${config.port}  (GET /healthz, POST /v1/referrals)`,
      `  API reference:    http://localhost:${config.port}/docs  (OpenAPI 3.1 at /openapi.json)`,
      '  A token:          npm run --silent token -- plan LA-CARE   (roles: plan, provider, ops)',
      `  Temporal Web UI:  ${uiUrl}  (filter: EcmOverdue = true)`,
      `  Temporal gRPC:    ${address}`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );

  workerRun.catch((err: unknown) => {
    log.error({ err: loggableError(err) }, 'worker stopped unexpectedly');
    void shutdown('worker-failure');
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof TemporalBinaryNotFoundError ? err.message : err);
  process.exit(1);
});
