import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { checkAuthorizationDecision, decideAuthorization, type AuthorizationDecisionInput } from './decide-authorization';
import { clockOf, allowedOnlyIn, deadlineOf, journeyAt, LATER, MINUTE, ms, newJourney, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const approve = (decidedAt: string): AuthorizationDecisionInput => ({ actionKey: 'authorize', decision: 'approved', decidedAt });
const deny = (decidedAt: string, reason?: string): AuthorizationDecisionInput => ({ actionKey: 'deny', decision: 'denied', decidedAt, ...(reason === undefined ? {} : { reason }) });
const iso = (t: number) => new Date(t).toISOString();

describe('decideAuthorization', () => {
  it('R-AUTH-ROUTINE: a benefit determination is allowed only while the referral is REFERRED', () => {
    expect(verdictsByStage((s) => checkAuthorizationDecision(s, approve(LATER), ms(LATER)))).toEqual(allowedOnlyIn(['REFERRED']));
  });

  it('R-AUTH-ROUTINE: a decision at the due instant (end of the 5th business day) is met; a millisecond later it is breached and the late act kept', () => {
    const due = deadlineOf(newJourney(), 'R-AUTH-ROUTINE')!.dueAt;
    expect(due).toBe('2031-06-10T23:59:59.999-07:00');
    const onTime = perform(newJourney(), due, (s, now) => decideAuthorization(s, approve(due), now)).state;
    expect(clockOf(onTime, 'R-AUTH-ROUTINE')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: due });
    const late = iso(ms(due) + 1);
    const breached = perform(newJourney(), late, (s, now) => decideAuthorization(s, approve(late), now)).state;
    expect(deadlineOf(breached, 'R-AUTH-ROUTINE')).toMatchObject({ status: 'breached', breachedAt: due, fulfilledAt: '2031-06-11T00:00:00.000-07:00' });
  });

  it('R-AUTH-EXPEDITED: an expedited referral decided at 71:59 is met; at 72:01 it is breached', () => {
    const expedited = { referral: { expedited: true } };
    const at = (minutes: number) => iso(ms(TIMELINE.received) + minutes * MINUTE);
    const decided = (minutes: number) => perform(newJourney(expedited), at(minutes), (s, now) => decideAuthorization(s, approve(at(minutes)), now)).state;
    expect(clockOf(decided(71 * 60 + 59), 'R-AUTH-EXPEDITED')).toMatchObject({ status: 'met', documentedLate: false });
    expect(deadlineOf(decided(72 * 60 + 1), 'R-AUTH-EXPEDITED')).toMatchObject({ status: 'breached', breachedAt: '2031-06-06T09:00:00.000-07:00' });
  });

  it('R-AUTH-EXPEDITED, judged by act time (ECM-RULES §1): a decision dated 71:59 but documented after the alarm is met, and the alarm withdrawn', () => {
    const state = newJourney({ referral: { expedited: true } });
    const decidedAt = iso(ms(TIMELINE.received) + (71 * 60 + 59) * MINUTE);
    const { state: next, effects } = perform(state, '2031-06-06T12:00:00.000-07:00', (s, now) => decideAuthorization(s, approve(decidedAt), now));
    expect(deadlineOf(next, 'R-AUTH-EXPEDITED')).toMatchObject({ status: 'met', documentedLate: true, documentedAt: '2031-06-06T12:00:00.000-07:00' });
    expect(effects).toEqual([{ kind: 'escalation_withdrawn', deadline: deadlineOf(next, 'R-AUTH-EXPEDITED') }]);
  });

  it('R-AUTH-12M: an approval authorizes the member for 12 months from the decision’s local date, with its PCQ window, its end, and R-AUTH-LAPSE; R-ASSIGN keeps running', () => {
    const { state, effects, result } = perform(newJourney(), TIMELINE.authorized, (s, now) => decideAuthorization(s, approve(TIMELINE.authorized), now));
    expect(result).toEqual({ action: 'authorization', stage: 'AUTHORIZED', at: TIMELINE.authorized });
    expect(effects).toEqual([]);
    expect(state.authorization).toEqual({ decision: 'approved', decidedAt: TIMELINE.authorized, presumptive: false });
    expect(state.authorizationPeriods).toEqual([{ number: 1, kind: 'initial', start: '2031-06-04', end: '2032-06-03' }]);
    expect(state.milestones?.map((m) => [m.key, m.at])).toEqual([
      ['pcq-window-opens#1', '2032-05-04T00:00:00.000-07:00'],
      ['authorization-ends#1', '2032-06-03T23:59:59.999-07:00'],
    ]);
    expect(state.deadlines.map((d) => [d.key, d.status, d.dueAt])).toEqual([
      ['R-AUTH-ROUTINE', 'met', '2031-06-10T23:59:59.999-07:00'],
      ['R-ASSIGN', 'open', '2031-06-10T23:59:59.999-07:00'],
      ['R-AUTH-LAPSE:period-1', 'open', '2032-06-03T23:59:59.999-07:00'],
    ]);
  });

  it('R-DENIAL-NOA: a denial ends the journey DENIED and sends a Notice of Action to the member and the requester; R-ASSIGN no longer applies', () => {
    const { state, effects } = perform(newJourney(), TIMELINE.authorized, (s, now) => decideAuthorization(s, deny(TIMELINE.authorized, '  not in a Population of Focus  '), now));
    expect(state.stage).toBe('DENIED');
    expect(state.authorization).toEqual({ decision: 'denied', decidedAt: TIMELINE.authorized, reason: 'not in a Population of Focus', presumptive: false });
    expect(effects).toEqual([
      { kind: 'notice_of_action', noticeType: 'denial', reason: 'not in a Population of Focus', decidedAt: TIMELINE.authorized, recipients: ['member', 'requester'] },
    ]);
    expect(state.deadlines.map((d) => [d.rule, d.status])).toEqual([
      ['R-AUTH-ROUTINE', 'met'],
      ['R-ASSIGN', 'cancelled'],
    ]);
    expect(state.authorizationPeriods).toBeUndefined();
  });

  it('R-DENIAL-NOA: a denial needs a reason that says something', () => {
    const state = newJourney();
    const now = ms(TIMELINE.authorized);
    expect(verdict(() => checkAuthorizationDecision(state, deny(TIMELINE.authorized), now))).toBe(JourneyErrorCode.ReasonRequired);
    expect(verdict(() => checkAuthorizationDecision(state, deny(TIMELINE.authorized, ' \t '), now))).toBe(JourneyErrorCode.ReasonRequired);
  });

  it('ECM-RULES §1: the decision may be at most 2 minutes ahead of the journey’s clock, and never before the referral', () => {
    const state = newJourney();
    const now = ms(TIMELINE.authorized);
    expect(verdict(() => checkAuthorizationDecision(state, approve(iso(now + 2 * MINUTE)), now))).toBe('allowed');
    expect(verdict(() => checkAuthorizationDecision(state, approve(iso(now + 2 * MINUTE + 1)), now))).toBe(JourneyErrorCode.TimestampInFuture);
    expect(verdict(() => checkAuthorizationDecision(state, approve(TIMELINE.received), now))).toBe('allowed');
    expect(verdict(() => checkAuthorizationDecision(state, approve(iso(ms(TIMELINE.received) - 1)), now))).toBe(JourneyErrorCode.TimestampBeforeJourney);
  });

  it('R-AUTH-ROUTINE: a second decision is refused once the first is made', () => {
    expect(verdict(() => checkAuthorizationDecision(journeyAt('AUTHORIZED'), approve(LATER), ms(LATER)))).toBe(JourneyErrorCode.WrongStage);
  });
});
