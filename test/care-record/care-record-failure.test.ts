/**
 * Care-record activities fail for good on a data error and keep retrying on an outage, and their
 * failure never quotes what PostgreSQL refused. Every error here is provoked on a real PostgreSQL
 * (or a real closed port), through the activities the worker registers (worker/create-worker.ts).
 */
import { ApplicationFailure } from '@temporalio/common';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARE_RECORD_DATA_ERROR, CARE_RECORD_UNAVAILABLE, careRecordFailure } from '../../activities/care-record/care-record-failure';
import type { ReferralRecord } from '../../activities/care-record/types';
import { createPool } from '../../src/infra/db/pool';
import { journeyActivities } from '../../worker/create-worker';
import { createLogger } from '../../src/infra/logger';
import { closedPort } from '../support/closed-port';
import { uniqueCin } from '../support/referrals';
import { createTestDatabase, type TestDatabase } from '../support/test-system';

function referral(overrides: Partial<ReferralRecord> & { dateOfBirth?: string } = {}): ReferralRecord {
  const cin = uniqueCin();
  const { dateOfBirth = '1970-01-02', ...rest } = overrides;
  return {
    memberId: `mbr_${cin.toLowerCase().padEnd(32, '0')}`,
    plan: 'LA-CARE',
    referralId: `REF-${cin}`,
    referralKey: `ref_${cin}`,
    receivedAt: '2030-11-13T09:00:00.000-08:00',
    source: 'community',
    expedited: false,
    presumptive: false,
    populationsOfFocus: ['1a'],
    member: { cin, name: { given: 'Rosalind', family: 'Achterberg' }, dateOfBirth },
    ...rest,
  };
}

async function failureOf(work: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe('care-record activities: data errors fail for good, outages retry', () => {
  let db: TestDatabase;
  const log = createLogger('silent');
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('an impossible date of birth (SQLSTATE class 22) is a non-retryable CareRecordDataError naming the SQLSTATE, not the date', async () => {
    const failure = await failureOf(journeyActivities({ pool: db.pool, log }).recordReferral(referral({ dateOfBirth: '1970-02-30' })));
    expect(failure.type).toBe(CARE_RECORD_DATA_ERROR);
    expect(failure.nonRetryable).toBe(true);
    // 22008 datetime_field_overflow: PostgreSQL's own message quotes the value.
    expect(failure.message).toContain('SQLSTATE 22008');
    expect(failure.message).not.toContain('1970-02-30');
    expect(failure.message).not.toContain('Rosalind');
    expect(failure.cause).toBeUndefined();
  });

  it('a NUL byte in a name (SQLSTATE class 22) is a non-retryable CareRecordDataError', async () => {
    const failure = await failureOf(journeyActivities({ pool: db.pool, log }).recordReferral(referral({ member: { cin: uniqueCin(), name: { given: 'Ana\u0000', family: 'Lopez' }, dateOfBirth: '1970-01-02' } })));
    expect([failure.type, failure.nonRetryable]).toEqual([CARE_RECORD_DATA_ERROR, true]);
    // 22021 character_not_in_repertoire: UTF-8 text may not hold NUL.
    expect(failure.message).toContain('SQLSTATE 22021');
  });

  it('a value a CHECK constraint refuses (SQLSTATE class 23) is a non-retryable CareRecordDataError naming the constraint', async () => {
    const failure = await failureOf(journeyActivities({ pool: db.pool, log }).recordReferral(referral({ source: 'carrier_pigeon' as ReferralRecord['source'] })));
    expect([failure.type, failure.nonRetryable]).toEqual([CARE_RECORD_DATA_ERROR, true]);
    // 23514 check_violation on referrals.source; PostgreSQL names the constraint, we pass on only that.
    expect(failure.message).toMatch(/SQLSTATE 23514, constraint referrals_source_check$/);
    // Nothing was half-written: the member row went with the transaction.
    expect((await db.pool.query('SELECT count(*)::int AS n FROM members WHERE given_name = $1', ['Rosalind'])).rows[0].n).toBe(0);
  });

  it('a database nobody listens for (ECONNREFUSED) is a retryable CareRecordUnavailable', async () => {
    const unreachable = createPool(`postgres://ecm@127.0.0.1:${await closedPort()}/ecm`, { onError: () => undefined });
    try {
      const failure = await failureOf(journeyActivities({ pool: unreachable, log }).recordReferral(referral()));
      expect([failure.type, failure.nonRetryable]).toEqual([CARE_RECORD_UNAVAILABLE, false]);
      expect(failure.message).toContain('ECONNREFUSED');
    } finally {
      await unreachable.end();
    }
  });

  it('a server shutting the connection (SQLSTATE 57P01 admin_shutdown) is a retryable CareRecordUnavailable', async () => {
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined);
    await client.connect();
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const running = client.query('SELECT pg_sleep(60)').then(
      () => undefined,
      (e: unknown) => e,
    );
    // Wait until the statement runs, then terminate its backend as an administrator (or a restart) would.
    for (;;) {
      const { rows } = await db.pool.query(`SELECT state FROM pg_stat_activity WHERE pid = $1`, [pid]);
      if (rows[0]?.state === 'active') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await db.pool.query('SELECT pg_terminate_backend($1)', [pid]);
    const err = await running;
    await client.end().catch(() => undefined);
    expect((err as { code?: string }).code).toBe('57P01');
    const failure = careRecordFailure(err);
    expect([failure.type, failure.nonRetryable]).toEqual([CARE_RECORD_UNAVAILABLE, false]);
  });

  it('a failure raised on purpose passes through unchanged', () => {
    const own = ApplicationFailure.nonRetryable('already decided', 'SomethingOwn');
    expect(careRecordFailure(own)).toBe(own);
  });
});
