/**
 * A care-record write that PostgreSQL refuses as a data error is never retried without end: the
 * activity fails for good, the journey records the problem where callers and ops see it, and it
 * keeps running, its clocks and later acts unaffected. A trigger on the test's own database plays
 * the refusing constraint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pool } from 'pg';
import { findStuckJourneys } from '../../tools/chaos/stuck-journeys';
import { inOutreach, ok } from '../support/journey-driver';
import { deadlineReaches, eventually, stateOf } from '../support/journey-test';
import { createTestDatabase, startTestSystem, type TestDatabase, type TestSystem } from '../support/test-system';

const AT = '2030-06-03T10:00:00.000-07:00';

describe('a care-record data error surfaces in the journey instead of retrying forever', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  let owner: Pool;
  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new Pool({ connectionString: db.ownerUrl, max: 1 });
    // The refusal: a check-constraint violation (SQLSTATE 23514) on two kinds of event only.
    await owner.query(`CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test' USING ERRCODE = '23514'; END $$`);
    await owner.query(`CREATE TRIGGER refuse_for_test BEFORE INSERT ON journey_events FOR EACH ROW
      WHEN (NEW.kind IN ('outreach-attempt', 'deadline-breached')) EXECUTE FUNCTION refuse_for_test()`);
    sys = await startTestSystem(db);
  });
  afterAll(async () => {
    await sys?.close();
    await owner?.end();
    await db?.close();
  });

  it('an act whose write is refused answers 500 at once, leaves a CARE-RECORD warning, and later acts and clocks go on', async () => {
    const memberId = await inOutreach(sys, AT, 'LCM-REFUSE');
    const attempt = await sys.request('POST', `/v1/members/${memberId}/outreach-attempts`, { at: AT, method: 'phone', result: 'no_answer', minutes: 10 });
    expect([attempt.status, attempt.body.code]).toEqual([500, 'internal_error']);
    const state = await stateOf(sys, memberId);
    expect(state.warnings.map((w: { rule: string; message: string }) => [w.rule, w.message])).toContainEqual([
      'CARE-RECORD',
      'the care record refused the outreach-attempt write (CareRecordDataError); it needs repair',
    ]);
    // The journey still takes acts whose writes the care record accepts.
    await ok(sys, memberId, '/enrollment', AT, { consent: 'verbal', recordedBy: 'LCM-REFUSE', at: AT });
    // A timer's write refused (the breach of R-ASSESS-START, 30 days on) is recorded, not retried, and the clock still breaches.
    await sys.skipTo(Date.parse('2030-07-03T23:59:59.999-07:00') + 60_000);
    await deadlineReaches(sys, memberId, 'R-ASSESS-START', 'breached');
    await eventually(async () => {
      const warnings = (await stateOf(sys, memberId)).warnings as { message: string }[];
      expect(warnings.filter((w) => w.message.includes('deadline-breached'))).toHaveLength(1);
    });
    // Nothing is left failing or retrying.
    expect(await findStuckJourneys(sys.client, { maxActivityAttempts: 2 })).toEqual([]);
  });
});
