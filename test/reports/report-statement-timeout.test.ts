/**
 * A monthly file is a batch read: the RTF of a provider serving 50,000 members sorts them all
 * before its first row (`npm run bench:rtf`), longer than the 30 s the pool allows a request-path
 * statement. The file's statements carry their own, longer bound. Proved without 50,000 members:
 * the RTF's statement is held on a table lock well past a pool's short timeout, then released.
 */
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReportMonth } from '../../src/core/reports/report-month';
import { createPool } from '../../src/infra/db/pool';
import { reportMemberIds, writeReport } from '../../src/infra/reports/monthly-report';
import { seedJourney } from '../support/care-record-seed';
import { createTestDatabase, type TestDatabase } from '../support/test-system';

const PROVIDER = 'PROV-TIMEOUT';
const POOL_TIMEOUT_MS = 200;
const HELD_MS = 1_500;

let db: TestDatabase;
let shortPool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase();
  shortPool = createPool(db.url, { statementTimeoutMs: POOL_TIMEOUT_MS });
  const j = await seedJourney(db.pool, { providerId: PROVIDER, stage: 'OUTREACH' });
  await db.pool.query(
    `INSERT INTO provider_assignments (referral_key, provider_id, assigned_at, member_id, sequence) VALUES ($1, $2, '2026-11-03T17:00:00Z', $3, 1)`,
    [j.referralKey, PROVIDER, j.memberId],
  );
}, 60_000);

afterAll(async () => {
  await shortPool?.end();
  await db?.close();
});

/** Holds an exclusive lock on a table the RTF reads until the report's statement waits on it, then `HELD_MS` more. */
async function holdConsentsWhile<T>(read: () => Promise<T>): Promise<T> {
  const locker = new pg.Client({ connectionString: db.ownerUrl });
  await locker.connect();
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE consents IN ACCESS EXCLUSIVE MODE');
    const reading = read();
    reading.catch(() => undefined);
    for (let i = 0; ; i++) {
      const { rows } = await locker.query(`SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'consents'::regclass AND NOT granted`);
      if (rows[0].n > 0) break;
      if (i > 600) throw new Error('the report never waited on the lock');
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, HELD_MS));
    await locker.query('COMMIT');
    return await reading;
  } finally {
    await locker.end();
  }
}

describe('monthly files outlast the request-path statement timeout', () => {
  const req = { kind: 'rtf' as const, providerId: PROVIDER, month: parseReportMonth('2026-11')!, producedAtMs: Date.parse('2026-12-01T12:00:00Z') };
  const sources = () => ({ pool: shortPool, plans: {}, providers: {} });

  it('writes the RTF although its statement runs well past the pool statement_timeout', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const rows = await holdConsentsWhile(() => writeReport(sources(), req, out));
    expect(rows).toBe(1);
    expect(Buffer.concat(chunks).toString('utf8').trim().split('\n')).toHaveLength(2);
  });

  it('lists the members to audit the same way, before the file is sent', async () => {
    const ids = await holdConsentsWhile(() => reportMemberIds(sources(), req));
    expect(ids).toHaveLength(1);
  });

  it('a request-path statement on the same pool is still cut at the pool bound', async () => {
    const locker = new pg.Client({ connectionString: db.ownerUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE consents IN ACCESS EXCLUSIVE MODE');
      // Without the lock's release the read can only end by the pool's bound (57014: query_canceled).
      await expect(shortPool.query('SELECT count(*) FROM consents')).rejects.toMatchObject({ code: '57014' });
      await locker.query('COMMIT');
    } finally {
      await locker.end();
    }
  });
});
