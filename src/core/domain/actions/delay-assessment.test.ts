import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { checkAssessmentDelay, delayAssessment, type AssessmentDelayInput } from './delay-assessment';
import { recordAssessment } from './record-assessment';
import { clockOf, after, allowedOnlyIn, deadlineOf, inPacific, journeyAt, LATER, ms, perform, runClockTo, verdict, verdictsByStage } from './testing/journey-at';

const REQUESTED = '2031-07-01T10:00:00.000-07:00';
const delay = (agreedDate: string, reason = '  in hospital until September  ', requestedAt = REQUESTED): AssessmentDelayInput => ({ actionKey: `delay-${agreedDate}`, requestedAt, reason, agreedDate });
const AGREED_END = '2031-09-15T23:59:59.999-07:00';

describe('delayAssessment', () => {
  it('R-ASSESS-COMPLETE: a member-requested delay is recorded while the assessment is still to complete (ENROLLED or ASSESSMENT)', () => {
    expect(verdictsByStage((s) => checkAssessmentDelay(s, delay('2032-06-01', 'reason', LATER), ms(LATER)))).toEqual(allowedOnlyIn(['ENROLLED', 'ASSESSMENT']));
  });

  it('R-ASSESS-COMPLETE: the delay moves the due date to the end of the agreed date and keeps the request with its reason', () => {
    const { state, effects, result } = perform(journeyAt('ASSESSMENT'), REQUESTED, (s, now) => delayAssessment(s, delay('2031-09-15'), now));
    expect(result).toEqual({ action: 'assessment-delay', stage: 'ASSESSMENT', at: REQUESTED });
    expect(effects).toEqual([]);
    expect(deadlineOf(state, 'R-ASSESS-COMPLETE')).toMatchObject({ status: 'open', dueAt: AGREED_END });
    expect(state.assessment?.delays).toEqual([{ requestedAt: REQUESTED, reason: 'in hospital until September', agreedDate: '2031-09-15' }]);
  });

  it('R-ASSESS-COMPLETE: after a delay, completion at the end of the agreed date is met and a millisecond later is breached', () => {
    const delayed = after(journeyAt('ASSESSMENT'), REQUESTED, (s, now) => delayAssessment(s, delay('2031-09-15'), now));
    const complete = (at: string) => clockOf(after(delayed, at, (s, now) => recordAssessment(s, { actionKey: 'complete', action: 'complete', at }, now)), 'R-ASSESS-COMPLETE');
    expect(complete(AGREED_END)).toMatchObject({ status: 'met', documentedLate: false });
    expect(complete(inPacific(ms(AGREED_END) + 1))).toMatchObject({ status: 'breached', breachedAt: AGREED_END });
  });

  it('R-ASSESS-COMPLETE: the agreed date may be the day of the request but not before it', () => {
    const state = journeyAt('ASSESSMENT');
    expect(verdict(() => checkAssessmentDelay(state, delay('2031-07-01'), ms(REQUESTED)))).toBe('allowed');
    expect(verdict(() => checkAssessmentDelay(state, delay('2031-06-30'), ms(REQUESTED)))).toBe(JourneyErrorCode.DelayNotAllowed);
  });

  it('R-ASSESS-COMPLETE: a delay needs the member’s reason', () => {
    expect(verdict(() => checkAssessmentDelay(journeyAt('ASSESSMENT'), delay('2031-09-15', '   '), ms(REQUESTED)))).toBe(JourneyErrorCode.ReasonRequired);
  });

  it('R-ASSESS-COMPLETE: once the deadline has breached there is nothing left to delay', () => {
    const breached = runClockTo(journeyAt('ASSESSMENT'), ms('2031-08-10T00:00:00.000-07:00'));
    expect(deadlineOf(breached, 'R-ASSESS-COMPLETE')?.status).toBe('breached');
    expect(verdict(() => checkAssessmentDelay(breached, delay('2031-09-15', 'reason', '2031-08-10T09:00:00.000-07:00'), ms(LATER)))).toBe(JourneyErrorCode.DelayNotAllowed);
  });
});
