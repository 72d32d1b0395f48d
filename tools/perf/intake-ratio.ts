/**
 * Issue 16 §1: what one `POST /v1/referrals` costs against a raw encrypted Temporal start with the
 * same memo and search attributes, measured side by side (A B A B …) so both sides see the same
 * machine load. The worker runs in a child process, as in production, so its tasks and activities
 * do not share the API's event loop. Then both sides again with C concurrent clients each.
 *
 *   npx tsx tools/perf/intake-ratio.ts            # N=200 sequential pairs, C=8 concurrent
 *   INTAKE_N=50 INTAKE_C=32 npx tsx tools/perf/intake-ratio.ts
 *
 * Numbers compare within one run only.
 */
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../../api/app';
import { createJourneyGateway } from '../../api/journey-gateway';
import { createTokenVerifier } from '../../src/infra/auth/token-verifier';
import { issueToken } from '../../src/infra/auth/issue-token';
import { createCaseloadStore } from '../../src/infra/caseload';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { startEmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { migrateDatabase } from '../../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool, withDatabase } from '../../src/infra/db/pool';
import { defaultPlanPolicy } from '../../src/core/domain/plan-policy';
import { createLogger } from '../../src/infra/logger';
import { PROJECT_ROOT, resolveTemporalBinary } from '../../src/dev/runtime/temporal-binaries';
import { registerSearchAttributes } from '../../src/infra/temporal/register-search-attributes';
import { MEMBER_JOURNEY_WORKFLOW } from '../../src/contracts/member-journey';
import { EcmPlan, EcmStage } from '../../src/contracts/search-attributes';
import { createJourneyWorker } from '../../worker/create-worker';

const N = Number(process.env.INTAKE_N ?? 200);
const C = Number(process.env.INTAKE_C ?? 8);
const KEY = 'bench-member-id-key-0123456789';
const KEYS = { currentKeyId: 'b1', keys: { b1: Buffer.alloc(32, 3) } };
const TOKENS = { kind: 'secret', secret: new TextEncoder().encode('bench-token-secret-0123456789abcdef'), issuer: 'ecm-backbone', audience: 'ecm-api' } as const;
const QUEUE = 'intake-ratio';

/** The child: one journey worker on the queue, until the parent disconnects. */
async function runWorker(address: string, databaseUrl: string): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const pool = createPool(databaseUrl, { max: 10 });
  const connection = await NativeConnection.connect({ address });
  const worker = await createJourneyWorker({ connection, namespace: 'default', taskQueue: QUEUE, pool, log: createLogger('silent'), dataConverter: encryptingDataConverter(KEYS) });
  process.on('disconnect', () => worker.shutdown());
  const running = worker.run();
  process.send?.('ready');
  await running;
  await pool.end();
}

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const cli = await resolveTemporalBinary('cli');
  const pg = await startEmbeddedPostgres({ dataDir: join(PROJECT_ROOT, '.data', `intake-ratio-pg-${process.pid}`), persistent: false });
  await createDatabaseIfMissing(pg.databaseUrl('postgres'), 'bench');
  const url = withDatabase(pg.databaseUrl('postgres'), 'bench');
  await migrateDatabase(url);
  const pool = createPool(url, { max: 10 });
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: cli.path }, log: { format: 'json', level: 'error' } } });
  await registerSearchAttributes(env.connection, 'default');
  const child = fork(__filename, ['worker', env.address, url], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'ignore', 'ipc'] });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });
  const dataConverter = encryptingDataConverter(KEYS);
  const client = new Client({ connection: env.connection, dataConverter });
  const app = createApp({ journeys: createJourneyGateway(client, QUEUE), config: { memberIdKey: KEY, plans: {} }, log: createLogger('silent'), clock: () => Promise.resolve(Date.now()), caseloads: createCaseloadStore(pool), pool,
    verifyToken: createTokenVerifier(TOKENS), rateLimitPerMinute: 100_000_000 });
  const authorization = `Bearer ${await issueToken(TOKENS, { subject: 'bench', role: 'plan', organisation: 'LA-CARE' })}`;
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const now = new Date().toISOString();
  let serial = 0;

  const ours = async (): Promise<number> => {
    const i = serial++;
    const body = { referralId: `R-${process.pid}-${i}`, receivedAt: now, plan: 'LA-CARE', member: { cin: `${String(10_000_000 + i)}B`, name: { given: 'Bench', family: 'Member' }, dateOfBirth: '1970-01-01' }, source: 'community', populationsOfFocus: ['1a'] };
    const t = performance.now();
    const res = await fetch(`${base}/v1/referrals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    if (res.status !== 202) throw new Error(`intake answered ${res.status}`);
    return performance.now() - t;
  };
  const raw = async (): Promise<number> => {
    const i = serial++;
    const t = performance.now();
    await client.workflow.start(MEMBER_JOURNEY_WORKFLOW, {
      taskQueue: QUEUE,
      workflowId: `raw-${process.pid}-${i}`,
      args: [{ start: { memberId: `mbr_raw${i}`, policy: defaultPlanPolicy('LA-CARE'), referral: { referralKey: `ref_raw${i}`, receivedAt: now, source: 'community', expedited: false, presumptive: false, populationsOfFocus: ['1a'] } } }],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      memo: { referralKey: `ref_raw${i}`, referralFingerprint: `fp_raw${i}` },
      typedSearchAttributes: [{ key: EcmStage, value: 'REFERRED' }, { key: EcmPlan, value: 'LA-CARE' }],
      staticSummary: 'ECM journey (LA-CARE)',
    });
    return performance.now() - t;
  };

  // Warm both paths (JIT, connections, the jose import) before anything counts.
  for (let i = 0; i < 10; i++) {
    await ours();
    await raw();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < N; i++) {
    a.push(await ours());
    b.push(await raw());
  }
  console.log(`sequential, ${N} pairs interleaved A B A B:`);
  console.log(`  our intake  p50 ${quantile(a, 0.5).toFixed(2)} ms  p99 ${quantile(a, 0.99).toFixed(2)} ms`);
  console.log(`  raw start   p50 ${quantile(b, 0.5).toFixed(2)} ms  p99 ${quantile(b, 0.99).toFixed(2)} ms`);
  console.log(`  ratio p50 ${(quantile(a, 0.5) / quantile(b, 0.5)).toFixed(2)}x`);

  // Throughput with C clients at once, alternating which side goes, three rounds each.
  const burst = async (one: () => Promise<number>): Promise<number> => {
    const perClient = Math.max(1, Math.floor(N / C));
    const t = performance.now();
    await Promise.all(Array.from({ length: C }, async () => {
      for (let k = 0; k < perClient; k++) await one();
    }));
    return (perClient * C) / ((performance.now() - t) / 1000);
  };
  const rateA: number[] = [];
  const rateB: number[] = [];
  for (let round = 0; round < 3; round++) {
    rateA.push(await burst(ours));
    rateB.push(await burst(raw));
  }
  console.log(`concurrent, ${C} clients, 3 rounds interleaved:`);
  console.log(`  our intake  median ${quantile(rateA, 0.5).toFixed(1)} /s  (${rateA.map((r) => r.toFixed(1)).join(', ')})`);
  console.log(`  raw start   median ${quantile(rateB, 0.5).toFixed(1)} /s  (${rateB.map((r) => r.toFixed(1)).join(', ')})`);
  console.log(`  ratio ${(quantile(rateA, 0.5) / quantile(rateB, 0.5)).toFixed(2)}x`);

  server.close();
  child.disconnect();
  await new Promise((resolve) => child.once('exit', resolve));
  await env.teardown();
  await pool.end();
  await pg.stop();
}

if (process.argv[2] === 'worker') {
  runWorker(process.argv[3]!, process.argv[4]!).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
