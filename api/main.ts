/** The API process of the production topology (compose `ecm-api`): configured by environment only. */
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { createApp } from './app';
import { createJourneyGateway } from './journey-gateway';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const connection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const app = createApp({
    journeys: createJourneyGateway(client, config.temporal.taskQueue),
    config,
    log,
    clock: () => Promise.resolve(Date.now()),
  });
  const server = app.listen(config.port, () => log.info({ port: config.port }, 'API listening'));
  const stop = (): void => {
    server.close(() => {
      void connection.close().then(() => process.exit(0));
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
