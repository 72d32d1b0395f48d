/**
 * What the scale measurements (tools/scale/) run on: one embedded PostgreSQL, the real Temporal
 * dev server (the one `npm start` runs), the workflow bundled with and without preloaded modules,
 * and journey workers in processes of their own. Journeys are started straight from a client with
 * the workflow's real input, as bench/intake.bench.ts does, so the API is not what is measured.
 */
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Pool } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { PROJECT_ROOT, resolveTemporalBinary } from '../../src/dev/runtime/temporal-binaries';
import { encryptingDataConverter, FAILURE_CONVERTER_PATH } from '../../src/infra/codec/data-converter';
import { migrateDatabase } from '../../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool, withDatabase } from '../../src/infra/db/pool';
import { recordReferral } from '../../src/infra/care-record/referrals';
import { registerSearchAttributes } from '../../src/infra/temporal/register-search-attributes';
import { MEMBER_JOURNEY_WORKFLOW, memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { defaultPlanPolicy } from '../../src/core/domain/plan-policy';
import { WORKFLOWS_PATH } from '../../worker/create-worker';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../worker/workflow-bundle-options';
import type { WorkerProcessStatus } from './journey-worker-process';

import { SCALE_PAYLOAD_KEYS } from './scale-keys';

export { SCALE_PAYLOAD_KEYS };
export const SCALE_TASK_QUEUE = 'ecm-scale';

export interface ScaleSystem {
  readonly client: Client;
  readonly pool: Pool;
  readonly databaseUrl: string;
  readonly temporalAddress: string;
  /** Paths of the workflow bundle with the pure core preloaded, and without. */
  readonly bundles: { readonly preloaded: string; readonly plain: string };
  close(): Promise<void>;
}

const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };

export async function startScaleSystem(): Promise<ScaleSystem> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR' } } });
  const dir = join(PROJECT_ROOT, '.data', `scale-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const pg: EmbeddedPostgres = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), persistent: false });
  await createDatabaseIfMissing(pg.databaseUrl('postgres'), 'scale');
  const databaseUrl = withDatabase(pg.databaseUrl('postgres'), 'scale');
  await migrateDatabase(databaseUrl);
  const pool = createPool(databaseUrl, { max: 20 });
  const cli = await resolveTemporalBinary('cli');
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: cli.path }, log: { format: 'json', level: 'error' } } });
  await registerSearchAttributes(env.connection, 'default');
  const bundle = async (name: string, preloadModules: string[]): Promise<string> => {
    const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: quiet, preloadModules });
    const path = join(dir, `${name}.js`);
    writeFileSync(path, code);
    return path;
  };
  const bundles = { preloaded: await bundle('preloaded', [...WORKFLOW_BUNDLER_OPTIONS.preloadModules]), plain: await bundle('plain', []) };
  const client = new Client({ connection: env.connection, namespace: 'default', dataConverter: encryptingDataConverter(SCALE_PAYLOAD_KEYS) });
  return {
    client, pool, databaseUrl, bundles,
    temporalAddress: env.connection.options.address,
    async close() {
      await env.teardown();
      await pool.end();
      await pg.stop();
    },
  };
}

/** A worker process (tools/scale/journey-worker-process.ts), with its status on request. */
export interface WorkerProcess {
  readonly child: ChildProcess;
  status(): Promise<WorkerProcessStatus>;
  stop(): Promise<void>;
}

export async function spawnWorker(sys: ScaleSystem, opts: { bundle: string; maxCached?: number; heapMiB?: number; taskQueue?: string }): Promise<WorkerProcess> {
  const child = fork(resolve(__dirname, 'journey-worker-process.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(opts.heapMiB ? [`--max-old-space-size=${opts.heapMiB}`] : [])],
    env: {
      ...process.env,
      SCALE_TEMPORAL_ADDRESS: sys.temporalAddress, SCALE_DATABASE_URL: sys.databaseUrl, SCALE_TASK_QUEUE: opts.taskQueue ?? SCALE_TASK_QUEUE, SCALE_BUNDLE_PATH: opts.bundle,
      ...(opts.maxCached === undefined ? {} : { SCALE_MAX_CACHED: String(opts.maxCached) }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((ok, fail) => {
    child.once('message', () => ok());
    child.once('exit', (code) => fail(new Error(`worker process exited with ${code}`)));
  });
  return {
    child,
    status: () => new Promise((ok) => {
      const on = (m: { kind: string; status: WorkerProcessStatus }): void => {
        if (m.kind !== 'status') return;
        child.off('message', on);
        ok(m.status);
      };
      child.on('message', on);
      child.send({ kind: 'status' });
    }),
    stop: () => new Promise((ok) => {
      child.once('exit', () => ok());
      child.send({ kind: 'stop' });
    }),
  };
}

/** The workflow input of journey `i` of a run, as intake would start it. */
export function journeyInput(run: string, i: number, receivedAt: string): { workflowId: string; memberId: string; args: unknown[] } {
  const memberId = `mbr_${run}${String(i).padStart(8, '0')}`;
  return {
    workflowId: memberJourneyWorkflowId(memberId),
    memberId,
    args: [{ start: { memberId, policy: defaultPlanPolicy('LA-CARE'), referral: { referralKey: `ref_${run}_${i}`, receivedAt, source: 'community', expedited: false, presumptive: false, populationsOfFocus: ['1a'] } } }],
  };
}

/** Starts journeys `from`..`to`-1, `concurrency` at a time; returns their workflow IDs. */
export async function startJourneys(sys: ScaleSystem, run: string, from: number, to: number, concurrency = 16, taskQueue = SCALE_TASK_QUEUE): Promise<string[]> {
  const receivedAt = new Date().toISOString();
  const ids: string[] = [];
  let next = from;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < to) {
      const i = next++;
      const input = journeyInput(run, i, receivedAt);
      // As intake does before its start: the member and the referral on record (synthetic people).
      await recordReferral(sys.pool, {
        memberId: input.memberId, plan: 'LA-CARE', referralId: `SCALE-${run}-${i}`, referralKey: `ref_${run}_${i}`, receivedAt, source: 'community',
        expedited: false, presumptive: false, populationsOfFocus: ['1a'],
        member: { cin: `${String(10_000_000 + i)}${run.slice(-1).toUpperCase()}`, name: { given: 'Scale', family: 'Member' }, dateOfBirth: '1970-01-01' },
      });
      await sys.client.workflow.start(MEMBER_JOURNEY_WORKFLOW, { taskQueue, workflowId: input.workflowId, args: input.args as never });
      ids.push(input.workflowId);
    }
  }));
  return ids;
}

/** Runs `work` over items, `concurrency` at a time. */
export async function eachConcurrently<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/** Waits until the worker is idle (no task, no activity) on two status reads in a row. */
export async function settled(worker: WorkerProcess, timeoutMs = 30 * 60_000): Promise<WorkerProcessStatus> {
  const until = Date.now() + timeoutMs;
  let idleBefore = false;
  for (;;) {
    const s = await worker.status();
    if (s.busy === 0 && idleBefore) return s;
    idleBefore = s.busy === 0;
    if (Date.now() > until) throw new Error('the worker never settled');
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const MiB = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
