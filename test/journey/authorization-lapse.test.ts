import { describe, expect, it } from 'vitest';
import { active, ok } from '../support/journey-driver';
import { deadlineOf, deadlineReaches, eventually, searchAttributesOf, stateOf, useJourneySystem } from '../support/journey-test';
import type { TestSystem } from '../support/test-system';

// Authorized Tue 2030-01-15 10:00 PT: the first period (R-AUTH-12M) is 2030-01-15 → 2031-01-14,
// so R-AUTH-LAPSE falls due at the end of Tue 2031-01-14 Pacific.
const AUTHORIZED = '2030-01-15T10:00:00.000-08:00';
const LAPSE_DUE = '2031-01-14T23:59:59.999-08:00';
const LAPSE_KEY = 'R-AUTH-LAPSE:period-1';
const PCQ_AT = '2030-12-16T10:00:00.000-08:00';
const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function escalations(sys: TestSystem, memberId: string) {
  const { rows } = await sys.pool.query('SELECT party, withdrawn_at FROM deadline_escalations WHERE member_id = $1 AND deadline_key = $2', [memberId, LAPSE_KEY]);
  return rows as { party: string; withdrawn_at: Date | null }[];
}

describe('R-AUTH-LAPSE: an authorization period that ends with no plan decision', () => {
  const { sys } = useJourneySystem();

  it('R-AUTH-LAPSE: a reauthorization decided one minute before the period’s last day ends is on time', async () => {
    const memberId = await active(sys(), AUTHORIZED);
    expect(await deadlineOf(sys(), memberId, LAPSE_KEY)).toMatchObject({ status: 'open', party: 'plan', dueAt: LAPSE_DUE });
    await ok(sys(), memberId, '/pcq', PCQ_AT, { submittedAt: PCQ_AT, recommendation: 'continue' });
    const decidedAt = iso(Date.parse(LAPSE_DUE) - minute);
    await ok(sys(), memberId, '/reauthorization', decidedAt, { decision: 'reauthorize', decidedAt });
    const state = await eventually(async () => {
      const s = await stateOf(sys(), memberId);
      expect(s.currentAuthorizationPeriod.number).toBe(2);
      return s;
    });
    expect(state.deadlines.find((d: { key: string }) => d.key === LAPSE_KEY)).toMatchObject({ status: 'met' });
    // The new period has its own clock, due at the end of its last day (2031-07-14).
    expect(state.deadlines.find((d: { key: string }) => d.key === 'R-AUTH-LAPSE:period-2')).toMatchObject({ status: 'open', dueAt: '2031-07-14T23:59:59.999-07:00' });
    expect(state.authorizationLapse).toBeUndefined();
  });

  it('R-AUTH-LAPSE: one minute after the period ends undecided the authorization has lapsed: in the state, the care record, EcmAuthorizationLapsed, and escalated to the plan', async () => {
    const memberId = await active(sys(), AUTHORIZED);
    await ok(sys(), memberId, '/pcq', PCQ_AT, { submittedAt: PCQ_AT, recommendation: 'continue' });
    await sys().skipTo(Date.parse(LAPSE_DUE) + minute);
    const lapse = await deadlineReaches(sys(), memberId, LAPSE_KEY, 'breached');
    expect(lapse.breachedAt).toBe(LAPSE_DUE);
    const state = await stateOf(sys(), memberId);
    expect(state.authorizationLapse).toEqual({ periodNumber: 1, since: LAPSE_DUE });
    expect(state.overdue).toBe(true);
    await eventually(async () => expect((await searchAttributesOf(sys(), memberId)).EcmAuthorizationLapsed).toEqual([true]));
    await eventually(async () => expect(await escalations(sys(), memberId)).toEqual([{ party: 'plan', withdrawn_at: null }]));
    const { rows } = await sys().pool.query('SELECT status FROM deadlines WHERE member_id = $1 AND deadline_key = $2', [memberId, LAPSE_KEY]);
    expect(rows).toEqual([{ status: 'breached' }]);

    // A decision dated a minute after the end is truly late: the lapse stays on record as breached.
    const late = iso(Date.parse(LAPSE_DUE) + minute);
    await ok(sys(), memberId, '/reauthorization', late, { decision: 'reauthorize', decidedAt: late });
    const after = await eventually(async () => {
      const s = await stateOf(sys(), memberId);
      expect(s.currentAuthorizationPeriod.number).toBe(2);
      return s;
    });
    expect(after.deadlines.find((d: { key: string }) => d.key === LAPSE_KEY)).toMatchObject({ status: 'breached', fulfilledAt: '2031-01-15T00:00:59.999-08:00' });
    expect(after.authorizationLapse).toBeUndefined();
    await eventually(async () => expect((await searchAttributesOf(sys(), memberId)).EcmAuthorizationLapsed).toEqual([false]));
  });

  it('R-AUTH-LAPSE: a decision dated before the end but documented after the lapse is met, documented late, and the plan’s escalation is withdrawn', async () => {
    const memberId = await active(sys(), AUTHORIZED);
    await ok(sys(), memberId, '/pcq', PCQ_AT, { submittedAt: PCQ_AT, recommendation: 'continue' });
    await sys().skipTo(Date.parse(LAPSE_DUE) + 2 * 86_400_000);
    await deadlineReaches(sys(), memberId, LAPSE_KEY, 'breached');
    const decidedAt = iso(Date.parse(LAPSE_DUE) - minute);
    const res = await sys().request('POST', `/v1/members/${memberId}/reauthorization`, { decision: 'reauthorize', decidedAt });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const after = await eventually(async () => {
      const s = await stateOf(sys(), memberId);
      expect(s.currentAuthorizationPeriod.number).toBe(2);
      return s;
    });
    expect(after.deadlines.find((d: { key: string }) => d.key === LAPSE_KEY)).toMatchObject({ status: 'met', documentedLate: true });
    await eventually(async () => expect((await escalations(sys(), memberId))[0]?.withdrawn_at).not.toBeNull());
    await eventually(async () => expect((await searchAttributesOf(sys(), memberId)).EcmAuthorizationLapsed).toEqual([false]));
  });
});
