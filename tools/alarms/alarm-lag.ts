/**
 * `npm run alarm-lag` (issue 16 §4): how late a deadline's alarm is seen, with N deadlines due at
 * one instant, against raw workflows sleeping to an instant and writing one row, in one run on
 * the real dev server and PostgreSQL. Both workers are separate processes, started as production
 * starts them (worker/main.ts; the raw one, tools/alarms/raw-alarm-worker.ts), with the same
 * ECM_WORKER_* tuning. Prints p50/p99 lag after the due instant of the TimerFired event, of
 * `EcmOverdue` visible (a visibility count), of the care-record row and of the escalation row.
 * Each journey's R-AUTH-EXPEDITED and R-ASSIGN fall due together (one turnaround), so N journeys
 * put 2N deadlines due at the instant; the figures follow R-AUTH-EXPEDITED's.
 *
 *   npm run alarm-lag -- [--n 1000] [--rounds 1] [--lead-ms <ms>]
 *
 * Each round runs both sides, 60 s apart, the order alternating (A B, B A, …).
 */
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { PROJECT_ROOT, resolveTemporalBinary } from '../../src/dev/runtime/temporal-binaries';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { parsePayloadKeys } from '../../src/infra/codec/payload-keys';
import { migrateDatabase } from '../../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool, withDatabase } from '../../src/infra/db/pool';
import { registerSearchAttributes } from '../../src/infra/temporal/register-search-attributes';
import { workerTuningEnvSchema, workerTuningOf } from '../../src/infra/worker-tuning';
import { curveQuantile, quantile, timerLags, watchSide } from './alarm-observe';
import { JOURNEY_QUEUE, RAW_QUEUE, startSide, type Side } from './alarm-sides';

const flag = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const N = Number(flag('--n') ?? 1000);
const ROUNDS = Number(flag('--rounds') ?? 1);
/** From the workers' being ready to the first instant: time for every journey to open (4–8 a second on a loaded 2-core machine). */
const LEAD_MS = Number(flag('--lead-ms') ?? 45_000 + N * 250 * ROUNDS);
const GAP_MS = 60_000;
const WATCH_MS = 55_000;
const MEMBER_ID_KEY = 'alarm-lag-member-id-key-0123456789';
const PAYLOAD_KEYS_JSON = JSON.stringify({ a1: Buffer.alloc(32, 5).toString('base64') });

