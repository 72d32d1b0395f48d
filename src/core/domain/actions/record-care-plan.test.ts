import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import type { EpisodeAdtEvent } from '../transitional-care/episode-state';
import { episodeUpdated } from './episode-updated';
import { recordAdtEvent } from './record-adt-event';
import { checkCarePlan, recordCarePlan, type SmartGoal } from './record-care-plan';
import { clockOf, after, allowedOnlyIn, carePlanInput, deadlineOf, inPacific, journeyAt, LATER, ms, perform, SMART_GOALS, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const CAREPLAN_DUE = '2031-06-26T23:59:59.999-07:00';
const withGoals = (at: string, goals: readonly SmartGoal[]) => ({ ...carePlanInput(at), goals });
const goal = (targetDate: string, extra: Partial<SmartGoal> = {}): SmartGoal => ({ description: 'Attend PCP visit', measure: 'Visit logged', targetDate, ...extra });

describe('recordCarePlan', () => {
  it('R-CAREPLAN-14D: a care plan is recorded once the assessment has begun (ASSESSMENT, CARE_PLANNING, ACTIVE, REAUTH_REVIEW)', () => {
    expect(verdictsByStage((s) => checkCarePlan(s, carePlanInput(LATER), ms(LATER)))).toEqual(allowedOnlyIn(['ASSESSMENT', 'CARE_PLANNING', 'ACTIVE', 'REAUTH_REVIEW']));
  });

  it('R-CAREPLAN-14D: a plan at the end of the 14th day after the assessment began is met; a millisecond later breached; the stage waits for the assessment', () => {
    const planned = (at: string) => perform(journeyAt('ASSESSMENT'), at, (s, now) => recordCarePlan(s, carePlanInput(at), now));
    const { state, result } = planned(CAREPLAN_DUE);
    expect(result).toEqual({ action: 'care-plan', stage: 'ASSESSMENT', at: CAREPLAN_DUE });
    expect(clockOf(state, 'R-CAREPLAN-14D')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: CAREPLAN_DUE });
    expect(state.carePlan).toEqual([{ version: 1, at: CAREPLAN_DUE, goals: 2, acuity: 'medium' }]);
    expect(deadlineOf(planned(inPacific(ms(CAREPLAN_DUE) + 1)).state, 'R-CAREPLAN-14D')).toMatchObject({ status: 'breached', breachedAt: CAREPLAN_DUE });
  });

  it('R-CAREPLAN-14D: the plan after a completed assessment makes the member ACTIVE; later plans are revisions with their reason', () => {
    expect(after(journeyAt('CARE_PLANNING'), TIMELINE.carePlanned, (s, now) => recordCarePlan(s, carePlanInput(TIMELINE.carePlanned), now)).stage).toBe('ACTIVE');
    const revised = after(journeyAt('ACTIVE'), TIMELINE.ended, (s, now) => recordCarePlan(s, { ...carePlanInput(TIMELINE.ended), acuity: 'high', revisionReason: 'readmitted' }, now));
    expect(revised.stage).toBe('ACTIVE');
    expect(revised.carePlan?.map((r) => [r.version, r.acuity, r.reason])).toEqual([
      [1, 'medium', undefined],
      [2, 'high', 'readmitted'],
    ]);
    expect(deadlineOf(revised, 'R-CAREPLAN-14D')?.fulfilledAt).toBe(TIMELINE.carePlanned);
  });

  it('R-CAREPLAN-14D: at least two SMART goals, each with a description, a measure and a target date', () => {
    const state = journeyAt('ASSESSMENT');
    const at = TIMELINE.carePlanned;
    const check = (goals: readonly SmartGoal[]) => verdict(() => checkCarePlan(state, withGoals(at, goals), ms(at)));
    expect(check(SMART_GOALS)).toBe('allowed');
    expect(check(SMART_GOALS.slice(0, 1))).toBe(JourneyErrorCode.CarePlanNotSmart);
    expect(check([...SMART_GOALS, goal('2032-01-01', { measure: ' ' })])).toBe(JourneyErrorCode.CarePlanNotSmart);
    expect(check([...SMART_GOALS, goal('2032-01-01', { description: '' })])).toBe(JourneyErrorCode.CarePlanNotSmart);
    expect(check([...SMART_GOALS, goal('next spring')])).toBe(JourneyErrorCode.CarePlanNotSmart);
  });

  it('R-CAREPLAN-14D: a goal is time-bound only with an existing date after the plan’s own local date, in the plan’s zone', () => {
    const state = journeyAt('ASSESSMENT');
    const check = (at: string, targetDate: string) => verdict(() => checkCarePlan(state, withGoals(at, [SMART_GOALS[0]!, goal(targetDate)]), ms(at)));
    // 23:30 Pacific on 20 June is already 21 June in UTC; the plan's date is still the 20th.
    expect(check('2031-06-20T23:30:00.000-07:00', '2031-06-21')).toBe('allowed');
    expect(check('2031-06-21T00:30:00.000-07:00', '2031-06-21')).toBe(JourneyErrorCode.CarePlanNotSmart);
    expect(check(TIMELINE.carePlanned, '2031-06-20')).toBe(JourneyErrorCode.CarePlanNotSmart);
    expect(check(TIMELINE.carePlanned, '2032-02-30')).toBe(JourneyErrorCode.CarePlanNotSmart);
    expect(verdict(() => checkCarePlan(state, withGoals(TIMELINE.carePlanned, [SMART_GOALS[0]!, goal('2031-06-20')]), ms(LATER), 'before-guide-readings'))).toBe('allowed');
  });

  it('R-CAREPLAN-14D: a plan dated before the assessment began is out of order', () => {
    expect(verdict(() => checkCarePlan(journeyAt('ASSESSMENT'), carePlanInput(inPacific(ms(TIMELINE.assessmentStarted) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
  });

  it('R-REASSESS: a revision dated on or after the completed episode meets the reassessment; one dated before it does not', () => {
    const admission: EpisodeAdtEvent = { messageKey: 'm1', eventType: 'A01', visitKey: 'v1', facilityId: 'HOSP-1', patientClass: 'I', notifiedAt: '2031-07-02T08:00:00.000-07:00' };
    const closedAt = '2031-08-05T12:00:00.000-07:00';
    let state = after(journeyAt('ACTIVE'), admission.notifiedAt, (s) => recordAdtEvent(s, { actionKey: 'adt', event: admission }));
    state = after(state, closedAt, (s, now) => episodeUpdated(s, { episodeKey: 'v1', closed: { status: 'completed', at: closedAt } }, now));
    expect(deadlineOf(state, 'R-REASSESS')).toMatchObject({ status: 'open', startedAt: closedAt });
    const revise = (at: string) => clockOf(after(state, '2031-08-06T12:00:00.000-07:00', (s, now) => recordCarePlan(s, carePlanInput(at), now)), 'R-REASSESS');
    expect(revise(closedAt)).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: closedAt });
    expect(revise(inPacific(ms(closedAt) - 1))?.status).toBe('open');
  });
});
