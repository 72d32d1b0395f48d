import { describe, expect, it } from 'vitest';
import type { JourneyState, OutreachMethod, OutreachResult } from '../journey-state';
import { outreachProgress } from '../outreach-progress';
import { defaultPlanPolicy } from '../plan-policy';
import type { RuleReadings } from '../rule-readings';
import { checkOutreachAttempt, logOutreachAttempt } from './log-outreach-attempt';
import { clockOf, after, allowedOnlyIn, deadlineOf, inPacific, journeyAt, LATER, ms, perform, QUALIFYING_ATTEMPTS, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';
import { JourneyErrorCode } from '../errors';

type Attempt = { readonly at: string; readonly method: OutreachMethod; readonly result?: OutreachResult };
const input = (a: Attempt) => ({ actionKey: `attempt-${a.at}`, at: a.at, method: a.method, result: a.result ?? 'no_answer', minutes: 10 });
/** Logs each attempt as it happens (or all at `documentedAt`, when given). */
function logged(attempts: readonly Attempt[], options: { state?: JourneyState; documentedAt?: string; readings?: RuleReadings } = {}): JourneyState {
  return attempts.reduce(
    (s, a) => after(s, options.documentedAt ?? a.at, (x, now) => logOutreachAttempt(x, input(a), now, options.readings)),
    options.state ?? journeyAt('OUTREACH'),
  );
}
const [a1, a2, a3, a4, a5] = QUALIFYING_ATTEMPTS as [Attempt, Attempt, Attempt, Attempt, Attempt];
/** R-OUTREACH-30D for the naming on Friday 6 June 09:00: to the end of Sunday 6 July. */
const OUTREACH_DUE = '2031-07-06T23:59:59.999-07:00';

describe('logOutreachAttempt', () => {
  it('R-OUTREACH-30D: attempts are logged only during OUTREACH', () => {
    expect(verdictsByStage((s) => checkOutreachAttempt(s, input({ at: LATER, method: 'phone' }), ms(LATER)))).toEqual(allowedOnlyIn(['OUTREACH']));
  });

  it('R-OUTREACH-30D: an attempt dated before outreach began is out of order', () => {
    expect(verdict(() => checkOutreachAttempt(journeyAt('OUTREACH'), input({ at: inPacific(ms(TIMELINE.leadCareManagerNamed) - 1), method: 'phone' }), ms(LATER)))).toBe(
      JourneyErrorCode.TimestampOutOfOrder,
    );
  });

  it('R-OUTREACH-30D: five attempts on five days, at more than one time of day, one in person, with five methods meet the rule, dated by the fifth', () => {
    const four = logged([a1, a2, a3, a4]);
    expect(deadlineOf(four, 'R-OUTREACH-30D')).toMatchObject({ status: 'open', dueAt: OUTREACH_DUE });
    const { state, effects, result } = perform(four, a5.at, (s, now) => logOutreachAttempt(s, input(a5), now));
    expect(result).toEqual({ action: 'outreach-attempt', stage: 'OUTREACH', at: a5.at });
    expect(effects).toEqual([]);
    expect(clockOf(state, 'R-OUTREACH-30D')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: a5.at });
    expect(state.outreachAttempts).toHaveLength(5);
  });

  it('R-OUTREACH-30D: five attempts missing any one requirement leave the rule open', () => {
    const variants: Record<string, readonly Attempt[]> = {
      'four methods': [a1, a2, a3, a4, { ...a5, method: 'phone' }],
      'four days': [a1, a2, a3, a4, { ...a5, at: '2031-06-11T15:00:00.000-07:00' }],
      'one time of day': [a1, { ...a2, at: '2031-06-09T10:00:00.000-07:00' }, { ...a3, at: '2031-06-10T10:00:00.000-07:00' }, a4, a5],
    };
    for (const [what, attempts] of Object.entries(variants)) {
      expect([what, deadlineOf(logged(attempts), 'R-OUTREACH-30D')?.status]).toEqual([what, 'open']);
    }
    // Four of the methods are remote, so a plan asking four methods tells "none in person" apart.
    const fourMethods = journeyAt('OUTREACH', { policy: { ...defaultPlanPolicy('LA-CARE'), outreach: { distinctMethods: 4 } } });
    expect(deadlineOf(logged([a1, a2, { ...a3, method: 'mail' }, a4, { ...a5, method: 'phone' }], { state: fourMethods }), 'R-OUTREACH-30D')?.status).toBe('open');
  });

  it('R-OUTREACH-30D: a plan that asks four methods is met by four', () => {
    const policy = { ...defaultPlanPolicy('LA-CARE'), outreach: { distinctMethods: 4 } };
    const state = logged([a1, a2, a3, a4, { ...a5, method: 'phone' }], { state: journeyAt('OUTREACH', { policy }) });
    expect(clockOf(state, 'R-OUTREACH-30D')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: a5.at });
  });

  it('R-OUTREACH-30D: a fifth attempt at the due instant counts; a millisecond later the rule has breached and the attempt never counts', () => {
    const onTime = logged([a1, a2, a3, a4, { at: OUTREACH_DUE, method: 'mail' }]);
    expect(clockOf(onTime, 'R-OUTREACH-30D')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: OUTREACH_DUE });
    const late = logged([a1, a2, a3, a4, { at: inPacific(ms(OUTREACH_DUE) + 1), method: 'mail' }]);
    expect(deadlineOf(late, 'R-OUTREACH-30D')).toMatchObject({ status: 'breached', breachedAt: OUTREACH_DUE });
    expect(deadlineOf(late, 'R-OUTREACH-30D')!.fulfilledAt).toBeUndefined();
    expect(late.outreachAttempts).toHaveLength(5);
    expect(outreachProgress(late)).toMatchObject({ attempts: 4, attemptsAfterWindow: 1, satisfied: false });
  });

  it('R-OUTREACH-30D, judged by act time: attempts logged late and out of order are kept in the order they happened and the rule is dated by the attempt that completed it', () => {
    const documentedAt = '2031-06-20T10:00:00.000-07:00';
    const state = logged([a5, a1, a2, a3, a4], { documentedAt });
    expect(state.outreachAttempts?.map((a) => a.at)).toEqual([a1, a2, a3, a4, a5].map((a) => a.at));
    expect(clockOf(state, 'R-OUTREACH-30D')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: a5.at });
  });

  it('R-OUTREACH-30D: acts judged before the Guide’s readings count any methods and are dated by the attempt logged last', () => {
    const phoneOnly = [a1, a2, a3, a5, a4].map((a) => (a.method === 'in_person' ? a : { ...a, method: 'phone' as const }));
    const legacy = logged(phoneOnly, { documentedAt: '2031-06-20T10:00:00.000-07:00', readings: 'before-guide-readings' });
    expect(clockOf(legacy, 'R-OUTREACH-30D')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: a4.at });
    expect(deadlineOf(logged(phoneOnly), 'R-OUTREACH-30D')?.status).toBe('open');
  });
});
