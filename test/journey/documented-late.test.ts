/**
 * ECM-RULES §1 as updated: a deadline is met when its act is dated on time, whenever the act is
 * documented. These journeys happen in September 2031 and are documented on 1 October, after
 * every timer has fired: what a plan keying in late, or a member brought over from another
 * system, does.
 */
import { describe, expect, it } from 'vitest';
import { deadlineOf, deadlineReaches, eventually, searchAttributesOf, stateOf, useJourneySystem } from '../support/journey-test';
import { referralBody } from '../support/referrals';
import type { TestSystem } from '../support/test-system';

// Hand-computed: received Mon 2031-09-15 09:00 PT. Business days Tue 16 (1), Wed 17 (2), Thu 18
// (3), Fri 19 (4), Mon 22 (5): R-AUTH-ROUTINE and R-ASSIGN are due at the end of Mon 2031-09-22
// Pacific (Labor Day was 1 September; PDT throughout). Everything is documented on 1 October.
const RECEIVED = '2031-09-15T09:00:00.000-07:00';
const ROUTINE_DUE = '2031-09-22T23:59:59.999-07:00';
const DOCUMENTED = '2031-10-01T12:00:00.000-07:00';
const minute = 60_000;
const shift = (at: string, ms: number): string => new Date(Date.parse(at) + ms).toISOString();

