import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { checkAssignmentResponse, respondToAssignment, type AssignmentResponseInput } from './respond-to-assignment';
import { clockOf, after, allowedOnlyIn, deadlineOf, journeyAt, LATER, ms, perform, runClockTo, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const accept = (at: string): AssignmentResponseInput => ({ actionKey: `accept-${at}`, response: 'accepted', at });
const decline = (at: string, reason: string | undefined = 'at_capacity'): AssignmentResponseInput => ({
  actionKey: `decline-${at}`,
  response: 'declined',
  at,
  detail: 'caseload full until August',
  ...(reason === undefined ? {} : { reason }),
});
const iso = (t: number) => new Date(t).toISOString();
/** The window of the assignment sent Thursday 5 June 10:00: to the end of Friday 6 June. */
const WINDOW_DUE = '2031-06-06T23:59:59.999-07:00';
/** Silence ran out: the timer fired at the window's end and the assignment counts as accepted. */
const SILENCE_TAKEN = '2031-06-07T09:00:00.000-07:00';

describe('respondToAssignment', () => {
  it('R-DECLINE-1BD: only an assignment waiting in ASSIGNED can be answered', () => {
    expect(verdictsByStage((s) => checkAssignmentResponse(s, accept(LATER), ms(LATER)))).toEqual(allowedOnlyIn(['ASSIGNED']));
  });

  it('R-DECLINE-1BD met by acceptance; R-LCM-72H runs 72 hours from the acceptance (Guide §7.4)', () => {
    const { state, effects, result } = perform(journeyAt('ASSIGNED'), TIMELINE.accepted, (s, now) => respondToAssignment(s, accept(TIMELINE.accepted), now));
    expect(result).toEqual({ action: 'assignment-response', stage: 'ASSIGNED', at: TIMELINE.accepted });
    expect(effects).toEqual([]);
    expect(state.assignment?.response).toEqual({ response: 'accepted', at: TIMELINE.accepted });
    expect(clockOf(state, 'R-DECLINE-1BD')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: TIMELINE.accepted });
    expect(deadlineOf(state, 'R-LCM-72H')).toMatchObject({ status: 'open', startedAt: TIMELINE.accepted, dueAt: '2031-06-08T15:00:00.000-07:00' });
  });

  it('R-DECLINE-1BD: an accepted assignment cannot be answered again', () => {
    const accepted = after(journeyAt('ASSIGNED'), TIMELINE.accepted, (s, now) => respondToAssignment(s, accept(TIMELINE.accepted), now));
    expect(verdict(() => checkAssignmentResponse(accepted, decline(LATER), ms(LATER)))).toBe(JourneyErrorCode.WrongStage);
    expect(verdict(() => checkAssignmentResponse(accepted, accept(LATER), ms(LATER)))).toBe(JourneyErrorCode.WrongStage);
  });

  it('R-DECLINE-1BD: a decline for capacity at the window’s last instant returns the member to the plan, and R-ASSIGN runs again from the decline', () => {
    const { state, effects } = perform(journeyAt('ASSIGNED'), WINDOW_DUE, (s, now) => respondToAssignment(s, decline(WINDOW_DUE), now));
    expect(effects).toEqual([]);
    expect(state.stage).toBe('AUTHORIZED');
    expect(state.assignment).toBeUndefined();
    expect(state.pastAssignments).toEqual([
      { providerId: 'PROV-ACME', assignedAt: TIMELINE.assigned, response: { response: 'declined', at: WINDOW_DUE, reason: 'at_capacity', detail: 'caseload full until August' } },
    ]);
    expect(clockOf(state, 'R-DECLINE-1BD')).toMatchObject({ status: 'met', documentedLate: false });
    // Five business days after Friday 6 June: Mon 9 … Fri 13 June.
    expect(deadlineOf(state, 'R-ASSIGN')).toMatchObject({ key: 'R-ASSIGN#2', status: 'open', startedAt: WINDOW_DUE, dueAt: '2031-06-13T23:59:59.999-07:00' });
  });

  it('R-DECLINE-1BD: a decline a millisecond after the window is refused; silence was acceptance and the assignment stands', () => {
    const late = iso(ms(WINDOW_DUE) + 1);
    const silent = runClockTo(journeyAt('ASSIGNED'), ms(late));
    expect(silent.assignment?.response).toEqual({ response: 'accepted', at: WINDOW_DUE, deemed: true });
    expect(verdict(() => checkAssignmentResponse(silent, decline(late), ms(late)))).toBe(JourneyErrorCode.DeclineWindowClosed);
  });

  it('R-DECLINE-1BD: an expedited referral’s decline reopens R-ASSIGN on the 72-hour clock', () => {
    const at = '2031-06-05T12:00:00.000-07:00';
    const state = after(journeyAt('ASSIGNED', { referral: { expedited: true } }), at, (s, now) => respondToAssignment(s, decline(at), now));
    expect(deadlineOf(state, 'R-ASSIGN')).toMatchObject({ key: 'R-ASSIGN#2', dueAt: '2031-06-08T12:00:00.000-07:00' });
  });

  it('R-DECLINE-1BD: a decline needs its ground; an answer dated before the assignment was sent is out of order', () => {
    const state = journeyAt('ASSIGNED');
    expect(verdict(() => checkAssignmentResponse(state, decline(TIMELINE.accepted, '  '), ms(LATER)))).toBe(JourneyErrorCode.ReasonRequired);
    expect(verdict(() => checkAssignmentResponse(state, accept(iso(ms(TIMELINE.assigned) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
  });

  describe('judged by act time (ECM-RULES §1), once silence was taken as acceptance', () => {
    it('R-DECLINE-1BD: a decline dated inside the window still counts: the window is met, the silence-started R-LCM-72H is moot, the alarm withdrawn', () => {
      const datedAt = '2031-06-06T16:00:00.000-07:00';
      const { state, effects } = perform(journeyAt('ASSIGNED'), SILENCE_TAKEN, (s, now) => respondToAssignment(s, decline(datedAt), now));
      expect(state.stage).toBe('AUTHORIZED');
      expect(deadlineOf(state, 'R-DECLINE-1BD')).toMatchObject({ status: 'met', fulfilledAt: datedAt, documentedLate: true, documentedAt: SILENCE_TAKEN });
      expect(deadlineOf(state, 'R-LCM-72H')).toMatchObject({ status: 'cancelled', cancelReason: 'the provider declined within R-DECLINE-1BD' });
      expect(deadlineOf(state, 'R-ASSIGN')).toMatchObject({ key: 'R-ASSIGN#2', status: 'open', startedAt: datedAt });
      expect(effects).toEqual([{ kind: 'escalation_withdrawn', deadline: deadlineOf(state, 'R-DECLINE-1BD') }]);
    });

    it('R-LCM-72H: an acceptance dated inside the window counts from the acceptance, not from the sending', () => {
      const datedAt = '2031-06-06T16:00:00.000-07:00';
      const silent = runClockTo(journeyAt('ASSIGNED'), ms(SILENCE_TAKEN));
      expect(deadlineOf(silent, 'R-LCM-72H')).toMatchObject({ status: 'open', startedAt: TIMELINE.assigned, dueAt: '2031-06-08T10:00:00.000-07:00' });
      const state = after(silent, SILENCE_TAKEN, (s, now) => respondToAssignment(s, accept(datedAt), now));
      expect(state.assignment?.response).toEqual({ response: 'accepted', at: datedAt });
      expect(deadlineOf(state, 'R-LCM-72H')).toMatchObject({ status: 'open', startedAt: datedAt, dueAt: '2031-06-09T16:00:00.000-07:00' });
    });

    it('R-LCM-72H: when the sending’s count had already raised the alarm and the acceptance’s count has not run out, the alarm is withdrawn', () => {
      const datedAt = '2031-06-06T16:00:00.000-07:00';
      const documentedAt = '2031-06-08T12:00:00.000-07:00';
      const { state, effects } = perform(journeyAt('ASSIGNED'), documentedAt, (s, now) => respondToAssignment(s, accept(datedAt), now));
      expect(deadlineOf(state, 'R-LCM-72H')).toMatchObject({ status: 'open', dueAt: '2031-06-09T16:00:00.000-07:00' });
      expect(deadlineOf(state, 'R-LCM-72H')!.breachedAt).toBeUndefined();
      expect(effects.map((e) => (e.kind === 'escalation_withdrawn' ? e.deadline.rule : e.kind)).sort()).toEqual(['R-DECLINE-1BD', 'R-LCM-72H']);
    });

    it('R-DECLINE-1BD: an acceptance dated after the window changes nothing: silence already accepted', () => {
      const silent = runClockTo(journeyAt('ASSIGNED'), ms(SILENCE_TAKEN));
      const { state } = perform(silent, SILENCE_TAKEN, (s, now) => respondToAssignment(s, accept(SILENCE_TAKEN), now));
      expect(state).toBe(silent);
    });

    it('R-DECLINE-1BD: a journey started before act-time judgement refuses the late-documented decline', () => {
      const legacy = runClockTo(journeyAt('ASSIGNED', { actTimeJudgement: false }), ms(SILENCE_TAKEN));
      expect(verdict(() => checkAssignmentResponse(legacy, decline('2031-06-06T16:00:00.000-07:00'), ms(SILENCE_TAKEN)))).toBe(JourneyErrorCode.DeclineWindowClosed);
    });
  });
});
