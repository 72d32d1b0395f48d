/**
 * `npm run bench:worklist`: GET /v1/worklist for a provider with 50,000 members (and as many
 * members of other providers beside them) on a real embedded PostgreSQL. Times the first page and
 * filtered pages through the real API, and prints EXPLAIN ANALYZE of the query behind each.
 */
import { Client, Connection } from '@temporalio/client';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { createApp } from '../api/app';
import { createJourneyGateway } from '../api/journey-gateway';
import { queryWorklist, type WorklistFilters, type WorklistScope } from '../api/routes/worklist/worklist-query';
import { createTokenVerifier } from '../src/infra/auth/token-verifier';
import { issueToken } from '../src/infra/auth/issue-token';
import type { Principal } from '../src/infra/auth/principal';
import { createCaseloadStore } from '../src/infra/caseload';
import { startEmbeddedPostgres } from '../src/dev/embedded-postgres';
import { migrateDatabase } from '../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool, withDatabase } from '../src/infra/db/pool';
import { createLogger } from '../src/infra/logger';
import { PROJECT_ROOT } from '../src/dev/runtime/temporal-binaries';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 50_000);
const TOKENS = { kind: 'secret', secret: new TextEncoder().encode('bench-token-secret-0123456789abcdef'), issuer: 'ecm-backbone', audience: 'ecm-api' } as const;

/** 2 × MEMBERS journeys: the first half PROV-BIG's (50 per Lead Care Manager), the rest spread over 100 other providers. */
async function seed(pool: Pool): Promise<void> {
  const n = 2 * MEMBERS;
  // Bulk inserts outlast the pool's statement timeout, which guards requests, not set-up.
  const db = await pool.connect();
  await db.query('SET statement_timeout = 0');
  try {
    await seedRows(db, n);
  } finally {
    db.release();
  }
}

async function seedRows(pool: PoolClient, n: number): Promise<void> {
  await pool.query(`INSERT INTO members (member_id, plan, cin, given_name, family_name, date_of_birth)
    SELECT 'mbr_' || md5('m' || i), 'LA-CARE', 'CIN' || i, 'Given', 'Family', '1970-01-01' FROM generate_series(1, $1) i`, [n]);
  await pool.query(`INSERT INTO referrals (referral_key, plan, referral_id, member_id, received_at, source, expedited, presumptive)
    SELECT 'ref_' || md5('r' || i), 'LA-CARE', 'REF-' || i, 'mbr_' || md5('m' || i), now() - interval '40 days', 'community', false, false FROM generate_series(1, $1) i`, [n]);
  await pool.query(`INSERT INTO member_journeys (referral_key, member_id, plan, received_at, stage, provider_id, care_manager_id)
    SELECT 'ref_' || md5('r' || i), 'mbr_' || md5('m' || i), 'LA-CARE', now() - interval '40 days', 'ENROLLED',
           CASE WHEN i <= $2 THEN 'PROV-BIG' ELSE 'PROV-' || (i % 100) END, 'LCM-' || (i / 50) FROM generate_series(1, $1) i`, [n, MEMBERS]);
  // Per journey: two open provider clocks, a plan clock, one met and one cancelled; one in twenty breached.
  await pool.query(`INSERT INTO deadlines (referral_key, deadline_key, member_id, rule, party, started_at, due_at, status, breached_at)
    SELECT 'ref_' || md5('r' || i), d.rule, 'mbr_' || md5('m' || i), d.rule, d.party, now() - interval '40 days',
           now() + ((i * 7919 + d.k * 104729) % (60 * 24 * 60)) * interval '1 minute' - interval '5 days',
           CASE WHEN d.k = 4 THEN 'met' WHEN d.k = 5 THEN 'cancelled' WHEN i % 20 = 0 AND d.k = 1 THEN 'breached' ELSE 'open' END,
           CASE WHEN i % 20 = 0 AND d.k = 1 THEN now() - interval '1 day' END
      FROM generate_series(1, $1) i,
           (VALUES (1, 'R-ASSESS-START', 'provider'), (2, 'R-ASSESS-COMPLETE', 'provider'), (3, 'R-AUTH-LAPSE', 'plan'),
                   (4, 'R-OUTREACH-30D', 'provider'), (5, 'R-DECLINE-1BD', 'provider')) AS d (k, rule, party)`, [n]);
  await pool.query('ANALYZE');
}