/** Posts an action now (the server's clock), dated whenever the act happened. */
async function document(sys: TestSystem, memberId: string, path: string, body: Record<string, unknown>) {
  const res = await sys.request('POST', `/v1/members/${memberId}${path}`, body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

async function escalationOf(sys: TestSystem, memberId: string, deadlineKey: string) {
  return eventually(async () => {
    const { rows } = await sys.pool.query('SELECT party, withdrawn_at, withdrawal_reason FROM deadline_escalations WHERE member_id = $1 AND deadline_key = $2', [memberId, deadlineKey]);
    expect(rows).toHaveLength(1);
    return rows[0] as { party: string; withdrawn_at: Date | null; withdrawal_reason: string | null };
  });
}

/** A referral received on 15 September whose opening clocks have all fired by 1 October. */
async function alarmedReferral(sys: TestSystem): Promise<string> {
  await sys.skipTo(Date.parse(RECEIVED));
  const res = await sys.request('POST', '/v1/referrals', referralBody(RECEIVED));
  await sys.skipTo(Date.parse(DOCUMENTED));
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const memberId = res.body.memberId as string;
  expect((await deadlineReaches(sys, memberId, 'R-AUTH-ROUTINE', 'breached')).dueAt).toBe(ROUTINE_DUE);
  await deadlineReaches(sys, memberId, 'R-ASSIGN', 'breached');
  expect((await escalationOf(sys, memberId, 'R-AUTH-ROUTINE')).withdrawn_at).toBeNull();
  return memberId;
}

describe('deadlines judged by when acts happened, whenever they are documented', () => {
  const { sys } = useJourneySystem();

  it('R-AUTH-ROUTINE: a decision dated one minute before the due instant, documented after the alarm, is met and documented late; the escalation is withdrawn', async () => {
    const memberId = await alarmedReferral(sys());
    const decidedAt = shift(ROUTINE_DUE, -minute);
    await document(sys(), memberId, '/authorization', { decision: 'approved', decidedAt });
    const deadline = await deadlineOf(sys(), memberId, 'R-AUTH-ROUTINE');
    expect(deadline).toMatchObject({ status: 'met', documentedLate: true });
    expect(Date.parse(deadline.fulfilledAt)).toBe(Date.parse(decidedAt));
    expect(Date.parse(deadline.documentedAt)).toBeGreaterThan(Date.parse(ROUTINE_DUE));
    const escalation = await eventually(async () => {
      const e = await escalationOf(sys(), memberId, 'R-AUTH-ROUTINE');
      expect(e.withdrawn_at).not.toBeNull();
      return e;
    });
    expect(escalation).toMatchObject({ party: 'plan', withdrawal_reason: 'act dated on time, documented late' });
    const { rows } = await sys().pool.query('SELECT status, documented_late FROM deadlines WHERE member_id = $1 AND deadline_key = $2', [memberId, 'R-AUTH-ROUTINE']);
    expect(rows).toEqual([{ status: 'met', documented_late: true }]);

    // R-ASSIGN is still overdue; its timely assignment, documented now, is met late too.
    expect((await stateOf(sys(), memberId)).overdue).toBe(true);
    await document(sys(), memberId, '/assignment', { providerId: 'PROV-ACME', assignedAt: shift(ROUTINE_DUE, -minute) });
    expect(await deadlineOf(sys(), memberId, 'R-ASSIGN')).toMatchObject({ status: 'met', documentedLate: true });
    await eventually(async () => expect((await escalationOf(sys(), memberId, 'R-ASSIGN')).withdrawn_at).not.toBeNull());
  });

  it('R-AUTH-ROUTINE: a decision dated one minute after the due instant stays breached, however it is documented, and the escalation stands', async () => {
    const memberId = await alarmedReferral(sys());
    const decidedAt = shift(ROUTINE_DUE, minute);
    await document(sys(), memberId, '/authorization', { decision: 'approved', decidedAt });
    const deadline = await deadlineOf(sys(), memberId, 'R-AUTH-ROUTINE');
    expect(deadline.status).toBe('breached');
    expect(deadline.documentedLate).toBeUndefined();
    expect(Date.parse(deadline.fulfilledAt)).toBe(Date.parse(decidedAt));
    expect((await escalationOf(sys(), memberId, 'R-AUTH-ROUTINE')).withdrawn_at).toBeNull();
  });
});

// Assigned Wed 2031-09-17 10:00 PT: R-DECLINE-1BD runs to the end of Thu 2031-09-18.
const ASSIGNED = '2031-09-17T10:00:00.000-07:00';
const WINDOW_DUE = '2031-09-18T23:59:59.999-07:00';
const HOURS_72 = 72 * 3_600_000;

/** Received, authorized and assigned in September, documented on 1 October: silence has long been taken as acceptance. */
async function silentlyAccepted(sys: TestSystem, assignedAt = ASSIGNED, windowDue = WINDOW_DUE): Promise<string> {
  await sys.skipTo(Date.parse(RECEIVED));
  const res = await sys.request('POST', '/v1/referrals', referralBody(RECEIVED));
  await sys.skipTo(Date.parse(DOCUMENTED));
  expect(res.status).toBe(202);
  const id = res.body.memberId as string;
  await document(sys, id, '/authorization', { decision: 'approved', decidedAt: RECEIVED });
  await document(sys, id, '/assignment', { providerId: 'PROV-ACME', assignedAt });
  const window = await deadlineReaches(sys, id, 'R-DECLINE-1BD', 'breached');
  expect(window.dueAt).toBe(windowDue);
  expect((await stateOf(sys, id)).assignment.response).toMatchObject({ response: 'accepted', deemed: true });
  // Silence counted R-LCM-72H from the sending, and that, too, ran out long ago.
  const clock = await deadlineReaches(sys, id, 'R-LCM-72H', 'breached');
  expect(Date.parse(clock.dueAt)).toBe(Date.parse(assignedAt) + HOURS_72);
  return id;
}

describe('R-DECLINE-1BD: an answer dated inside the window counts, in whatever order it arrives', () => {
  const { sys } = useJourneySystem();

  it('R-DECLINE-1BD: an acceptance dated one minute before the window closes, documented after silence was taken as acceptance, is the answer; R-LCM-72H counts from it and is met at 71:59', async () => {
    const memberId = await silentlyAccepted(sys());
    const acceptedAt = shift(WINDOW_DUE, -minute);
    await document(sys(), memberId, '/assignment/response', { response: 'accepted', at: acceptedAt });
    const state = await stateOf(sys(), memberId);
    expect(state.assignment.response.deemed).toBeUndefined();
    expect(Date.parse(state.assignment.response.at)).toBe(Date.parse(acceptedAt));
    expect(await deadlineOf(sys(), memberId, 'R-DECLINE-1BD')).toMatchObject({ status: 'met', documentedLate: true });
    const clock = await deadlineOf(sys(), memberId, 'R-LCM-72H');
    expect(Date.parse(clock.startedAt)).toBe(Date.parse(acceptedAt));
    expect(Date.parse(clock.dueAt)).toBe(Date.parse(acceptedAt) + HOURS_72);

    const namedAt = new Date(Date.parse(acceptedAt) + HOURS_72 - minute).toISOString();
    await document(sys(), memberId, '/lead-care-manager', { careManagerId: 'LCM-7159', at: namedAt });
    expect(await deadlineOf(sys(), memberId, 'R-LCM-72H')).toMatchObject({ status: 'met', documentedLate: true });
    await eventually(async () => expect((await escalationOf(sys(), memberId, 'R-LCM-72H')).withdrawn_at).not.toBeNull());
    // Every alarm of this journey has been withdrawn: ops no longer see it as overdue.
    expect((await stateOf(sys(), memberId)).overdue).toBe(false);
    await eventually(async () => expect((await searchAttributesOf(sys(), memberId)).EcmOverdue).toEqual([false]));
  });

  it('R-LCM-72H: after a late-documented acceptance, a naming at 72:01 from the acceptance is breached and stays escalated', async () => {
    const memberId = await silentlyAccepted(sys());
    const acceptedAt = shift(WINDOW_DUE, -minute);
    await document(sys(), memberId, '/assignment/response', { response: 'accepted', at: acceptedAt });
    const namedAt = new Date(Date.parse(acceptedAt) + HOURS_72 + minute).toISOString();
    await document(sys(), memberId, '/lead-care-manager', { careManagerId: 'LCM-7201', at: namedAt });
    const clock = await deadlineOf(sys(), memberId, 'R-LCM-72H');
    expect(clock.status).toBe('breached');
    expect(Date.parse(clock.fulfilledAt)).toBe(Date.parse(namedAt));
    expect((await escalationOf(sys(), memberId, 'R-LCM-72H')).withdrawn_at).toBeNull();
  });

  it('R-DECLINE-1BD: an acceptance dated one minute after the window closes changes nothing: silence stands and R-LCM-72H counts from the sending', async () => {
    const memberId = await silentlyAccepted(sys());
    await document(sys(), memberId, '/assignment/response', { response: 'accepted', at: shift(WINDOW_DUE, minute) });
    const state = await stateOf(sys(), memberId);
    expect(state.assignment.response.deemed).toBe(true);
    const clock = await deadlineOf(sys(), memberId, 'R-LCM-72H');
    expect(Date.parse(clock.dueAt)).toBe(Date.parse(ASSIGNED) + HOURS_72);
    expect(clock.status).toBe('breached');
  });

  it('R-DECLINE-1BD: a decline for capacity dated inside the window, documented after silence, returns the member to the plan and withdraws the R-LCM-72H alarm', async () => {
    const memberId = await silentlyAccepted(sys());
    const declinedAt = shift(WINDOW_DUE, -minute);
    const res = await document(sys(), memberId, '/assignment/response', { response: 'declined', reason: 'at_capacity', at: declinedAt });
    expect(res.stage).toBe('AUTHORIZED');
    expect(await deadlineOf(sys(), memberId, 'R-DECLINE-1BD')).toMatchObject({ status: 'met', documentedLate: true });
    expect((await deadlineOf(sys(), memberId, 'R-LCM-72H')).status).toBe('cancelled');
    await eventually(async () => expect((await escalationOf(sys(), memberId, 'R-LCM-72H')).withdrawn_at).not.toBeNull());
    const reassign = await deadlineOf(sys(), memberId, 'R-ASSIGN#2');
    expect(Date.parse(reassign.startedAt)).toBe(Date.parse(declinedAt));
  });

  it('R-DECLINE-1BD: a decline dated one minute after the window closes is refused with decline_window_closed', async () => {
    const memberId = await silentlyAccepted(sys());
    const res = await sys().request('POST', `/v1/members/${memberId}/assignment/response`, { response: 'declined', reason: 'at_capacity', at: shift(WINDOW_DUE, minute) });
    expect([res.status, res.body.code]).toEqual([409, 'decline_window_closed']);
  });

  it('R-DECLINE-1BD: a Lead Care Manager named inside a long window (assigned Friday, due Monday night) after 72 h from the sending is the acceptance, so R-LCM-72H is met', async () => {
    // Assigned Fri 2031-09-19 10:00: the window runs to the end of Mon 09-22, past the sending + 72 h (Mon 10:00).
    const memberId = await silentlyAccepted(sys(), '2031-09-19T10:00:00.000-07:00', '2031-09-22T23:59:59.999-07:00');
    const namedAt = '2031-09-22T20:00:00.000-07:00';
    await document(sys(), memberId, '/lead-care-manager', { careManagerId: 'LCM-MONDAY', at: namedAt });
    const state = await stateOf(sys(), memberId);
    expect(state.stage).toBe('OUTREACH');
    expect(state.assignment.response.deemed).toBeUndefined();
    const clock = await deadlineOf(sys(), memberId, 'R-LCM-72H');
    expect(clock).toMatchObject({ status: 'met', documentedLate: true });
    expect(Date.parse(clock.startedAt)).toBe(Date.parse(namedAt));
    expect(state.overdue).toBe(false);
  });
});
