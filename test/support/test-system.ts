/**
 * The whole system for one test: a real time-skipping Temporal server, the real worker with its
 * activities on a real PostgreSQL database, and the real Express app on a loopback port.
 */
import type { ProviderDirectory } from '../../src/core/provider-directory';
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { Pool } from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../api/app';
import { createJourneyGateway } from '../../api/journey-gateway';
import { createDatabaseIfMissing, createPool, withAdminClient, withDatabase } from '../../src/infra/db/pool';
import { DEFAULT_APP_ROLE, ensureLoginRole, withCredentials } from '../../src/infra/db/app-role';
import { migrateDatabase } from '../../src/infra/db/migrate';
import { createLogger } from '../../src/infra/logger';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { createCaseloadStore } from '../../src/infra/caseload';
import type { Hl7Feeds, PlanPolicies } from '../../src/core/plan-policies';
import { registerSearchAttributes } from '../../src/infra/temporal/register-search-attributes';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { createJourneyWorker } from '../../worker/create-worker';
import { ROUTES } from '../../api/route-table';
import { memberParties } from '../../api/auth/member-visibility';
import { createTokenVerifier } from '../../src/infra/auth/token-verifier';
import { issueToken } from '../../src/infra/auth/issue-token';
import type { Principal } from '../../src/infra/auth/principal';
import type { TokenSettings } from '../../src/infra/auth/token-settings';
import { letterFileTransport } from '../../activities/notices/letter-file-transport';
import type { WebhookRetry } from '../../src/contracts/webhook-delivery';
import { webhookSecretKey } from '../../src/infra/webhooks/secret-box';

export const TEST_MEMBER_ID_KEY = 'test-member-id-key-0123456789';
/** Payload keys of the tests: the current one, and a retired one still able to open old payloads. */
export const TEST_PAYLOAD_KEYS = {
  currentKeyId: 'test-2',
  keys: { 'test-1': Buffer.alloc(32, 1), 'test-2': Buffer.alloc(32, 2) },
} as const;
/** The test worker's task queue, for clients the tests build themselves (the MLLP listener's). */
export const TASK_QUEUE = 'ecm-journeys-test';
/** How the tests' tokens are signed and verified. */
export const TEST_TOKENS = {
  kind: 'secret',
  secret: new TextEncoder().encode('test-token-secret-0123456789abcdef'),
  issuer: 'ecm-backbone',
  audience: 'ecm-api',
} as const satisfies TokenSettings;

const tokens = new Map<string, Promise<string>>();
/** A signed token for the principal (cached: tests make thousands of requests). */
export function tokenFor(principal: Principal): Promise<string> {
  const key = JSON.stringify(principal);
  let token = tokens.get(key);
  if (!token) {
    token = issueToken(TEST_TOKENS, principal);
    tokens.set(key, token);
  }
  return token;
}

/** `Authorization` header for the principal. */
export async function bearer(principal: Principal): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenFor(principal)}` };
}

/** A test caller of a role and organisation. */
export function caller(role: Principal['role'], organisation: string, careManagerId?: string): Principal {
  return { subject: `test-${role}-${organisation}${careManagerId ? `-${careManagerId}` : ''}`.slice(0, 64), role, organisation, ...(careManagerId ? { careManagerId } : {}) };
}

/**
 * The party a route serves, for tests that are about the journey rather than about access: the
 * member's plan for plan routes, the member's assigned provider for provider routes, ops for the
 * rest. Access itself is proved by test/api/access-matrix.test.ts with explicit callers.
 */
async function servingCaller(pool: Pool, method: string, path: string, body: unknown): Promise<Principal> {
  const [pathname, search = ''] = path.split('?');
  const spec = ROUTES.find((r) => r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(pathname!));
  const roles: readonly string[] = spec?.access.roles ?? ['plan'];
  const memberId = /^\/v1\/members\/(mbr_[0-9a-f]{32})/.exec(pathname!)?.[1];
  const parties = memberId ? await memberParties(pool, memberId) : undefined;
  if (roles.includes('plan')) {
    const b = body as { plan?: string; events?: { plan?: string }[] } | undefined;
    const plan = new URLSearchParams(search).get('plan') ?? b?.plan ?? b?.events?.[0]?.plan ?? parties?.plan ?? 'LA-CARE';
    return caller('plan', plan);
  }
  if (roles.includes('provider')) return caller('provider', parties?.providerId ?? 'PROV-ACME');
  return caller('ops', 'OPS');
}

/** A migrated database of its own for one test file. */
export interface TestDatabase {
  /** As the app role (least privilege), what the system's pool connects with. */
  readonly url: string;
  /** As the owner that ran the migrations (the cluster's superuser here). */
  readonly ownerUrl: string;
  /** The app role's pool, shared by the worker, the API and the test's own queries. */
  readonly pool: Pool;
  close(): Promise<void>;
}

/** The tests' app role, with the grants `npm start` and compose give theirs. */
export const TEST_APP_ROLE = { name: DEFAULT_APP_ROLE, password: 'ecm-app-test-password' } as const;

/**
 * Creates and migrates a fresh database on the run's embedded PostgreSQL, and connects as the app
 * role, so every test proves the system works with least privilege.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  await withAdminClient(adminUrl, (client) => ensureLoginRole(client, TEST_APP_ROLE.name, TEST_APP_ROLE.password));
  const name = `ecm_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await createDatabaseIfMissing(adminUrl, name);
  const ownerUrl = withDatabase(adminUrl, name);
  await migrateDatabase(ownerUrl, { appRole: TEST_APP_ROLE.name });
  const url = withCredentials(ownerUrl, TEST_APP_ROLE.name, TEST_APP_ROLE.password);
  const pool = createPool(url);
  return { url, ownerUrl, pool, close: () => pool.end() };
}

