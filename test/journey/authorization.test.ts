import { describe, expect, it } from 'vitest';
import { actAt, deadlineOf, deadlineReaches, referAt, searchAttributesOf, stateOf, useJourneySystem, eventually, iso } from '../support/journey-test';
import { referralBody } from '../support/referrals';

// Hand-computed: received Wed 2030-11-27 10:00 PT. Thu 28 (Thanksgiving) and Fri 29 (day after)
// are CalHR holidays, Sat/Sun are not business days: Mon 2 Dec (1), Tue 3 (2), Wed 4 (3), Thu 5 (4),
// Fri 6 (5) → end of Fri 2030-12-06 Pacific.
const RECEIVED_BEFORE_THANKSGIVING = '2030-11-27T10:00:00.000-08:00';
const ROUTINE_DUE = '2030-12-06T23:59:59.999-08:00';
// 72 h after the same instant, holidays notwithstanding.
const EXPEDITED_DUE = '2030-11-30T10:00:00.000-08:00';

describe('benefit determination', () => {
  const { sys, db } = useJourneySystem();

  it('R-AUTH-ROUTINE: a decision one minute before the end of the 5th business day (across Thanksgiving and a weekend) is on time', async () => {
    const memberId = await referAt(sys(), RECEIVED_BEFORE_THANKSGIVING);
    expect((await deadlineOf(sys(), memberId, 'R-AUTH-ROUTINE')).dueAt).toBe(ROUTINE_DUE);
    const decidedAt = iso(Date.parse(ROUTINE_DUE) - 60_000);
    const res = await actAt(sys(), memberId, '/authorization', decidedAt, { decision: 'approved', decidedAt });
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe('AUTHORIZED');
    const deadline = await deadlineOf(sys(), memberId, 'R-AUTH-ROUTINE');
    expect(deadline.status).toBe('met');
    expect(Date.parse(deadline.fulfilledAt)).toBe(Date.parse(decidedAt));
    expect((await stateOf(sys(), memberId)).overdue).toBe(false);
  });

  it('R-AUTH-ROUTINE: one minute past the end of the 5th business day the deadline is breached, escalated to the plan, and the late decision is still taken', async () => {
    const memberId = await referAt(sys(), RECEIVED_BEFORE_THANKSGIVING);
    await sys().skipTo(Date.parse(ROUTINE_DUE) + 60_000);
    const breached = await deadlineReaches(sys(), memberId, 'R-AUTH-ROUTINE', 'breached');
    expect(breached.breachedAt).toBe(ROUTINE_DUE);
    const state = await stateOf(sys(), memberId);
    expect(state.overdue).toBe(true);
    expect(state.stage).toBe('REFERRED');
    await eventually(async () => expect((await searchAttributesOf(sys(), memberId)).EcmOverdue).toEqual([true]));
    const escalations = await eventually(async () => {
      const rows = await db().pool.query('SELECT rule, party, breached_at FROM deadline_escalations WHERE member_id = $1', [memberId]);
      expect(rows.rowCount).toBeGreaterThanOrEqual(1);
      return rows.rows;
    });
    // R-ASSIGN shares the turnaround, so it is escalated at the same instant.
    expect(escalations.map((r) => r.rule).sort()).toEqual(['R-ASSIGN', 'R-AUTH-ROUTINE']);
    expect(escalations.every((r) => r.party === 'plan' && r.breached_at.getTime() === Date.parse(ROUTINE_DUE))).toBe(true);

    const decidedAt = iso(Date.parse(ROUTINE_DUE) + 60_000);
    const late = await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt });
    expect(late.status).toBe(200);
    const after = await deadlineOf(sys(), memberId, 'R-AUTH-ROUTINE');
    expect(after.status).toBe('breached');
    expect(Date.parse(after.fulfilledAt)).toBe(Date.parse(decidedAt));
  });

  it('R-AUTH-EXPEDITED: an expedited referral is decided on time at 71:59 and breached at 72:01', async () => {
    const onTime = await referAt(sys(), RECEIVED_BEFORE_THANKSGIVING, { expedited: true });
    const late = (await sys().request('POST', '/v1/referrals', referralBody(RECEIVED_BEFORE_THANKSGIVING, { expedited: true }))).body.memberId;
    expect((await deadlineOf(sys(), onTime, 'R-AUTH-EXPEDITED')).dueAt).toBe(EXPEDITED_DUE);
    expect((await deadlineOf(sys(), onTime, 'R-ASSIGN')).dueAt).toBe(EXPEDITED_DUE);

    const at7159 = iso(Date.parse(EXPEDITED_DUE) - 60_000);
    expect((await actAt(sys(), onTime, '/authorization', at7159, { decision: 'approved', decidedAt: at7159 })).status).toBe(200);
    expect((await deadlineOf(sys(), onTime, 'R-AUTH-EXPEDITED')).status).toBe('met');

    await sys().skipTo(Date.parse(EXPEDITED_DUE) + 60_000);
    const breached = await deadlineReaches(sys(), late, 'R-AUTH-EXPEDITED', 'breached');
    expect(breached.breachedAt).toBe(EXPEDITED_DUE);
    expect((await deadlineOf(sys(), onTime, 'R-AUTH-EXPEDITED')).status).toBe('met');
  });

  it('R-AUTH-PRESUMPTIVE: a contracted provider’s E-Form is authorized and assigned to that provider at once, starting R-LCM-72H', async () => {
    const memberId = await referAt(sys(), RECEIVED_BEFORE_THANKSGIVING, { presumptive: true, providerId: 'PROV-EFORM', source: 'provider' });
    const state = await stateOf(sys(), memberId);
    expect(state.stage).toBe('ASSIGNED');
    expect(state.authorization).toMatchObject({ decision: 'approved', presumptive: true });
    expect(Date.parse(state.authorization.decidedAt)).toBe(Date.parse(RECEIVED_BEFORE_THANKSGIVING));
    expect(state.assignment).toMatchObject({ providerId: 'PROV-EFORM', response: { response: 'accepted' } });
    expect(state.deadlines.map((d: { rule: string; status: string }) => [d.rule, d.status])).toEqual([['R-LCM-72H', 'open']]);
    expect(state.deadlines[0].dueAt).toBe(EXPEDITED_DUE);
    expect(state.stageHistory.map((s: { stage: string }) => s.stage)).toEqual(['REFERRED', 'AUTHORIZED', 'ASSIGNED']);
    await eventually(async () => expect((await searchAttributesOf(sys(), memberId)).EcmProvider).toEqual(['PROV-EFORM']));
  });

  it('R-AUTH-PRESUMPTIVE: an E-Form without the submitting provider is refused and starts nothing', async () => {
    const now = iso(await sys().now());
    const body = referralBody(now, { presumptive: true });
    const res = await sys().request('POST', '/v1/referrals', body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_body');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'providerId' }));
    const rows = await db().pool.query('SELECT 1 FROM referrals WHERE referral_id = $1', [body.referralId]);
    expect(rows.rowCount).toBe(0);
  });

  it('R-DENIAL-NOA: a denial needs a reason, sends one Notice of Action with appeal rights to the member and the requester, and ends the journey', async () => {
    const memberId = await referAt(sys(), RECEIVED_BEFORE_THANKSGIVING);
    const decidedAt = iso(Date.parse(RECEIVED_BEFORE_THANKSGIVING) + 3_600_000);
    const noReason = await actAt(sys(), memberId, '/authorization', decidedAt, { decision: 'denied', decidedAt });
    expect([noReason.status, noReason.body.code]).toEqual([422, 'reason_required']);
    expect(noReason.body.errors).toContainEqual(expect.objectContaining({ path: 'reason' }));

    const body = { decision: 'denied', decidedAt, reason: 'Does not meet any Population of Focus' };
    const denied = await sys().request('POST', `/v1/members/${memberId}/authorization`, body);
    expect(denied.status).toBe(200);
    expect(denied.body.stage).toBe('DENIED');
    // The same request delivered again answers the same and sends no second notice.
    const again = await sys().request('POST', `/v1/members/${memberId}/authorization`, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(denied.body);

    const notices = await db().pool.query('SELECT notice_type, reason, recipients FROM notices_of_action WHERE member_id = $1', [memberId]);
    expect(notices.rows).toEqual([{ notice_type: 'denial', reason: body.reason, recipients: ['member', 'requester'] }]);
    const state = await stateOf(sys(), memberId);
    expect(state.stage).toBe('DENIED');
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-AUTH-ROUTINE').status).toBe('met');
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-ASSIGN')).toMatchObject({ status: 'cancelled', cancelReason: 'referral denied' });
    const handle = sys().client.workflow.getHandle(`member-journey-${memberId}`);
    expect(await handle.result()).toEqual({ memberId, stage: 'DENIED' });
  });
});
