/**
 * The ADT listener process (`npm run adt-listener`): HL7 v2 over MLLP from hospitals and HIEs,
 * configured by environment (MLLP_PORT, MLLP_HOST, MLLP_TLS_CERT/KEY/CA, ECM_PLANS_FILE `feeds`).
 *
 * A process of its own rather than a port of the API: hospital interfaces reach it on their own
 * network path (VPN, TLS with client certificates), it scales and restarts apart from the REST API,
 * and a sender that floods it slows only itself (see src/infra/mllp/mllp-server.ts). It shares the
 * API's intake code (api/adt/hl7-intake.ts), database and Temporal namespace, so an ACK here means
 * what `POST /v1/adt/hl7`'s does.
 */
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { ConfigError, loadConfig } from '../src/infra/config';
import { loggableError } from '../src/infra/loggable-error';
import { createLogger } from '../src/infra/logger';
import { encryptingDataConverter } from '../src/infra/codec/data-converter';
import { createPool } from '../src/infra/db/pool';
import { startMllpServer } from '../src/infra/mllp/mllp-server';
import { mllpAdtHandler } from './adt/mllp-adt-handler';
import { createJourneyGateway } from './journey-gateway';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const { mllp } = config;
  if (mllp.port === undefined) throw new ConfigError('MLLP_PORT is not set: the ADT listener is off');
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL is required for the ADT listener');
  if (Object.values(config.feeds).every((feed) => feed.sendingFacilities === undefined)) {
    log.warn('no feed in ECM_PLANS_FILE lists sendingFacilities: every MLLP message will be refused (AR)');
  }
  const pool = createPool(config.databaseUrl, { onError: (err) => log.warn({ err: loggableError(err) }, 'postgres pool: idle client error') });
  const connection = Connection.lazy({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: encryptingDataConverter(config.payloadKeys) });
  const handler = mllpAdtHandler({
    pool,
    journeys: createJourneyGateway(client, config.temporal.taskQueue, { callTimeoutMs: config.temporal.callTimeoutMs }),
    memberIdKey: config.memberIdKey,
    feeds: config.feeds,
    log,
    clock: () => Promise.resolve(Date.now()),
  });
  const tls =
    mllp.tlsCert && mllp.tlsKey
      ? { cert: readFileSync(mllp.tlsCert), key: readFileSync(mllp.tlsKey), ...(mllp.tlsCa ? { ca: readFileSync(mllp.tlsCa) } : {}) }
      : undefined;
  if (!tls && config.env === 'production') log.warn('MLLP without TLS: run it only behind a VPN or a TLS-terminating proxy');
  const server = await startMllpServer({ port: mllp.port, host: mllp.host, ...(tls ? { tls } : {}) }, handler);
  log.info({ host: mllp.host, port: server.port, tls: Boolean(tls), clientCertificates: Boolean(tls?.ca) }, 'ADT listener (MLLP) listening');
  const stop = (): void => {
    void server.close().then(() => connection.close()).then(() => pool.end()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : JSON.stringify({ msg: 'ADT listener failed to start', err: loggableError(err) }));
  process.exit(1);
});