function startWorker(script: string, env: Record<string, string>): ChildProcess {
  return spawn(join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx'), [script], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Journeys whose opening (referral and first deadlines) is in the care record. */
async function openedJourneys(pool: ReturnType<typeof createPool>): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM journey_events WHERE kind = 'referral-received'`);
  return Number(rows[0]!.n);
}

async function until(done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) await new Promise((r) => setTimeout(r, 500));
}

const ms = (v: number | undefined): string => (v === undefined ? '—' : `${Math.round(v)}`);

async function main(): Promise<void> {
  if (!Number.isInteger(N) || N < 1 || !Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error('--n and --rounds are positive integers');
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const setupStart = Date.now();
  const pg = await startEmbeddedPostgres({ dataDir: join(PROJECT_ROOT, '.data', `alarm-pg-${process.pid}`), persistent: false });
  await createDatabaseIfMissing(pg.databaseUrl('postgres'), 'alarms');
  const url = withDatabase(pg.databaseUrl('postgres'), 'alarms');
  await migrateDatabase(url);
  const pool = createPool(url, { max: 2 });
  await pool.query('CREATE TABLE IF NOT EXISTS alarm_raw_rows (alarm_key text PRIMARY KEY, recorded_at timestamptz NOT NULL DEFAULT clock_timestamp())');
  const cli = await resolveTemporalBinary('cli');
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: cli.path }, log: { format: 'json', level: 'error' } } });
  await registerSearchAttributes(env.connection, 'default');
  const connection = await Connection.connect({ address: env.address });
  const client = new Client({ connection, dataConverter: encryptingDataConverter(parsePayloadKeys(PAYLOAD_KEYS_JSON, 'a1')) });

  const common = { DATABASE_URL: url, TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: 'default', ECM_PAYLOAD_KEYS: PAYLOAD_KEYS_JSON, ECM_PAYLOAD_KEY_ID: 'a1', LOG_LEVEL: 'error' };
  const workers = [
    startWorker('worker/main.ts', { ...common, TEMPORAL_TASK_QUEUE: JOURNEY_QUEUE, MEMBER_ID_KEY, DATA_DIR: mkdtempSync(join(tmpdir(), 'alarm-lag-')), ECM_NOTICE_TRANSPORT: 'outbox' }),
    startWorker('tools/alarms/raw-alarm-worker.ts', { ...common, TEMPORAL_TASK_QUEUE: RAW_QUEUE }),
  ];
  try {
    // Both workers bundled and polling before any instant is fixed: one journey opens, one raw alarm fires.
    const warmUp = await startSide(client, { kind: 'ours', round: 99, atMs: Date.now() + 72 * 3_600_000 }, 1, MEMBER_ID_KEY);
    const rawWarmUp = await startSide(client, { kind: 'raw', round: 99, atMs: Date.now() + 1_000 }, 1, MEMBER_ID_KEY);
    await client.workflow.getHandle(rawWarmUp.workflowIds[0]!).result();
    await until(async () => (await openedJourneys(pool)) >= 1);
    console.log(`workers ready in ${((Date.now() - setupStart) / 1000).toFixed(0)} s (journey ${warmUp.workflowIds.length})`);
    const firstAt = Date.now() + LEAD_MS;
    const planned: Omit<Side, 'workflowIds'>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order: Side['kind'][] = round % 2 === 0 ? ['ours', 'raw'] : ['raw', 'ours'];
      order.forEach((kind, k) => planned.push({ kind, round, atMs: firstAt + (round * 2 + k) * GAP_MS }));
    }
    const sides: Side[] = [];
    for (const side of planned) sides.push(await startSide(client, side, N, MEMBER_ID_KEY));
    // Every journey opened (its referral and opening deadlines in the care record) before the first instant.
    const journeys = N * ROUNDS + 1;
    await until(async () => {
      const opened = await openedJourneys(pool);
      if (Date.now() > firstAt - 15_000) throw new Error(`setup overran the lead: ${opened}/${journeys} journeys open; raise --lead-ms`);
      return opened >= journeys;
    });
    console.log(`setup: ${journeys} journeys and ${N * ROUNDS} raw workflows in ${((Date.now() - setupStart) / 1000).toFixed(0)} s; first instant in ${((firstAt - Date.now()) / 1000).toFixed(0)} s`);
    const curves: Awaited<ReturnType<typeof watchSide>>[] = [];
    for (const side of sides) curves.push(await watchSide(client, pool, side, WATCH_MS));
    const timers: number[][] = [];
    for (const side of sides) timers.push(await timerLags(client, side));

    const tuning = workerTuningOf(workerTuningEnvSchema.parse(process.env));
    console.log(`\nalarm lag after the due instant, ${N} due at one instant, ${ROUNDS} round(s); ms, p50 / p99`);
    console.log(`worker: ${tuning.workflowTaskSlots} workflow task slots, ${tuning.activityTaskSlots} activity slots, ${tuning.workflowTaskPollers}/${tuning.activityTaskPollers} pollers, pool ${tuning.databasePoolMax}`);
    console.log('side   round | TimerFired    | EcmOverdue    | care-record row | escalation row');
    const p = (values: readonly number[]) => `${ms(quantile(values, 0.5)).padStart(5)} / ${ms(quantile(values, 0.99)).padStart(5)}`;
    const c = (i: number, metric: 'overdue' | 'rows' | 'escalations') =>
      `${ms(curveQuantile(curves[i]!, metric, 0.5, N, sides[i]!.atMs)).padStart(5)} / ${ms(curveQuantile(curves[i]!, metric, 0.99, N, sides[i]!.atMs)).padStart(5)}`;
    sides.forEach((side, i) => {
      const escalation = side.kind === 'raw' ? '       —' : c(i, 'escalations');
      console.log(`${side.kind.padEnd(6)} ${String(side.round).padStart(5)} | ${p(timers[i]!)} | ${c(i, 'overdue')} | ${c(i, 'rows')}   | ${escalation}`);
    });
    for (const kind of ['ours', 'raw'] as const) {
      const of = sides.flatMap((s, i) => (s.kind === kind ? [i] : []));
      const last = curves[of.at(-1)!]!.at(-1);
      if (last && (last.overdue < N || last.rows < N)) console.log(`${kind}: not every alarm was seen within ${WATCH_MS / 1000} s (overdue ${last.overdue}, rows ${last.rows} of ${N})`);
    }
    const ratio = (kind: 'overdue' | 'rows') => {
      const ours = sides.flatMap((s, i) => (s.kind === 'ours' ? [curveQuantile(curves[i]!, kind, 0.99, N, s.atMs) ?? Infinity] : []));
      const raw = sides.flatMap((s, i) => (s.kind === 'raw' ? [curveQuantile(curves[i]!, kind, 0.99, N, s.atMs) ?? Infinity] : []));
      return (quantile(ours, 0.5)! / quantile(raw, 0.5)!).toFixed(2);
    };
    console.log(`ratio ours / raw, median of rounds' p99: EcmOverdue ${ratio('overdue')}x, row ${ratio('rows')}x`);
  } finally {
    await Promise.all(workers.map(stopWorker));
    await env.teardown();
    await pool.end();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
