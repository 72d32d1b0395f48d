/**
 * `npx tsx tools/perf/action-round-trip.ts`: what a journey action costs over a bare Temporal
 * Update, measured side by side on one dev server in one run (issue 16 §2). Four sides take turns,
 * one round trip each (A B C D A B C D …), so a slow spell of the shared machine hits all alike:
 *   api     an outreach attempt posted through the API (token, audit, zod, Update, care-record write);
 *   client  the same Update sent straight from a client to the journey (no HTTP);
 *   rawRow  a raw Update whose handler awaits an activity writing one row to PostgreSQL;
 *   rawNop  a raw Update on a trivial workflow.
 * It prints p50 and p99 of each and the ratios. ACTIONS (default 200) per side, JOURNEYS (default
 * 20) journeys per side, the round trips spread over them. Numbers compare within a run only.
 */
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../../api/app';
import { createJourneyGateway } from '../../api/journey-gateway';
import { issueToken } from '../../src/infra/auth/issue-token';
import { createTokenVerifier } from '../../src/infra/auth/token-verifier';
import { createCaseloadStore } from '../../src/infra/caseload';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { migrateDatabase } from '../../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool, withDatabase } from '../../src/infra/db/pool';
import { createLogger } from '../../src/infra/logger';
import { registerSearchAttributes } from '../../src/infra/temporal/register-search-attributes';
import { journeyUpdates, memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { PROJECT_ROOT, resolveTemporalBinary } from '../../src/dev/runtime/temporal-binaries';
import { createJourneyWorker } from '../../worker/create-worker';
import { rawRowUpdate, rawTrivialUpdate } from './raw-update-workflows';

const ACTIONS = Number(process.env.ACTIONS ?? 200);
const JOURNEYS = Number(process.env.JOURNEYS ?? 20);
// One round of every workflow first: a journey's first attempt of a month also opens its claims month (R-CLAIMS-60D).
const WARM_UP = JOURNEYS;
const KEY = 'perf-member-id-key-0123456789';
const KEYS = { currentKeyId: 'p1', keys: { p1: Buffer.alloc(32, 5) } };
const TOKENS = { kind: 'secret', secret: new TextEncoder().encode('perf-token-secret-0123456789abcdef'), issuer: 'ecm-backbone', audience: 'ecm-api' } as const;
const SIDES = ['api', 'client', 'rawRow', 'rawNop'] as const;
type Side = (typeof SIDES)[number];

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const instant = (): string => new Date(Date.now() - 1_000).toISOString();

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const pg = await startEmbeddedPostgres({ dataDir: join(PROJECT_ROOT, '.data', `perf-actions-pg-${process.pid}`), persistent: false });
  await createDatabaseIfMissing(pg.databaseUrl('postgres'), 'perf');
  const url = withDatabase(pg.databaseUrl('postgres'), 'perf');
  await migrateDatabase(url);
  const pool = createPool(url, { max: 10 });
  await pool.query('CREATE TABLE perf_rows (key text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())');
  const cli = await resolveTemporalBinary('cli');
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: cli.path }, log: { format: 'json', level: 'error' } } });
  await registerSearchAttributes(env.connection, 'default');
  const dataConverter = encryptingDataConverter(KEYS);
  const log = createLogger('silent');
  const journeyWorker = await createJourneyWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue: 'perf-journeys', pool, log, dataConverter });
  const rawWorker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'perf-raw',
    workflowsPath: require.resolve('./raw-update-workflows'),
    activities: {
      writeOneRow: async (key: string) => {
        await pool.query('INSERT INTO perf_rows (key) VALUES ($1) ON CONFLICT (key) DO NOTHING', [key]);
      },
    },
    dataConverter,
  });
  const running = [journeyWorker.run(), rawWorker.run()];
  const client = new Client({ connection: env.connection, dataConverter });
  const app = createApp({ journeys: createJourneyGateway(client, 'perf-journeys'), config: { memberIdKey: KEY, plans: {} }, log, clock: () => Promise.resolve(Date.now()), caseloads: createCaseloadStore(pool), pool,
    verifyToken: createTokenVerifier(TOKENS), rateLimitPerMinute: 1_000_000 });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const plan = `Bearer ${await issueToken(TOKENS, { subject: 'perf-plan', role: 'plan', organisation: 'LA-CARE' })}`;
  const provider = `Bearer ${await issueToken(TOKENS, { subject: 'perf-provider', role: 'provider', organisation: 'PROV-ACME' })}`;
  const post = async (path: string, authorization: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
    const answer = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200 && res.status !== 202) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(answer)}`);
    return answer;
  };

  // Journeys in outreach, where an attempt can be documented any number of times.
  const members: string[] = [];
  for (let j = 0; j < JOURNEYS; j++) {
    const at = instant();
    const referral = await post('/v1/referrals', plan, {
      referralId: `PERF-${process.pid}-${j}`, receivedAt: at, plan: 'LA-CARE', source: 'community', populationsOfFocus: ['1a'],
      member: { cin: `${String(20_000_000 + j)}P`, name: { given: 'Perf', family: 'Member' }, dateOfBirth: '1970-01-01' },
    });
    const m = `/v1/members/${String(referral.memberId)}`;
    await post(`${m}/authorization`, plan, { decision: 'approved', decidedAt: instant() });
    await post(`${m}/assignment`, plan, { providerId: 'PROV-ACME', assignedAt: instant() });
    await post(`${m}/assignment/response`, provider, { response: 'accepted', at: instant() });
    await post(`${m}/lead-care-manager`, provider, { careManagerId: 'LCM-PERF', at: instant() });
    members.push(String(referral.memberId));
  }
  const trivial = await Promise.all(Array.from({ length: JOURNEYS }, (_, j) => client.workflow.start('rawTrivialWorkflow', { taskQueue: 'perf-raw', workflowId: `perf-nop-${process.pid}-${j}` })));
  const rowing = await Promise.all(Array.from({ length: JOURNEYS }, (_, j) => client.workflow.start('rawRowWorkflow', { taskQueue: 'perf-raw', workflowId: `perf-row-${process.pid}-${j}` })));

  let n = 0;
  const attempt = () => ({ at: instant(), method: 'phone', result: 'no_answer', minutes: 5 });
  const roundTrip: Record<Side, (i: number) => Promise<unknown>> = {
    api: (i) => post(`/v1/members/${members[i % JOURNEYS]}/outreach-attempts`, provider, attempt()),
    client: (i) => client.workflow.getHandle(memberJourneyWorkflowId(members[i % JOURNEYS]!)).executeUpdate(journeyUpdates.logOutreachAttempt, { args: [{ actionKey: `perf-${++n}`, ...attempt() } as never] }),
    rawRow: (i) => rowing[i % JOURNEYS]!.executeUpdate(rawRowUpdate, { args: [`row-${++n}`] }),
    rawNop: (i) => trivial[i % JOURNEYS]!.executeUpdate(rawTrivialUpdate, { args: [`nop-${++n}`] }),
  };
  const samples: Record<Side, number[]> = { api: [], client: [], rawRow: [], rawNop: [] };
  for (let i = 0; i < WARM_UP + ACTIONS; i++) {
    for (const side of SIDES) {
      const t0 = performance.now();
      await roundTrip[side](i);
      if (i >= WARM_UP) samples[side].push(performance.now() - t0);
    }
  }

  console.log(`action round trips: ${ACTIONS} per side over ${JOURNEYS} workflows each, interleaved ${SIDES.join(' ')} …`);
  const figures = Object.fromEntries(SIDES.map((side) => {
    const sorted = [...samples[side]].sort((a, b) => a - b);
    return [side, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
  })) as Record<Side, { p50: number; p99: number }>;
  for (const side of SIDES) console.log(`${side.padEnd(7)} p50 ${figures[side].p50.toFixed(1).padStart(6)} ms   p99 ${figures[side].p99.toFixed(1).padStart(6)} ms`);
  for (const [ours, raw] of [['api', 'rawRow'], ['api', 'rawNop'], ['client', 'rawRow'], ['client', 'rawNop'], ['api', 'client']] as const) {
    console.log(`${ours} / ${raw}: p50 ${(figures[ours].p50 / figures[raw].p50).toFixed(2)}x   p99 ${(figures[ours].p99 / figures[raw].p99).toFixed(2)}x`);
  }

  server.close();
  journeyWorker.shutdown();
  rawWorker.shutdown();
  await Promise.all(running);
  await env.teardown();
  await pool.end();
  await pg.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
