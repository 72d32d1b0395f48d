/**
 * The whole system for a sizing run, outside vitest: an embedded PostgreSQL of its own, a Temporal
 * server (time-skipping for a journey-year, the CLI dev server for real-time throughput), the API
 * on a loopback port, and optionally the real worker in this process. Requests go out as the party
 * each route serves, as test/support/test-system.ts does for tests.
 */
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { createApp } from '../../api/app';
import { createJourneyGateway } from '../../api/journey-gateway';
import { memberParties } from '../../api/auth/member-visibility';
import { ROUTES } from '../../api/route-table';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { PROJECT_ROOT, resolveTemporalBinary } from '../../src/dev/runtime/temporal-binaries';
import { issueToken } from '../../src/infra/auth/issue-token';
import type { Principal } from '../../src/infra/auth/principal';
import { createTokenVerifier } from '../../src/infra/auth/token-verifier';
import { createCaseloadStore } from '../../src/infra/caseload';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { migrateDatabase } from '../../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool, withDatabase } from '../../src/infra/db/pool';
import { createLogger } from '../../src/infra/logger';
import { registerSearchAttributes } from '../../src/infra/temporal/register-search-attributes';
import { webhookSecretKey } from '../../src/infra/webhooks/secret-box';
import { createJourneyWorker } from '../../worker/create-worker';

export const SIZING_MEMBER_ID_KEY = 'sizing-member-id-key-0123456789';
export const SIZING_PAYLOAD_KEYS = { currentKeyId: 's1', keys: { s1: Buffer.alloc(32, 7) } } as const;
export const SIZING_TASK_QUEUE = 'ecm-sizing';
const TOKENS = { kind: 'secret', secret: new TextEncoder().encode('sizing-token-secret-0123456789abcdef'), issuer: 'ecm-backbone', audience: 'ecm-api' } as const;

/** A JSON answer from the API. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

export interface SizingSystem {
  readonly env: TestWorkflowEnvironment;
  readonly client: Client;
  readonly pool: Pool;
  readonly databaseUrl: string;
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer>;
  /** Time-skipping only: moves the server's clock forward to the instant (never back). */
  skipTo(instantMs: number): Promise<void>;
  close(): Promise<void>;
}

const tokens = new Map<string, Promise<string>>();
function tokenFor(p: Principal): Promise<string> {
  const key = JSON.stringify(p);
  if (!tokens.has(key)) tokens.set(key, issueToken(TOKENS, p));
  return tokens.get(key)!;
}

/** The party the route serves: the member's plan for plan routes, its provider for provider routes, ops otherwise. */
async function servingCaller(pool: Pool, method: string, path: string, body: unknown): Promise<Principal> {
  const [pathname] = path.split('?');
  const spec = ROUTES.find((r) => r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(pathname!));
  const roles: readonly string[] = spec?.access.roles ?? ['plan'];
  const memberId = /^\/v1\/members\/(mbr_[0-9a-f]{32})/.exec(pathname!)?.[1];
  const parties = memberId ? await memberParties(pool, memberId) : undefined;
  if (roles.includes('plan')) return { subject: 'sizing-plan', role: 'plan', organisation: (body as { plan?: string } | undefined)?.plan ?? parties?.plan ?? 'LA-CARE' };
  if (roles.includes('provider')) return { subject: 'sizing-provider', role: 'provider', organisation: parties?.providerId ?? 'PROV-ACME' };
  return { subject: 'sizing-ops', role: 'ops', organisation: 'OPS' };
}

export interface SizingOptions {
  readonly server: 'time-skipping' | 'dev';
  /** Run the worker in this process (the journey-year), or leave it to a separate process (throughput). */
  readonly inProcessWorker: boolean;
  readonly poolSize?: number;
}

/** The worker as production builds it, on this system's queue. */
export function sizingWorker(opts: { connection: import('@temporalio/worker').NativeConnection; client: Client; pool: Pool }): Promise<Worker> {
  const dataConverter = encryptingDataConverter(SIZING_PAYLOAD_KEYS);
  return createJourneyWorker({
    connection: opts.connection, namespace: 'default', taskQueue: SIZING_TASK_QUEUE, pool: opts.pool, log: createLogger('silent'), dataConverter,
    webhooks: { client: opts.client, taskQueue: SIZING_TASK_QUEUE, secretKey: webhookSecretKey(SIZING_MEMBER_ID_KEY) },
    imports: { memberIdKey: SIZING_MEMBER_ID_KEY, plans: {} },
  });
}

export async function startSizingSystem(options: SizingOptions): Promise<SizingSystem> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR' } } });
  const pg: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: join(PROJECT_ROOT, '.data', `sizing-pg-${process.pid}`), persistent: false });
  await createDatabaseIfMissing(pg.databaseUrl('postgres'), 'sizing');
  const databaseUrl = withDatabase(pg.databaseUrl('postgres'), 'sizing');
  await migrateDatabase(databaseUrl);
  const pool = createPool(databaseUrl, { max: options.poolSize ?? 20 });
  const env =
    options.server === 'dev'
      ? await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: (await resolveTemporalBinary('cli')).path }, log: { format: 'json', level: 'error' } } })
      : await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: (await resolveTemporalBinary('testServer')).path } } });
  await registerSearchAttributes(env.connection, 'default');
  const client = new Client({ connection: env.connection, namespace: 'default', dataConverter: encryptingDataConverter(SIZING_PAYLOAD_KEYS) });
  const worker = options.inProcessWorker ? await sizingWorker({ connection: env.nativeConnection, client, pool }) : undefined;
  const running = worker?.run();
  const app = createApp({
    journeys: createJourneyGateway(client, SIZING_TASK_QUEUE),
    config: { memberIdKey: SIZING_MEMBER_ID_KEY, plans: {} },
    log: createLogger('silent'),
    clock: () => env.currentTimeMs(),
    caseloads: createCaseloadStore(pool),
    pool,
    verifyToken: createTokenVerifier(TOKENS),
    rateLimitPerMinute: 1_000_000_000,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    env,
    client,
    pool,
    databaseUrl,
    async request(method, path, body) {
      const principal = await servingCaller(pool, method, path, body);
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${await tokenFor(principal)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async skipTo(instantMs) {
      const now = await env.currentTimeMs();
      if (instantMs > now) await env.sleep(instantMs - now);
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      worker?.shutdown();
      await running;
      await env.teardown();
      await pool.end();
      await pg.stop();
    },
  };
}
