import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { checkReauthorization, decideReauthorization, type ReauthorizationInput } from './decide-reauthorization';
import { submitPcq } from './submit-pcq';
import { after, allowedOnlyIn, deadlineOf, inPacific, journeyAt, LATER, ms, perform, runClockTo, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const decide = (decision: ReauthorizationInput['decision'], decidedAt: string = TIMELINE.reauthorizationDecided, extra: Partial<ReauthorizationInput> = {}): ReauthorizationInput => ({
  actionKey: `${decision}-${decidedAt}`,
  decision,
  decidedAt,
  ...extra,
});
const GRADUATION = { otherProgramsInformed: ['Basic Care Management'] };
/** R-AUTH-LAPSE of period 1 (4 June 2031 to 3 June 2032). */
const PERIOD_1_ENDS = '2032-06-03T23:59:59.999-07:00';
const inReview = (recommendation: 'continue' | 'complete' = 'continue') => journeyAt('REAUTH_REVIEW', { pcqRecommendation: recommendation });

describe('decideReauthorization', () => {
  it('R-REAUTH-6M: the plan decides only in REAUTH_REVIEW', () => {
    expect(verdictsByStage((s) => checkReauthorization(s, decide('reauthorize', LATER), ms(LATER)))).toEqual(allowedOnlyIn(['REAUTH_REVIEW']));
  });

  it('R-REAUTH-6M: a reauthorization opens 6 months from the day after the period ends, with its own milestones and R-AUTH-LAPSE; the run continues as new', () => {
    const { state, effects, result } = perform(inReview(), TIMELINE.reauthorizationDecided, (s, now) => decideReauthorization(s, decide('reauthorize'), now));
    expect(result).toEqual({ action: 'reauthorization', stage: 'ACTIVE', at: TIMELINE.reauthorizationDecided });
    expect(effects).toEqual([]);
    expect(state.authorizationPeriods).toEqual([
      { number: 1, kind: 'initial', start: '2031-06-04', end: '2032-06-03' },
      { number: 2, kind: 'reauthorization', start: '2032-06-04', end: '2032-12-03' },
    ]);
    expect(state.milestones?.filter((m) => m.key.endsWith('#1') || m.key.endsWith('#2')).map((m) => [m.key, m.status, m.at])).toEqual([
      ['pcq-window-opens#1', 'reached', '2032-05-04T00:00:00.000-07:00'],
      ['authorization-ends#1', 'cancelled', PERIOD_1_ENDS],
      ['pcq-window-opens#2', 'pending', '2032-11-03T00:00:00.000-07:00'],
      ['authorization-ends#2', 'pending', '2032-12-03T23:59:59.999-08:00'],
    ]);
    expect(state.deadlines.filter((d) => d.rule === 'R-AUTH-LAPSE').map((d) => [d.key, d.status, d.dueAt])).toEqual([
      ['R-AUTH-LAPSE:period-1', 'met', PERIOD_1_ENDS],
      ['R-AUTH-LAPSE:period-2', 'open', '2032-12-03T23:59:59.999-08:00'],
    ]);
    expect(state.continueAsNewRequested).toBe(true);
  });

  it('R-REAUTH-6M: the member returns to the stage their work had reached (ENROLLED when the assessment had not begun)', () => {
    const review = after(journeyAt('ENROLLED'), TIMELINE.pcqSubmitted, (s, now) => submitPcq(s, { actionKey: 'pcq', submittedAt: TIMELINE.pcqSubmitted, recommendation: 'continue' }, now));
    expect(review.stage).toBe('REAUTH_REVIEW');
    expect(after(review, TIMELINE.reauthorizationDecided, (s, now) => decideReauthorization(s, decide('reauthorize'), now)).stage).toBe('ENROLLED');
  });

  it('R-AUTH-LAPSE: a decision at the end of the period’s last day is met; a millisecond later the lapse is breached, shown, and cleared by the decision', () => {
    const met = after(inReview(), PERIOD_1_ENDS, (s, now) => decideReauthorization(s, decide('reauthorize', PERIOD_1_ENDS), now));
    expect(deadlineOf(met, 'R-AUTH-LAPSE')).toMatchObject({ key: 'R-AUTH-LAPSE:period-2', status: 'open' });
    expect(met.deadlines.find((d) => d.key === 'R-AUTH-LAPSE:period-1')).toMatchObject({ status: 'met', fulfilledAt: PERIOD_1_ENDS });
    expect(met.deadlines.find((d) => d.key === 'R-AUTH-LAPSE:period-1')?.documentedLate).toBeUndefined();

    const late = inPacific(ms(PERIOD_1_ENDS) + 1);
    const lapsed = runClockTo(inReview(), ms(late), true);
    expect(lapsed.authorizationLapse).toEqual({ periodNumber: 1, since: PERIOD_1_ENDS });
    const { state } = perform(lapsed, late, (s, now) => decideReauthorization(s, decide('reauthorize', late), now));
    expect(state.authorizationLapse).toBeUndefined();
    expect(state.deadlines.find((d) => d.key === 'R-AUTH-LAPSE:period-1')).toMatchObject({ status: 'breached', breachedAt: PERIOD_1_ENDS, fulfilledAt: late });
  });

  it('R-DENIAL-NOA: a denial discontinues ECM with a Notice of Action and needs a reason', () => {
    expect(verdict(() => checkReauthorization(inReview(), decide('deny'), ms(LATER)))).toBe(JourneyErrorCode.ReasonRequired);
    const { state, effects } = perform(inReview(), TIMELINE.reauthorizationDecided, (s, now) => decideReauthorization(s, decide('deny', undefined, { reason: 'criteria no longer met' }), now));
    expect(state.stage).toBe('DISCONTINUED');
    expect(state.discontinuation).toEqual({ reason: 'reauthorization_denied', at: TIMELINE.reauthorizationDecided, detail: 'criteria no longer met' });
    expect(effects).toContainEqual({
      kind: 'notice_of_action',
      noticeType: 'discontinuation',
      reason: 'reauthorization_denied: criteria no longer met',
      decidedAt: TIMELINE.reauthorizationDecided,
      recipients: ['member'],
    });
    expect(state.deadlines.find((d) => d.key === 'R-AUTH-LAPSE:period-1')?.status).toBe('met');
  });

  it('R-GRADUATION: needs a PCQ recommending completion, a case conference this period, and the other programs the member was told of', () => {
    const refusal = (state = inReview('complete'), extra: Partial<ReauthorizationInput> = GRADUATION) => {
      try {
        checkReauthorization(state, decide('graduate', undefined, extra), ms(LATER));
        return 'allowed';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(refusal(inReview('continue'))).toBe('graduation needs a PCQ recommending completion (R-GRADUATION)');
    expect(refusal(inReview('complete'), {})).toBe('graduation needs the other programs the member was told of (R-GRADUATION)');
    const noConference = after(journeyAt('ACTIVE'), TIMELINE.pcqSubmitted, (s, now) => submitPcq(s, { actionKey: 'pcq', submittedAt: TIMELINE.pcqSubmitted, recommendation: 'complete' }, now));
    expect(refusal(noConference)).toBe('graduation needs a case conference in this authorization period (R-GRADUATION)');
    expect(verdict(() => checkReauthorization(noConference, decide('graduate', undefined, GRADUATION), ms(LATER)))).toBe(JourneyErrorCode.GraduationRequirementsNotMet);
    expect(refusal()).toBe('allowed');
  });

  it('R-GRADUATION: the member graduates; the slot is freed and every open clock cancelled', () => {
    const { state, effects } = perform(inReview('complete'), TIMELINE.reauthorizationDecided, (s, now) => decideReauthorization(s, decide('graduate', undefined, GRADUATION), now));
    expect(state.stage).toBe('GRADUATED');
    expect(state.graduation).toEqual({ at: TIMELINE.reauthorizationDecided, otherProgramsInformed: ['Basic Care Management'] });
    expect(effects).toEqual([{ kind: 'caseload_release', careManagerId: 'LCM-0001', reason: 'graduated', at: TIMELINE.reauthorizationDecided }]);
    expect(state.deadlines.filter((d) => d.status === 'open')).toEqual([]);
  });

  it('R-REAUTH-6M: a decision dated before the PCQ is out of order', () => {
    expect(verdict(() => checkReauthorization(inReview(), decide('reauthorize', inPacific(ms(TIMELINE.pcqSubmitted) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
  });
});
