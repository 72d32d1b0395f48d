import { describe, expect, it } from 'vitest';
import { isOverdue } from '../deadline';
import { deadlineBreached } from './deadline-breached';
import { assignProvider } from './assign-provider';
import { after, deadlineOf, journeyAt, ms, newJourney, runClockTo } from './testing/journey-at';

describe('deadlineBreached', () => {
  it('R-AUTH-ROUTINE: the timer breaches the deadline at its due instant and escalates to the plan; the journey keeps waiting for the late act', () => {
    const state = newJourney();
    const due = deadlineOf(state, 'R-AUTH-ROUTINE')!;
    const { state: next, effects, result } = deadlineBreached(state, 'R-AUTH-ROUTINE');
    const breached = { ...due, status: 'breached', breachedAt: due.dueAt };
    expect(deadlineOf(next, 'R-AUTH-ROUTINE')).toEqual(breached);
    expect(isOverdue(deadlineOf(next, 'R-AUTH-ROUTINE')!)).toBe(true);
    expect(effects).toEqual([{ kind: 'escalation', deadline: breached }]);
    expect(result).toEqual({ action: 'deadline-breached', stage: 'REFERRED', at: due.dueAt });
  });

  it('ECM-RULES §1: a timer for a deadline already met, or one the journey does not know, changes nothing and escalates nothing', () => {
    const authorized = journeyAt('AUTHORIZED');
    expect(deadlineBreached(authorized, 'R-AUTH-ROUTINE')).toEqual({ state: authorized, effects: [], result: { action: 'deadline-breached', stage: 'AUTHORIZED', at: deadlineOf(authorized, 'R-AUTH-ROUTINE')!.dueAt } });
    expect(deadlineBreached(authorized, 'R-NOPE')).toEqual({ state: authorized, effects: [], result: { action: 'deadline-breached', stage: 'AUTHORIZED', at: '' } });
  });

  it('R-DECLINE-1BD: silence is acceptance at the window’s end, and R-LCM-72H counts from the assignment being sent', () => {
    const state = journeyAt('ASSIGNED');
    const { state: next, effects } = deadlineBreached(state, 'R-DECLINE-1BD');
    expect(deadlineOf(next, 'R-DECLINE-1BD')).toMatchObject({ status: 'breached', closedWithoutAct: 'no answer: the assignment counts as accepted' });
    expect(isOverdue(deadlineOf(next, 'R-DECLINE-1BD')!)).toBe(false);
    expect(next.assignment?.response).toEqual({ response: 'accepted', at: '2031-06-06T23:59:59.999-07:00', deemed: true });
    expect(deadlineOf(next, 'R-LCM-72H')).toMatchObject({ status: 'open', startedAt: '2031-06-05T10:00:00.000-07:00', dueAt: '2031-06-08T10:00:00.000-07:00' });
    expect(effects).toEqual([{ kind: 'escalation', deadline: deadlineOf(next, 'R-DECLINE-1BD') }]);
  });

  it('R-LCM-72H: counted from a Friday sending, it is already past when Monday’s window closes, and the clock escalates it at once', () => {
    const sent = '2031-06-06T10:00:00.000-07:00';
    const state = after(journeyAt('AUTHORIZED'), sent, (s, now) => assignProvider(s, { actionKey: 'assign', providerId: 'PROV-ACME', assignedAt: sent }, now));
    const closed = runClockTo(state, ms('2031-06-09T23:59:59.999-07:00'));
    expect(deadlineOf(closed, 'R-LCM-72H')).toMatchObject({ status: 'breached', startedAt: sent, breachedAt: '2031-06-09T10:00:00.000-07:00' });
  });

  it('R-AUTH-LAPSE: the period ended undecided; the lapse is shown from the end of its last day until the plan decides', () => {
    const { state } = deadlineBreached(journeyAt('REAUTH_REVIEW'), 'R-AUTH-LAPSE:period-1');
    expect(state.authorizationLapse).toEqual({ periodNumber: 1, since: '2032-06-03T23:59:59.999-07:00' });
  });
});
