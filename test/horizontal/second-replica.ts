/**
 * Issue 16 §5: a second API process's app and a second worker beside a test system, as a second
 * replica of each would run in production: the same PostgreSQL and task queue, but their own
 * Temporal connections, their own HTTP server, their own in-process state. Only what is shared on
 * purpose (the care record, the rate-limit windows, Temporal) can make them agree.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inject } from 'vitest';
import { createApp } from '../../api/app';
import { createJourneyGateway } from '../../api/journey-gateway';
import { letterFileTransport } from '../../activities/notices/letter-file-transport';
import { createTokenVerifier } from '../../src/infra/auth/token-verifier';
import { createCaseloadStore } from '../../src/infra/caseload';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { createLogger } from '../../src/infra/logger';
import { webhookSecretKey } from '../../src/infra/webhooks/secret-box';
import { createJourneyWorker } from '../../worker/create-worker';
import type { Principal } from '../../src/infra/auth/principal';
import { bearer, TASK_QUEUE, TEST_MEMBER_ID_KEY, TEST_PAYLOAD_KEYS, TEST_TOKENS, type ApiAnswer, type TestDatabase, type TestSystem } from '../support/test-system';

export interface SecondReplica {
  /** The second API's address. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** A JSON request to one of the APIs as `who`. */
export async function requestAs(baseUrl: string, who: Principal, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(await bearer(who)), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function startSecondReplica(sys: TestSystem, db: TestDatabase, opts: { rateLimitPerMinute?: number } = {}): Promise<SecondReplica> {
  const address = sys.env.connection.options.address;
  const dataConverter = encryptingDataConverter(TEST_PAYLOAD_KEYS);
  const log = createLogger('silent');
  const clientConnection = await Connection.connect({ address });
  const client = new Client({ connection: clientConnection, namespace: 'default', dataConverter });
  const workerConnection = await NativeConnection.connect({ address });
  const worker: Worker = await createJourneyWorker({
    connection: workerConnection, namespace: 'default', taskQueue: TASK_QUEUE, pool: db.pool, log, dataConverter,
    workflowBundlePath: inject('workflowBundlePath'),
    notices: { plans: {}, transport: letterFileTransport(sys.dataDir) },
    webhooks: { client, taskQueue: TASK_QUEUE, secretKey: webhookSecretKey(TEST_MEMBER_ID_KEY) },
  });
  const running = worker.run();
  const app = createApp({
    journeys: createJourneyGateway(client, TASK_QUEUE),
    config: { memberIdKey: TEST_MEMBER_ID_KEY, plans: {} },
    log,
    clock: () => Promise.resolve(Date.now()),
    caseloads: createCaseloadStore(db.pool),
    pool: db.pool,
    verifyToken: createTokenVerifier(TEST_TOKENS),
    rateLimitPerMinute: opts.rateLimitPerMinute ?? 1_000_000,
    webhooks: { taskQueue: TASK_QUEUE, allowLoopbackHttp: true },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      worker.shutdown();
      await running;
      await workerConnection.close();
      await clientConnection.close();
    },
  };
}
