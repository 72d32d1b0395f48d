/**
 * Issue 16 §2: an action's care-record write runs as a local activity in the workflow task that
 * accepted the Update, so the act is answered in one task and is in the care record when it is
 * answered. A care record that stays unavailable through the local retries (about 16 s) hands the
 * write to the normal activity, which retries without a cap: the act is delayed, never lost, and
 * has one row once the care record is back. The outage is a trigger raising 57P03
 * (cannot_connect_now, what PostgreSQL answers while it starts) on the test's own database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pool } from 'pg';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { eventually, iso } from '../support/journey-test';
import { referralBody } from '../support/referrals';
import { createTestDatabase, startTestSystem, type TestDatabase, type TestSystem } from '../support/test-system';

/** Referred, authorized, assigned, accepted and with a Lead Care Manager, dated now on the dev server. */
async function inOutreachNow(sys: TestSystem, careManagerId: string): Promise<string> {
  const referral = await sys.request('POST', '/v1/referrals', referralBody(iso(await sys.now())));
  expect(referral.status).toBe(202);
  const memberId = referral.body.memberId as string;
  const now = iso(await sys.now());
  for (const [path, body] of [
    ['/authorization', { decision: 'approved', decidedAt: now }],
    ['/assignment', { providerId: 'PROV-ACME', assignedAt: now }],
    ['/assignment/response', { response: 'accepted', at: now }],
    ['/lead-care-manager', { careManagerId, at: now }],
  ] as const) {
    const res = await sys.request('POST', `/v1/members/${memberId}${path}`, body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  }
  return memberId;
}

async function attemptRows(pool: Pool, memberId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM journey_events WHERE member_id = $1 AND kind = 'outreach-attempt'`, [memberId]);
  return rows[0]!.n;
}

describe('an action’s care-record write on the Update’s path', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  let owner: Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Pool({ connectionString: db.ownerUrl, max: 1 });
    await owner.query(`CREATE FUNCTION unavailable_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'unavailable for the test' USING ERRCODE = '57P03'; END $$`);
    sys = await startTestSystem(db, { server: 'dev' });
  });
  afterAll(async () => {
    await sys?.close();
    await owner?.end();
    await db?.close();
  });

  it('an answered action is in the care record, written by a local activity in the workflow task that accepted it', async () => {
    const memberId = await inOutreachNow(sys, 'LCM-LOCAL-1');
    // The month's first attempt also opens the provider's claims month (R-CLAIMS-60D), an activity of its own.
    const first = await sys.request('POST', `/v1/members/${memberId}/outreach-attempts`, { at: iso(await sys.now()), method: 'text', result: 'no_answer', minutes: 5 });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const handle = sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId));
    const before = (await handle.fetchHistory()).events?.length ?? 0;
    const res = await sys.request('POST', `/v1/members/${memberId}/outreach-attempts`, { at: iso(await sys.now()), method: 'phone', result: 'no_answer', minutes: 10 }, { 'Idempotency-Key': 'local-write-0001' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Read at once, no waiting: the answer came after the row.
    expect(await attemptRows(db.pool, memberId)).toBe(2);
    const events = ((await handle.fetchHistory()).events ?? []).slice(before);
    expect(events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(1);
    expect(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordJourneyEvent')).toEqual([]);
    // One workflow task from the Update's acceptance to its answer.
    expect(events.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
  });

  it('a care record unavailable past the local retries: the write moves to a retrying activity, the act is delayed, never lost, and lands once', async () => {
    const memberId = await inOutreachNow(sys, 'LCM-LOCAL-2');
    await owner.query(`CREATE TRIGGER unavailable_for_test BEFORE INSERT ON journey_events FOR EACH ROW
      WHEN (NEW.kind = 'outreach-attempt') EXECUTE FUNCTION unavailable_for_test()`);
    const body = { at: iso(await sys.now()), method: 'phone', result: 'no_answer', minutes: 10 };
    const headers = { 'Idempotency-Key': 'outage-write-0001' };
    try {
      // The API's deadline passes while the write retries: the caller is told to come back.
      const first = await sys.request('POST', `/v1/members/${memberId}/outreach-attempts`, body, headers);
      expect(first.status, JSON.stringify(first.body)).toBe(503);
      // Past the local retries, the write is a normal activity, retrying where ops see it.
      const handle = sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId));
      await eventually(async () => {
        const pending = (await handle.describe()).raw.pendingActivities ?? [];
        expect(pending.map((a) => [a.activityType?.name, (a.attempt ?? 0) >= 1])).toEqual([['recordJourneyEvent', true]]);
      }, 90_000);
      expect(await attemptRows(db.pool, memberId)).toBe(0);
    } finally {
      await owner.query('DROP TRIGGER unavailable_for_test ON journey_events');
    }
    await eventually(async () => expect(await attemptRows(db.pool, memberId)).toBe(1), 90_000);
    // The caller's retry with the same key gets the act's answer; the care record keeps one row.
    const again = await sys.request('POST', `/v1/members/${memberId}/outreach-attempts`, body, headers);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(await attemptRows(db.pool, memberId)).toBe(1);
    expect(((await sys.request('GET', `/v1/members/${memberId}`)).body.outreachAttempts as unknown[]).length).toBe(1);
  }, 240_000);
});
