import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { checkAssessment, recordAssessment, type AssessmentInput } from './record-assessment';
import { recordCarePlan } from './record-care-plan';
import { clockOf, after, allowedOnlyIn, carePlanInput, deadlineOf, inPacific, journeyAt, LATER, ms, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const step = (action: AssessmentInput['action'], at: string): AssessmentInput => ({ actionKey: `${action}-${at}`, action, at });
const ASSESS_START_DUE = '2031-07-10T23:59:59.999-07:00';
const ASSESS_COMPLETE_DUE = '2031-08-09T23:59:59.999-07:00';

describe('recordAssessment', () => {
  it('R-ASSESS-START: the assessment starts only once the member is ENROLLED; R-ASSESS-COMPLETE: it completes only in ASSESSMENT', () => {
    expect(verdictsByStage((s) => checkAssessment(s, step('start', LATER), ms(LATER)))).toEqual(allowedOnlyIn(['ENROLLED']));
    expect(verdictsByStage((s) => checkAssessment(s, step('complete', LATER), ms(LATER)))).toEqual(allowedOnlyIn(['ASSESSMENT']));
  });

  it('R-ASSESS-START is met by a start at the end of the 30th day after enrollment and breached a millisecond later; the start opens R-CAREPLAN-14D', () => {
    const started = (at: string) => perform(journeyAt('ENROLLED'), at, (s, now) => recordAssessment(s, step('start', at), now));
    const { state, result } = started(ASSESS_START_DUE);
    expect(result).toEqual({ action: 'assessment', stage: 'ASSESSMENT', at: ASSESS_START_DUE });
    expect(state.assessment?.startedAt).toBe(ASSESS_START_DUE);
    expect(clockOf(state, 'R-ASSESS-START')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: ASSESS_START_DUE });
    expect(deadlineOf(state, 'R-CAREPLAN-14D')).toMatchObject({ status: 'open', startedAt: ASSESS_START_DUE, dueAt: '2031-07-24T23:59:59.999-07:00' });
    const late = inPacific(ms(ASSESS_START_DUE) + 1);
    expect(deadlineOf(started(late).state, 'R-ASSESS-START')).toMatchObject({ status: 'breached', breachedAt: ASSESS_START_DUE, fulfilledAt: late });
  });

  it('R-ASSESS-COMPLETE is met by a completion at the end of the 60th day after enrollment and breached a millisecond later; the member moves to CARE_PLANNING', () => {
    const completed = (at: string) => after(journeyAt('ASSESSMENT'), at, (s, now) => recordAssessment(s, step('complete', at), now));
    const onTime = completed(ASSESS_COMPLETE_DUE);
    expect(onTime.stage).toBe('CARE_PLANNING');
    expect(onTime.assessment).toMatchObject({ startedAt: TIMELINE.assessmentStarted, completedAt: ASSESS_COMPLETE_DUE });
    expect(clockOf(onTime, 'R-ASSESS-COMPLETE')).toMatchObject({ status: 'met', documentedLate: false });
    expect(deadlineOf(completed(inPacific(ms(ASSESS_COMPLETE_DUE) + 1)), 'R-ASSESS-COMPLETE')).toMatchObject({ status: 'breached', breachedAt: ASSESS_COMPLETE_DUE });
  });

  it('R-CAREPLAN-14D: with the care plan already written, completing the assessment makes the member ACTIVE', () => {
    const planned = after(journeyAt('ASSESSMENT'), TIMELINE.assessmentCompleted, (s, now) => recordCarePlan(s, carePlanInput(TIMELINE.assessmentCompleted), now));
    expect(planned.stage).toBe('ASSESSMENT');
    expect(after(planned, TIMELINE.carePlanned, (s, now) => recordAssessment(s, step('complete', TIMELINE.carePlanned), now)).stage).toBe('ACTIVE');
  });

  it('R-ASSESS-START: a start dated before the consent, or a completion before the start, is out of order', () => {
    expect(verdict(() => checkAssessment(journeyAt('ENROLLED'), step('start', inPacific(ms(TIMELINE.enrolled) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
    expect(verdict(() => checkAssessment(journeyAt('ASSESSMENT'), step('complete', inPacific(ms(TIMELINE.assessmentStarted) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
  });
});
