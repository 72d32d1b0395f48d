/**
 * `npm run bench:rtf -- [--members 50000] [--month 2026-11]`: one provider's monthly files for that
 * many members, as the CLI and the monthly Schedule write them (writeMonthlyFiles), from a care
 * record seeded in bulk on an embedded PostgreSQL. Every member was assigned to the provider in
 * the month, named one of 1,000 Lead Care Managers (a confirmed caseload slot), reached on the third of three outreach attempts, opted in,
 * was assessed and has a care plan; one in five has a closed-loop referral; each has twelve journey events. Prints the time and
 * peak RSS of this process (the writer; PostgreSQL runs in its own) per file. Figures are for
 * this machine at this moment; they are not test assertions.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '../src/dev/embedded-postgres';
import { PROJECT_ROOT } from '../src/dev/runtime/temporal-binaries';
import { migrateDatabase } from '../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool, withDatabase } from '../src/infra/db/pool';
import { monthBounds, parseReportMonth } from '../src/core/reports/report-month';
import { CALIFORNIA_BUSINESS_CALENDAR } from '../src/core/calendar';
import { RTF_SQL } from '../src/infra/reports/rtf-query';
import { writeMonthlyFiles } from '../src/infra/reports/monthly-files';
import type { Pool } from 'pg';

const PROVIDER = 'PROV-ACME';

/** The month's members, in bulk: one statement per table over generate_series. */
async function seed(pool: Pool, members: number, month: string): Promise<void> {
  const start = `${month}-02T17:00:00Z`;
  const params = [members, start];
  const n = `generate_series(1, $1::int) AS i`;
  const key = `'bench-ref-' || i`;
  const member = `'bench-mbr-' || i`;
  const day = (d: number) => `($2::timestamptz + interval '${d} days' + (i % 600) * interval '1 minute')`;
  await pool.query(`INSERT INTO members (member_id, plan, cin, given_name, family_name, date_of_birth, language, contact)
    SELECT ${member}, 'LA-CARE', lpad(i::text, 9, '0') || 'A', 'Given' || (i % 977), 'Family' || (i % 4999), date '1960-01-01' + (i % 15000), 'English',
           jsonb_build_object('phone', '+1-213-555-' || lpad((i % 10000)::text, 4, '0'), 'address', i || ' W 7th St, Los Angeles, CA 90017')
      FROM ${n}`, [members]);
  await pool.query(`INSERT INTO referrals (referral_key, plan, referral_id, member_id, received_at, source, expedited, presumptive, populations_of_focus)
    SELECT ${key}, 'LA-CARE', 'REF-' || i, ${member}, ${day(-3)}, 'community', false, false, ARRAY['1a'] FROM ${n}`, params);
  await pool.query(`INSERT INTO member_journeys (referral_key, member_id, plan, received_at, stage, provider_id, care_manager_id)
    SELECT ${key}, ${member}, 'LA-CARE', ${day(-3)}, 'ACTIVE', '${PROVIDER}', 'LCM-' || lpad((i % 1000)::text, 4, '0') FROM ${n}`, params);
  await pool.query(`INSERT INTO provider_assignments (referral_key, provider_id, assigned_at, member_id, response, responded_at, sequence)
    SELECT ${key}, '${PROVIDER}', ${day(0)}, ${member}, 'accepted', ${day(0)}, 1 FROM ${n}`, params);
  await pool.query(`INSERT INTO lead_care_manager_namings (referral_key, event_key, member_id, care_manager_id, provider_id, named_at)
    SELECT ${key}, 'lcm-1', ${member}, 'LCM-' || lpad((i % 1000)::text, 4, '0'), '${PROVIDER}', ${day(1)} FROM ${n}`, params);
  // R-CASELOAD-50: 1,000 Lead Care Managers, 50 members each at 50,000 members.
  await pool.query(`INSERT INTO lead_care_managers (care_manager_id) SELECT DISTINCT 'LCM-' || lpad((i % 1000)::text, 4, '0') FROM ${n}`, [members]);
  await pool.query(`INSERT INTO lead_care_manager_caseloads (reservation_key, care_manager_id, member_id, plan, provider_id, assigned_at, reserved_caseload, confirmed_at)
    SELECT 'bench-res-' || i, 'LCM-' || lpad((i % 1000)::text, 4, '0'), ${member}, 'LA-CARE', '${PROVIDER}', ${day(1)}, 1 + i / 1000, ${day(1)} FROM ${n}`, params);
  for (const [a, result, method] of [[1, 'no_answer', 'phone'], [2, 'left_message', 'phone'], [3, 'reached', 'in_person']] as const) {
    await pool.query(`INSERT INTO outreach_attempts (referral_key, event_key, member_id, at, method, result, minutes)
      SELECT ${key}, 'outreach-${a}', ${member}, ${day(1 + a)}, '${method}', '${result}', 15 FROM ${n}`, params);
  }
  await pool.query(`INSERT INTO consents (referral_key, event_key, member_id, kind, method, recorded_by, at)
    SELECT ${key}, 'consent-1', ${member}, 'opt_in', 'verbal', 'LCM', ${day(4)} FROM ${n}`, params);
  await pool.query(`INSERT INTO assessments (referral_key, member_id, started_at, completed_at, sequence)
    SELECT ${key}, ${member}, ${day(5)}, ${day(8)}, 1 FROM ${n}`, params);
  await pool.query(`INSERT INTO care_plan_revisions (referral_key, version, event_key, member_id, at, acuity, problems, interventions, barriers)
    SELECT ${key}, 1, 'care-plan-1', ${member}, ${day(10)}, 'medium', ARRAY['housing'], ARRAY['referral'], ARRAY[]::text[] FROM ${n}`, params);
  await pool.query(`INSERT INTO community_referrals (referral_key, community_referral_id, member_id, referred_to, service_type, referred_at, status, status_at, sequence)
    SELECT ${key}, 'clr-1', ${member}, 'Food Bank', 'food', ${day(11)}, 'accepted', ${day(12)}, 1 FROM ${n} WHERE i % 5 = 0`, params);
  // The journey's own events, as its activities write them: twelve per member, one a care conference.
  await pool.query(`INSERT INTO journey_events (member_id, referral_key, event_key, kind, stage, occurred_at, detail)
    SELECT ${member}, ${key}, 'event-' || e, CASE WHEN e = 12 THEN 'case-conference' ELSE 'outreach-attempt' END, 'ACTIVE', ${day(0)} + e * interval '1 day', '{}'::jsonb
      FROM ${n}, generate_series(1, 12) AS e`, params);
  await pool.query('ANALYZE');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { members: { type: 'string', default: '50000' }, month: { type: 'string', default: '2026-11' }, explain: { type: 'boolean', default: false } } });
  const members = Number(values.members);
  const month = parseReportMonth(values.month);
  if (!Number.isInteger(members) || members < 1 || !month) throw new Error('usage: npm run bench:rtf -- [--members N] [--month YYYY-MM]');
  const pg = await startEmbeddedPostgres({ dataDir: join(PROJECT_ROOT, '.data', `bench-rtf-pg-${process.pid}`), persistent: false });
  const out = mkdtempSync(join(tmpdir(), 'bench-rtf-'));
  try {
    await createDatabaseIfMissing(pg.databaseUrl('postgres'), 'bench');
    const url = withDatabase(pg.databaseUrl('postgres'), 'bench');
    await migrateDatabase(url);
    // Seeding is a bulk load, unbounded; the files are read through a pool with the API's defaults.
    const seeding = createPool(url, { max: 1, statementTimeoutMs: 0 });
    const t0 = performance.now();
    await seed(seeding, members, values.month);
    await seeding.end();
    const pool = createPool(url, { max: 4 });
    console.log(`seeded ${members} members in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const sources = { pool, plans: {}, providers: {} };
    if (values.explain) {
      const { startMs, endMs } = monthBounds(month, CALIFORNIA_BUSINESS_CALENDAR.timeZone);
      const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${RTF_SQL}`, [PROVIDER, new Date(startMs), new Date(endMs), null]);
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    for (const kind of ['rtf', 'otf', 'capacity'] as const) {
      const baseRss = process.memoryUsage().rss;
      let peakRss = baseRss;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 50);
      const t = performance.now();
      const [file] = await writeMonthlyFiles(sources, { month, providerIds: [PROVIDER], dir: out, producedAtMs: Date.now(), kinds: [kind] });
      const seconds = (performance.now() - t) / 1000;
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
      console.log(`${kind.toUpperCase()}: ${file!.rows} rows, ${(statSync(file!.file).size / 1024 / 1024).toFixed(1)} MB file, ${seconds.toFixed(1)} s, peak RSS ${mb(peakRss)} MB (${mb(baseRss)} MB before)`);
    }
    await pool.end();
  } finally {
    rmSync(out, { recursive: true, force: true });
    await pg.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