/** A JSON answer from the API. */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  // Tests inspect arbitrary JSON.
  readonly body: any;
}

/** The running system, with helpers that speak the test's language. */
export interface TestSystem {
  readonly env: TestWorkflowEnvironment;
  readonly client: Client;
  readonly pool: Pool;
  readonly logLines: readonly string[];
  /** The API's address, for requests that are not JSON. */
  readonly baseUrl: string;
  /** The system's own DATA_DIR: Notices of Action are delivered as letter files under it. */
  readonly dataDir: string;
  /** The Temporal server's current (skipped) time. */
  now(): Promise<number>;
  /** Skips the server's clock forward to an instant; timers due on the way fire. */
  skipTo(instantMs: number): Promise<void>;
  /**
   * A request as the party the route serves (see `servingCaller`), unless `headers` carries its
   * own `authorization` (an empty one sends none).
   */
  request(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  /** Number of events in the member journey's history, once the workflow has settled. */
  historyLength(memberId: string): Promise<number>;
  /** Issue 12: stops the worker (its running activities are cancelled) and starts a new one. */
  restartWorker(beforeStart?: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

let runtimeInstalled = false;
/** The SDK's own logs at WARN, so test output shows what matters. */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: 'ERROR' } } });
}

/** Which real server a test runs on. */
export interface TestSystemOptions {
  readonly plans?: PlanPolicies;
  /** HL7 feeds (the plans file's `feeds`). */
  readonly feeds?: Hl7Feeds;
  /** The provider directory (the plans file's `providers`). */
  readonly providers?: ProviderDirectory;
  /**
   * `time-skipping` (default) for deadlines; `dev` is the Temporal CLI's dev server, the same
   * server `npm start` runs, for behaviour the test server does not model (a rejected Update
   * leaves no event only on a real server, which discards the speculative workflow task).
   */
  readonly server?: 'time-skipping' | 'dev';
  /** Requests per minute per organisation (default: no practical limit). */
  readonly rateLimitPerMinute?: number;
  /** Issue 14: where webhook deliveries run (default: the journeys' queue, on this system's worker) and how they retry. */
  readonly webhooks?: { readonly taskQueue?: string; readonly retry?: WebhookRetry };
  /** Issue 12: rows an import batch works on at once (default 8). */
  readonly importConcurrency?: number;
}

