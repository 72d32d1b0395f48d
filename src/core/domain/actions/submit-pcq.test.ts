import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { checkPcq, submitPcq, type PcqInput } from './submit-pcq';
import { clockOf, after, allowedOnlyIn, deadlineOf, inPacific, journeyAt, LATER, ms, perform, runClockTo, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const pcq = (submittedAt: string, recommendation: PcqInput['recommendation'] = 'continue'): PcqInput => ({ actionKey: `pcq-${submittedAt}`, submittedAt, recommendation });
/** Period 1 runs 4 June 2031 to 3 June 2032: the window opens 30 days before the end and closes 14 days before. */
const WINDOW_OPENS = '2032-05-04T00:00:00.000-07:00';
const PCQ_DUE = '2032-05-20T23:59:59.999-07:00';

describe('submitPcq', () => {
  it('R-PCQ-WINDOW: the PCQ is submitted by an enrolled member’s provider before the review (ENROLLED to ACTIVE)', () => {
    expect(verdictsByStage((s) => checkPcq(s, pcq(LATER), ms(LATER)))).toEqual(allowedOnlyIn(['ENROLLED', 'ASSESSMENT', 'CARE_PLANNING', 'ACTIVE']));
  });

  it('R-PCQ-WINDOW: refused a millisecond before the window opens, 30 days before the period ends; accepted at the opening instant', () => {
    const state = runClockTo(journeyAt('ACTIVE'), ms(WINDOW_OPENS) - 1);
    expect(verdict(() => checkPcq(state, pcq(inPacific(ms(WINDOW_OPENS) - 1)), ms(WINDOW_OPENS) - 1))).toBe(JourneyErrorCode.PcqWindowNotOpen);
    const { state: next, result } = perform(state, WINDOW_OPENS, (s, now) => submitPcq(s, pcq(WINDOW_OPENS), now));
    expect(result).toEqual({ action: 'pcq', stage: 'REAUTH_REVIEW', at: WINDOW_OPENS });
    expect(next.pcq).toEqual({ periodNumber: 1, submittedAt: WINDOW_OPENS, recommendation: 'continue' });
    // Submitted on the window's first instant, before its timer: the opening is marked, no clock is left behind.
    expect(next.milestones?.find((m) => m.key === 'pcq-window-opens#1')?.status).toBe('reached');
    expect(deadlineOf(next, 'R-PCQ-WINDOW')).toBeUndefined();
  });

  it('R-PCQ-WINDOW: once open, the PCQ is due by the end of the day 14 days before the period ends; met there, breached a millisecond later', () => {
    const opened = runClockTo(journeyAt('ACTIVE'), ms(WINDOW_OPENS));
    expect(deadlineOf(opened, 'R-PCQ-WINDOW')).toMatchObject({ status: 'open', startedAt: WINDOW_OPENS, dueAt: PCQ_DUE, party: 'provider' });
    const submitted = (at: string) => clockOf(after(opened, at, (s, now) => submitPcq(s, pcq(at), now)), 'R-PCQ-WINDOW');
    expect(submitted(PCQ_DUE)).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: PCQ_DUE });
    const late = inPacific(ms(PCQ_DUE) + 1);
    expect(submitted(late)).toMatchObject({ status: 'breached', breachedAt: PCQ_DUE, fulfilledAt: late });
  });

  it('R-PCQ-WINDOW: a journey with no authorization period has no PCQ to give', () => {
    const { authorizationPeriods: _none, ...unperiodised } = journeyAt('ACTIVE');
    expect(verdict(() => checkPcq(unperiodised, pcq(LATER), ms(LATER)))).toBe(JourneyErrorCode.WrongStage);
  });

  it('R-PCQ-WINDOW: one PCQ per authorization period', () => {
    const state = { ...journeyAt('ACTIVE'), pcq: { periodNumber: 1, submittedAt: TIMELINE.pcqSubmitted, recommendation: 'continue' as const } };
    expect(verdict(() => checkPcq(state, pcq(LATER), ms(LATER)))).toBe(JourneyErrorCode.AlreadyRecorded);
  });
});
