/**
 * migrations/1795421700000_notices.sql on a care record that already holds notices and reports:
 * the old rows get their notice ID (the very one the activity derives), their plan and a delivery
 * status that tells the truth, and from then on the keys are unique per journey only.
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { noticeIdOf } from '../../activities/notices/notice-id';
import { DEFAULT_MIGRATIONS_DIR, migrateDatabase } from '../../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool, dropDatabaseIfExists, withDatabase } from '../../src/infra/db/pool';

const NOTICES_MIGRATION = '1795421700000_notices.sql';
const KEY = 'auto:0123456789abcdef0123456789abcdef';

let adminUrl: string;
let databaseName: string;
let url: string;
let pool: Pool;
let before: string;

beforeAll(async () => {
  adminUrl = inject('postgresAdminUrl');
  databaseName = `ecm_notices_migration_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await createDatabaseIfMissing(adminUrl, databaseName);
  url = withDatabase(adminUrl, databaseName);
  // The schema as it stood before: every migration older than this one.
  before = mkdtempSync(join(tmpdir(), 'ecm-migrations-'));
  for (const file of readdirSync(DEFAULT_MIGRATIONS_DIR).filter((f) => f.endsWith('.sql') && f < NOTICES_MIGRATION)) {
    copyFileSync(join(DEFAULT_MIGRATIONS_DIR, file), join(before, file));
  }
  await migrateDatabase(url, { migrationsDir: before });
  pool = createPool(url);
});
afterAll(async () => {
  await pool?.end();
  if (databaseName) await dropDatabaseIfExists(adminUrl, databaseName);
  if (before) rmSync(before, { recursive: true, force: true });
});

async function journey(n: number): Promise<{ memberId: string; referralKey: string }> {
  const memberId = `mbr_${String(n).padStart(32, '0')}`;
  const referralKey = `ref_${String(n).padStart(32, '0')}`;
  await pool.query(`INSERT INTO members (member_id, plan, cin, given_name, family_name, date_of_birth) VALUES ($1, 'LA-CARE', $2, 'A', 'B', '1970-01-01')`, [memberId, `C${n}`]);
  await pool.query(
    `INSERT INTO referrals (referral_key, plan, referral_id, member_id, received_at, source, expedited, presumptive) VALUES ($1, 'LA-CARE', $2, $3, now(), 'community', false, false)`,
    [referralKey, `REF-${n}`, memberId],
  );
  return { memberId, referralKey };
}

describe('the notices migration', () => {
  it('R-DENIAL-NOA, R-UNREACHABLE: existing notices keep their facts, gain the activity’s notice ID, their plan and a truthful status; keys then repeat across journeys', async () => {
    const a = await journey(1);
    const b = await journey(2);
    await pool.query(
      `INSERT INTO notices_of_action (notice_key, member_id, referral_key, notice_type, reason, decided_at, recipients, sent_at)
       VALUES ($1, $2, $3, 'denial', 'r', now(), '{member,requester}', now())`,
      [`${KEY}:notice`, a.memberId, a.referralKey],
    );
    await pool.query(`INSERT INTO plan_reports (report_key, member_id, referral_key, plan, report, outcome, occurred_at) VALUES ($1, $2, $3, 'LA-CARE', 'outreach_outcome', 'unreachable', now())`, [
      `${KEY}:report`,
      a.memberId,
      a.referralKey,
    ]);
    // Before: the second journey's notice under the same key is lost.
    const lost = await pool.query(
      `INSERT INTO notices_of_action (notice_key, member_id, referral_key, notice_type, reason, decided_at, recipients)
       VALUES ($1, $2, $3, 'denial', 'r', now(), '{member}') ON CONFLICT DO NOTHING`,
      [`${KEY}:notice`, b.memberId, b.referralKey],
    );
    expect(lost.rowCount).toBe(0);

    await migrateDatabase(url);
    const { rows } = await pool.query('SELECT notice_id, plan, delivery_status, delivery_attempts, appeal_rights FROM notices_of_action');
    expect(rows).toEqual([{ notice_id: noticeIdOf(a.referralKey, `${KEY}:notice`), plan: 'LA-CARE', delivery_status: 'sent', delivery_attempts: 0, appeal_rights: null }]);

    // After: the same keys in another journey are that journey's own.
    await pool.query(
      `INSERT INTO notices_of_action (notice_id, notice_key, member_id, referral_key, plan, notice_type, reason, decided_at, recipients)
       VALUES ($1, $2, $3, $4, 'LA-CARE', 'denial', 'r', now(), '{member}')`,
      [noticeIdOf(b.referralKey, `${KEY}:notice`), `${KEY}:notice`, b.memberId, b.referralKey],
    );
    await pool.query(`INSERT INTO plan_reports (report_key, member_id, referral_key, plan, report, outcome, occurred_at) VALUES ($1, $2, $3, 'LA-CARE', 'outreach_outcome', 'unreachable', now())`, [
      `${KEY}:report`,
      b.memberId,
      b.referralKey,
    ]);
    const counts = await pool.query(`SELECT (SELECT count(*)::int FROM notices_of_action) AS notices, (SELECT count(*)::int FROM plan_reports) AS reports`);
    expect(counts.rows[0]).toEqual({ notices: 2, reports: 2 });
    // Within one journey a key is still one row.
    await expect(
      pool.query(`INSERT INTO plan_reports (report_key, member_id, referral_key, plan, report, outcome, occurred_at) VALUES ($1, $2, $3, 'LA-CARE', 'outreach_outcome', 'unreachable', now())`, [
        `${KEY}:report`,
        b.memberId,
        b.referralKey,
      ]),
    ).rejects.toThrow(/duplicate key/);
  });
});
