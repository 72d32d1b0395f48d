/**
 * The whole system for one test: a real time-skipping Temporal server, the real worker with its
 * activities on a real PostgreSQL database, and the real Express app on a loopback port.
 */
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Pool } from 'pg';
import { inject } from 'vitest';
import { createApp } from '../../api/app';
import { createJourneyGateway } from '../../api/journey-gateway';
import { createDatabaseIfMissing, createPool, withDatabase } from '../../src/db/pool';
import { migrateDatabase } from '../../src/db/migrate';
import { createLogger } from '../../src/logger';
import type { PlanPolicies } from '../../src/plan-policies';
import { registerSearchAttributes } from '../../src/temporal/register-search-attributes';
import { memberJourneyWorkflowId } from '../../workflows/member-journey/definitions';
import { createJourneyWorker } from '../../worker/create-worker';

export const TEST_MEMBER_ID_KEY = 'test-member-id-key-0123456789';
const TASK_QUEUE = 'ecm-journeys-test';

/** A migrated database of its own for one test file. */
export interface TestDatabase {
  readonly url: string;
  readonly pool: Pool;
  close(): Promise<void>;
}

/** Creates and migrates a fresh database on the run's embedded PostgreSQL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `ecm_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await createDatabaseIfMissing(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  await migrateDatabase(url);
  const pool = createPool(url);
  return { url, pool, close: () => pool.end() };
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
  /** The Temporal server's current (skipped) time. */
  now(): Promise<number>;
  /** Skips the server's clock forward to an instant; timers due on the way fire. */
  skipTo(instantMs: number): Promise<void>;
  request(method: 'GET' | 'POST', path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  /** Number of events in the member journey's history. */
  historyLength(memberId: string): Promise<number>;
  close(): Promise<void>;
}

let runtimeInstalled = false;
/** The SDK's own logs at WARN, so test output shows what matters. */
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: 'ERROR' } } });
}

/** Starts everything for one test. */
export async function startTestSystem(db: TestDatabase, options: { plans?: PlanPolicies } = {}): Promise<TestSystem> {
  installQuietRuntime();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: inject('testServerPath') } },
  });
  await registerSearchAttributes(env.connection, 'default');
  const logLines: string[] = [];
  const log = createLogger('info', { write: (line: string) => void logLines.push(line) });
  const worker: Worker = await createJourneyWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue: TASK_QUEUE,
    pool: db.pool,
    log,
    workflowBundlePath: inject('workflowBundlePath'),
  });
  const running = worker.run();
  const client = env.client;
  const app = createApp({
    journeys: createJourneyGateway(client, TASK_QUEUE),
    config: { memberIdKey: TEST_MEMBER_ID_KEY, plans: options.plans ?? {} },
    log,
    clock: () => env.currentTimeMs(),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    env,
    client,
    pool: db.pool,
    logLines,
    now: () => env.currentTimeMs(),
    async skipTo(instantMs) {
      const now = await env.currentTimeMs();
      if (instantMs < now) throw new Error(`cannot skip back in time: ${new Date(instantMs).toISOString()} < ${new Date(now).toISOString()}`);
      if (instantMs > now) await env.sleep(instantMs - now);
    },
    async request(method, path, body, headers = {}) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    async historyLength(memberId) {
      const history = await client.workflow.getHandle(memberJourneyWorkflowId(memberId)).fetchHistory();
      return history.events?.length ?? 0;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