/** Starts everything for one test. */
export async function startTestSystem(db: TestDatabase, options: TestSystemOptions = {}): Promise<TestSystem> {
  installQuietRuntime();
  const env =
    options.server === 'dev'
      ? await TestWorkflowEnvironment.createLocal({
          server: { executable: { type: 'existing-path', path: inject('cliPath') }, log: { format: 'json', level: 'error' } },
        })
      : await TestWorkflowEnvironment.createTimeSkipping({
          server: { executable: { type: 'existing-path', path: inject('testServerPath') } },
        });
  await registerSearchAttributes(env.connection, 'default');
  const dataConverter = encryptingDataConverter(TEST_PAYLOAD_KEYS);
  const logLines: string[] = [];
  const log = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const dataDir = mkdtempSync(join(tmpdir(), 'ecm-test-data-'));
  // Every client of the system encrypts: the test's own too.
  const client = new Client({ connection: env.connection, namespace: 'default', dataConverter });
  const webhooks = { client, taskQueue: options.webhooks?.taskQueue ?? TASK_QUEUE, secretKey: webhookSecretKey(TEST_MEMBER_ID_KEY), ...(options.webhooks?.retry ? { retry: options.webhooks.retry } : {}) };
  const newWorker = (): Promise<Worker> => createJourneyWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    pool: db.pool,
    log,
    // R-DENIAL-NOA: the default transport, as production runs it, into this system's own directory.
    notices: { plans: options.plans ?? {}, transport: letterFileTransport(dataDir) },
    reports: { pool: db.pool, plans: options.plans ?? {}, providers: options.providers ?? {}, dataDir },
    workflowBundlePath: inject('workflowBundlePath'),
    dataConverter,
    webhooks,
    imports: { memberIdKey: TEST_MEMBER_ID_KEY, plans: options.plans ?? {}, ...(options.importConcurrency ? { concurrency: options.importConcurrency } : {}) },
  });
  let worker: Worker = await newWorker();
  let running = worker.run();
  const app = createApp({
    journeys: createJourneyGateway(client, TASK_QUEUE),
    config: { memberIdKey: TEST_MEMBER_ID_KEY, plans: options.plans ?? {}, feeds: options.feeds ?? {}, providers: options.providers ?? {} },
    log,
    clock: () => env.currentTimeMs(),
    caseloads: createCaseloadStore(db.pool),
    pool: db.pool,
    verifyToken: createTokenVerifier(TEST_TOKENS),
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1_000_000,
    webhooks: { taskQueue: webhooks.taskQueue, allowLoopbackHttp: true, ...(options.webhooks?.retry ? { retry: options.webhooks.retry } : {}) },
    codec: { codec: dataConverter.payloadCodecs![0]!, uiOrigin: 'http://localhost:8233', token: 'test-codec-token-0123456789' },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The test's own timeline (see skipTo): the last instant asked for, and the last reading of the
  // server's clock with the real time it was taken at (taken before the read, so real time is
  // never under-counted).
  const realAt = performance.now();
  const serverAt = await env.currentTimeMs();
  const timeline = { asked: serverAt, serverAt, realAt };

  return {
    env,
    client,
    pool: db.pool,
    logLines,
    baseUrl,
    dataDir,
    now: () => env.currentTimeMs(),
    async skipTo(instantMs) {
      // Between skips the server's clock runs on in real time, so an instant the test reached a
      // moment ago may already be behind it; how far behind depends on how loaded the machine is.
      // A tolerance in seconds ("a few seconds behind is now") therefore fails at random under
      // load. Instead the decision is made on the test's own timeline, which does not depend on
      // load: an instant at or after the last one the test asked for (or the server's start) is
      // never a step back, and if the clock has already passed it, real time did that and the skip
      // is a no-op. An instant before that is a test going back in time: it fails loudly, however
      // little it goes back.
      if (instantMs < timeline.asked) {
        throw new Error(`cannot skip back in time: asked for ${new Date(instantMs).toISOString()} after ${new Date(timeline.asked).toISOString()}`);
      }
      timeline.asked = instantMs;
      const now = await env.currentTimeMs();
      // The no-op above is only honest while real time is all that moved the clock: measured, not
      // assumed, both sides of the comparison (the slack covers millisecond rounding).
      const ranAhead = now - timeline.serverAt - (performance.now() - timeline.realAt);
      if (ranAhead > 1_000) throw new Error(`the server's clock ran ${ranAhead} ms ahead of real time: something other than skipTo moved it`);
      // On the dev server sleep is real time: only ever a few seconds there.
      if (instantMs > now) await env.sleep(instantMs - now);
      timeline.realAt = performance.now();
      timeline.serverAt = await env.currentTimeMs();
    },
    async request(method, path, body, headers = {}) {
      const auth = 'authorization' in headers ? {} : await bearer(await servingCaller(db.pool, method, path, body));
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...auth, ...headers },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      // A CSV file (the monthly reports) stays text; everything else the API answers is JSON.
      return { status: res.status, headers: res.headers, body: text ? (res.headers.get('content-type')?.startsWith('text/csv') ? text : JSON.parse(text)) : undefined };
    },
    async historyLength(memberId) {
      // A fired timer sets off activities and workflow tasks that keep appending for a moment:
      // wait until nothing is pending and two reads agree.
      const handle = client.workflow.getHandle(memberJourneyWorkflowId(memberId));
      let last = -1;
      for (let i = 0; i < 100; i++) {
        const { raw } = await handle.describe();
        const length = (await handle.fetchHistory()).events?.length ?? 0;
        const idle = (raw.pendingActivities?.length ?? 0) === 0 && !raw.pendingWorkflowTask;
        if (idle && length === last) return length;
        last = length;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error('the workflow never settled');
    },
    async restartWorker(beforeStart) {
      worker.shutdown();
      await running;
      await beforeStart?.();
      worker = await newWorker();
      running = worker.run();
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      worker.shutdown();
      await running;
      await env.teardown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A request as a careful client sends it: a 503 (`temporal_unavailable`, the API's own call
 * deadline passed on a loaded machine) is retried with the same request, as the answer asks and
 * idempotency allows, up to `attempts` times. Any other answer is returned at once.
 */
export async function requestRetrying503(sys: TestSystem, method: 'GET' | 'POST', path: string, body?: unknown, attempts = 5): Promise<ApiAnswer> {
  let res = await sys.request(method, path, body);
  for (let attempt = 1; attempt < attempts && res.status === 503; attempt++) res = await sys.request(method, path, body);
  return res;
}
