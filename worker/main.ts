/** The worker process of the production topology (compose `ecm-worker`): configured by environment only. */
import { NativeConnection, Runtime } from '@temporalio/worker';
import { getHeapStatistics } from 'node:v8';
import { Client, Connection } from '@temporalio/client';
import { webhookSecretKey } from '../src/infra/webhooks/secret-box';
import { phiSafeRuntimeLogger } from './phi-safe-runtime-logger';
import { ConfigError, loadConfig } from '../src/infra/config';
import { loggableError } from '../src/infra/loggable-error';
import { createPool } from '../src/infra/db/pool';
import { prepareDatabase } from '../src/infra/db/prepare-database';
import { createLogger } from '../src/infra/logger';
import { encryptingDataConverter } from '../src/infra/codec/data-converter';
import { ensureMonthlyFilesSchedule } from '../src/infra/temporal/monthly-files-schedule';
import { CALIFORNIA_BUSINESS_CALENDAR } from '../src/core/calendar';
import { createJourneyWorker } from './create-worker';
import { noticeDeliveryFor } from '../activities/notices/notice-delivery-for';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // The SDK logs failed activities and workflow tasks with their error: keep only class and code.
  Runtime.install({ logger: phiSafeRuntimeLogger(log) });
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required for a standalone worker (npm start runs an embedded one)');
  // As the owner when DATABASE_OWNER_URL is given; else the app role only checks the schema is current.
  await prepareDatabase({ appUrl: config.databaseUrl, ...(config.databaseOwnerUrl ? { ownerUrl: config.databaseOwnerUrl } : {}) }, {
    info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m),
  });
  const pool = createPool(config.databaseUrl, { max: config.worker.databasePoolMax, onError: (err) => log.warn({ err: loggableError(err) }, 'postgres pool: idle client error') });
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const dataConverter = encryptingDataConverter(config.payloadKeys);
  // Issue 14: activities that emit webhook events start the delivery workflows themselves.
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  const webhooks = { client: new Client({ connection: clientConnection, namespace: config.temporal.namespace, dataConverter }), taskQueue: config.temporal.taskQueue, secretKey: webhookSecretKey(config.memberIdKey) };
  const worker = await createJourneyWorker({
    connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, pool, log, notices: noticeDeliveryFor(config), dataConverter, webhooks,
    tuning: config.worker,
    reports: { pool, plans: config.plans, providers: config.providers, dataDir: config.dataDir },
    // Issue 12: imports derive member IDs as intake does and read the plans' MIF columns.
    imports: { memberIdKey: config.memberIdKey, plans: config.plans },
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
  });
  // Issue 12 §3: each month's files on the configured day; every worker may ensure it, the first creates it.
  await ensureMonthlyFilesSchedule(webhooks.client, { taskQueue: config.temporal.taskQueue, dayOfMonth: config.reportsScheduleDay, timeZone: CALIFORNIA_BUSINESS_CALENDAR.timeZone });
  // Issue 16 §3: the two bounds of the worker's memory, so an operator sees them in the first log lines.
  log.info({ taskQueue: config.temporal.taskQueue, maxCachedWorkflows: config.worker.maxCachedWorkflows, heapLimitMiB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20) }, 'worker running');
  // The SDK drains in-flight tasks on SIGINT/SIGTERM before run() resolves.
  await worker.run();
  await connection.close();
  await clientConnection.close();
  await pool.end();
}

main().catch((err: unknown) => {
  // A configuration error says what to fix and holds no member data; anything else only its class and code.
  console.error(err instanceof ConfigError ? err.message : JSON.stringify({ msg: 'worker failed', err: loggableError(err) }));
  process.exit(1);
});
