/** The API process of the production topology (compose `ecm-api`): configured by environment only. */
import { Client, Connection } from '@temporalio/client';
import { ConfigError, loadConfig } from '../src/infra/config';
import { loggableError } from '../src/infra/loggable-error';
import { createLogger } from '../src/infra/logger';
import { encryptingDataConverter } from '../src/infra/codec/data-converter';
import { prepareDatabase } from '../src/infra/db/prepare-database';
import { createPool } from '../src/infra/db/pool';
import { createTokenVerifier } from '../src/infra/auth/token-verifier';
import { createCaseloadStore } from '../src/infra/caseload';
import { createApp } from './app';
import { createJourneyGateway } from './journey-gateway';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required for a standalone API (npm start runs an embedded one)');
  // As the owner when DATABASE_OWNER_URL is given; else the app role only checks the schema is current.
  await prepareDatabase({ appUrl: config.databaseUrl, ...(config.databaseOwnerUrl ? { ownerUrl: config.databaseOwnerUrl } : {}) }, {
    info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m),
  });
  const pool = createPool(config.databaseUrl, { onError: (err) => log.warn({ err: loggableError(err) }, 'postgres pool: idle client error') });
  // Lazy: the API starts while Temporal is down and answers 503 (and /readyz says why) until it is back.
  const connection = Connection.lazy({ address: config.temporal.address });
  const dataConverter = encryptingDataConverter(config.payloadKeys);
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter });
  const app = createApp({
    journeys: createJourneyGateway(client, config.temporal.taskQueue, { callTimeoutMs: config.temporal.callTimeoutMs }),
    config,
    log,
    clock: () => Promise.resolve(Date.now()),
    caseloads: createCaseloadStore(pool), pool,
    verifyToken: createTokenVerifier(config.tokens), rateLimitPerMinute: config.rateLimitPerMinute, rateLimitStore: config.rateLimitStore, authFailuresPerMinute: config.authFailuresPerMinute,
    // Issue 14: plain-http loopback webhook URLs only in development.
    webhooks: { allowLoopbackHttp: config.env === 'development' },
    codec: { codec: dataConverter.payloadCodecs![0]!, uiOrigin: config.uiOrigin, ...(config.codecToken ? { token: config.codecToken } : {}) },
  });
  const server = app.listen(config.port, config.host, () => log.info({ host: config.host, port: config.port }, 'API listening'));
  const stop = (): void => {
    server.close(() => {
      void connection.close().then(() => pool.end()).then(() => process.exit(0));
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  // A configuration error says what to fix and holds no member data; anything else only its class and code.
  console.error(err instanceof ConfigError ? err.message : JSON.stringify({ msg: 'API failed to start', err: loggableError(err) }));
  process.exit(1);
});