async function timed(base: string, principal: Principal, query: string): Promise<{ ms: number; items: number }> {
  const authorization = `Bearer ${await issueToken(TOKENS, principal)}`;
  const runs: number[] = [];
  let items = 0;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const res = await fetch(`${base}/v1/worklist${query}`, { headers: { authorization } });
    const body = (await res.json()) as { items?: unknown[] };
    if (res.status !== 200) throw new Error(`worklist answered ${res.status}: ${JSON.stringify(body)}`);
    runs.push(performance.now() - started);
    items = body.items?.length ?? 0;
  }
  runs.sort((a, b) => a - b);
  return { ms: Math.round(runs[2]! * 10) / 10, items };
}

/** EXPLAIN ANALYZE of the very query the handler runs. */
async function explain(pool: Pool, scope: WorklistScope, filters: WorklistFilters): Promise<string> {
  const explaining = { query: (text: string, params: unknown[]) => pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params) } as unknown as Pool;
  const rows = (await queryWorklist(explaining, {}, Date.now(), scope, filters, 50)) as unknown as { 'QUERY PLAN': string }[];
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

async function main(): Promise<void> {
  const pg = await startEmbeddedPostgres({ dataDir: join(PROJECT_ROOT, '.data', `bench-worklist-pg-${process.pid}`), persistent: false });
  const server: { s?: Server } = {};
  try {
    await createDatabaseIfMissing(pg.databaseUrl('postgres'), 'bench');
    const url = withDatabase(pg.databaseUrl('postgres'), 'bench');
    await migrateDatabase(url);
    const pool = createPool(url, { max: 4 });
    const seeding = performance.now();
    await seed(pool);
    console.log(`seeded ${2 * MEMBERS} journeys (${MEMBERS} of PROV-BIG), ${10 * MEMBERS} deadlines in ${Math.round(performance.now() - seeding)} ms`);
    // The worklist never calls Temporal: a lazy connection that is never used.
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const app = createApp({ journeys: createJourneyGateway(client, 'bench'), config: { memberIdKey: 'bench-member-id-key-0123456789', plans: {} }, log: createLogger('silent'),
      clock: () => Promise.resolve(Date.now()), caseloads: createCaseloadStore(pool), pool, verifyToken: createTokenVerifier(TOKENS), rateLimitPerMinute: 1_000_000 });
    server.s = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const base = `http://127.0.0.1:${(server.s.address() as AddressInfo).port}`;
    const provider: Principal = { subject: 'bench', role: 'provider', organisation: 'PROV-BIG' };
    const cases: [string, Principal, string, WorklistScope, WorklistFilters][] = [
      ['first page (provider, 50 items)', provider, '', { provider: 'PROV-BIG', parties: ['provider', 'lead_care_manager'] }, {}],
      ['filtered: rule=R-ASSESS-COMPLETE&status=due_soon', provider, '?rule=R-ASSESS-COMPLETE&status=due_soon', { provider: 'PROV-BIG', parties: ['provider', 'lead_care_manager'] }, { rule: 'R-ASSESS-COMPLETE', status: 'due_soon' }],
      ['filtered: status=overdue', provider, '?status=overdue', { provider: 'PROV-BIG', parties: ['provider', 'lead_care_manager'] }, { status: 'overdue' }],
      ['one Lead Care Manager (lcm token)', { ...provider, careManagerId: 'LCM-42' }, '', { provider: 'PROV-BIG', leadCareManager: 'LCM-42', parties: ['provider', 'lead_care_manager'] }, {}],
    ];
    for (const [name, principal, query, scope, filters] of cases) {
      const { ms, items } = await timed(base, principal, query);
      console.log(`\n## ${name}: median of 5 over HTTP ${ms} ms, ${items} items`);
      console.log(await explain(pool, scope, filters));
    }
    await pool.end();
  } finally {
    server.s?.close();
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
