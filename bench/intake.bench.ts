/**
 * `npm run bench`: what our intake costs over a bare Temporal start, measured in one run on the
 * real dev server. It posts N referrals through the API (validation, identity, describe, start
 * with search attributes, encryption) and starts N journeys straight from a client with the same
 * input, then prints both rates and their ratio. Numbers are for comparison within a run only.
 */
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createApp } from '../api/app';
import { createJourneyGateway } from '../api/journey-gateway';
import { createTokenVerifier } from '../src/infra/auth/token-verifier';
import { issueToken } from '../src/infra/auth/issue-token';
import { createCaseloadStore } from '../src/infra/caseload';
import { encryptingDataConverter } from '../src/infra/codec/data-converter';
import { startEmbeddedPostgres } from '../src/dev/embedded-postgres';
import { migrateDatabase } from '../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool, withDatabase } from '../src/infra/db/pool';
import { defaultPlanPolicy } from '../src/core/domain/plan-policy';
import { createLogger } from '../src/infra/logger';
import { PROJECT_ROOT, resolveTemporalBinary } from '../src/dev/runtime/temporal-binaries';
import { registerSearchAttributes } from '../src/infra/temporal/register-search-attributes';
import { MEMBER_JOURNEY_WORKFLOW } from '../src/contracts/member-journey';
import { createJourneyWorker } from '../worker/create-worker';

const N = Number(process.env.BENCH_N ?? 100);
const KEY = 'bench-member-id-key-0123456789';
const KEYS = { currentKeyId: 'b1', keys: { b1: Buffer.alloc(32, 3) } };

const TOKENS = { kind: 'secret', secret: new TextEncoder().encode('bench-token-secret-0123456789abcdef'), issuer: 'ecm-backbone', audience: 'ecm-api' } as const;

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const cli = await resolveTemporalBinary('cli');
  const pg = await startEmbeddedPostgres({ dataDir: join(PROJECT_ROOT, '.data', `bench-pg-${process.pid}`), persistent: false });
  await createDatabaseIfMissing(pg.databaseUrl('postgres'), 'bench');
  const url = withDatabase(pg.databaseUrl('postgres'), 'bench');
  await migrateDatabase(url);
  const pool = createPool(url, { max: 10 });
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: cli.path }, log: { format: 'json', level: 'error' } } });
  await registerSearchAttributes(env.connection, 'default');
  const dataConverter = encryptingDataConverter(KEYS);
  const log = createLogger('silent');
  const worker = await createJourneyWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue: 'bench', pool, log, dataConverter });
  const running = worker.run();
  const client = new Client({ connection: env.connection, dataConverter });
  const app = createApp({ journeys: createJourneyGateway(client, 'bench'), config: { memberIdKey: KEY, plans: {} }, log, clock: () => Promise.resolve(Date.now()), caseloads: createCaseloadStore(pool), pool,
    verifyToken: createTokenVerifier(TOKENS), rateLimitPerMinute: 1_000_000 });
  const authorization = `Bearer ${await issueToken(TOKENS, { subject: 'bench', role: 'plan', organisation: 'LA-CARE' })}`;
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const now = new Date().toISOString();
  const body = (i: number) => ({
    referralId: `BENCH-${process.pid}-${i}`,
    receivedAt: now,
    plan: 'LA-CARE',
    member: { cin: `${String(10_000_000 + i)}B`, name: { given: 'Bench', family: 'Member' }, dateOfBirth: '1970-01-01' },
    source: 'community',
    populationsOfFocus: ['1a'],
  });

  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const res = await fetch(`${base}/v1/referrals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body(i)) });
    if (res.status !== 202) throw new Error(`intake answered ${res.status}`);
  }
  const intakeMs = performance.now() - t0;

  const t1 = performance.now();
  for (let i = 0; i < N; i++) {
    await client.workflow.start(MEMBER_JOURNEY_WORKFLOW, {
      taskQueue: 'bench',
      workflowId: `raw-${process.pid}-${i}`,
      args: [{ start: { memberId: `mbr_raw${i}`, policy: defaultPlanPolicy('LA-CARE'), referral: { referralKey: `ref_raw${i}`, receivedAt: now, source: 'community', expedited: false, presumptive: false, populationsOfFocus: ['1a'] } } }],
    });
  }
  const rawMs = performance.now() - t1;

  console.log(`referrals: ${N}`);
  console.log(`our intake (HTTP → token → audit → validation → describe → encrypted start → care record): ${(N / (intakeMs / 1000)).toFixed(1)} /s, ${(intakeMs / N).toFixed(2)} ms each`);
  console.log(`raw Temporal starts (same workflow, same input, encrypted):  ${(N / (rawMs / 1000)).toFixed(1)} /s, ${(rawMs / N).toFixed(2)} ms each`);
  console.log(`ratio intake / raw time per referral: ${(intakeMs / rawMs).toFixed(2)}x`);

  server.close();
  worker.shutdown();
  await running;
  await env.teardown();
  await pool.end();
  await pg.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
