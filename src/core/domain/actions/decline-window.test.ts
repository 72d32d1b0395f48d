import { describe, expect, it } from 'vitest';
import { acceptedWithinWindow, declinedWithinWindow, windowClosedBySilence } from './decline-window';
import { respondToAssignment } from './respond-to-assignment';
import { after, deadlineOf, journeyAt, ms, runClockTo, TIMELINE } from './testing/journey-at';

const WINDOW_DUE = '2031-06-06T23:59:59.999-07:00';
const SILENCE = '2031-06-07T09:00:00.000-07:00';
const silent = (options = {}) => runClockTo(journeyAt('ASSIGNED', options), ms(SILENCE));

describe('the R-DECLINE-1BD window judged by act time', () => {
  it('R-DECLINE-1BD: the window silence closed still takes an act dated up to its last instant, and none after', () => {
    const state = silent();
    expect(windowClosedBySilence(state, ms(WINDOW_DUE))).toEqual(deadlineOf(state, 'R-DECLINE-1BD'));
    expect(windowClosedBySilence(state, ms(WINDOW_DUE) + 1)).toBeUndefined();
  });

  it('R-DECLINE-1BD: no reopening for a journey judged the old way, a window still open, or one the provider answered', () => {
    expect(windowClosedBySilence(silent({ actTimeJudgement: false }), ms(WINDOW_DUE))).toBeUndefined();
    expect(windowClosedBySilence(journeyAt('ASSIGNED'), ms(WINDOW_DUE))).toBeUndefined();
    const answered = after(journeyAt('ASSIGNED'), TIMELINE.accepted, (s, now) => respondToAssignment(s, { actionKey: 'a', response: 'accepted', at: TIMELINE.accepted }, now));
    expect(windowClosedBySilence(runClockTo(answered, ms(SILENCE)), ms(WINDOW_DUE))).toBeUndefined();
  });

  it('R-LCM-72H: an acceptance inside the window meets it and re-counts R-LCM-72H from the acceptance', () => {
    const state = silent();
    const at = ms('2031-06-06T16:00:00.000-07:00');
    const next = acceptedWithinWindow(state, windowClosedBySilence(state, at)!, at, ms(SILENCE));
    expect(next.assignment?.response).toEqual({ response: 'accepted', at: '2031-06-06T16:00:00.000-07:00' });
    expect(deadlineOf(next, 'R-DECLINE-1BD')).toMatchObject({ status: 'breached', fulfilledAt: '2031-06-06T16:00:00.000-07:00' });
    expect(deadlineOf(next, 'R-LCM-72H')).toMatchObject({ status: 'open', startedAt: '2031-06-06T16:00:00.000-07:00', dueAt: '2031-06-09T16:00:00.000-07:00' });
  });

  it('R-DECLINE-1BD: a decline inside the window makes the silence-started R-LCM-72H moot', () => {
    const state = silent();
    const at = ms('2031-06-06T16:00:00.000-07:00');
    const next = declinedWithinWindow(state, windowClosedBySilence(state, at)!, at, ms(SILENCE));
    expect(deadlineOf(next, 'R-LCM-72H')).toMatchObject({ status: 'cancelled', cancelledAt: SILENCE, cancelReason: 'the provider declined within R-DECLINE-1BD' });
    expect(deadlineOf(next, 'R-DECLINE-1BD')?.fulfilledAt).toBe('2031-06-06T16:00:00.000-07:00');
  });
});
