import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import type { JourneyState } from '../journey-state';
import { checkCloseOutreach, closeOutreach, type CloseOutreachInput } from './close-outreach';
import { logOutreachAttempt } from './log-outreach-attempt';
import { after, allowedOnlyIn, deadlineOf, inPacific, journeyAt, LATER, ms, perform, QUALIFYING_ATTEMPTS, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const close = (outcome: CloseOutreachInput['outcome'], at: string = TIMELINE.ended): CloseOutreachInput => ({ actionKey: `close-${outcome}`, outcome, at });
function tried(attempts = QUALIFYING_ATTEMPTS): JourneyState {
  return attempts.reduce((s, a, n) => after(s, a.at, (x, now) => logOutreachAttempt(x, { actionKey: `a${n}`, at: a.at, method: a.method, result: a.result, minutes: 5 }, now)), journeyAt('OUTREACH'));
}

describe('closeOutreach', () => {
  it('R-UNREACHABLE: outreach is closed only during OUTREACH', () => {
    expect(verdictsByStage((s) => checkCloseOutreach(s, close('declined', LATER), ms(LATER)))).toEqual(allowedOnlyIn(['OUTREACH']));
  });

  it('R-UNREACHABLE: not before R-OUTREACH-30D is satisfied; four attempts are refused, with the counts so far', () => {
    const four = tried(QUALIFYING_ATTEMPTS.slice(0, 4));
    expect(() => checkCloseOutreach(four, close('unreachable'), ms(TIMELINE.ended))).toThrow(/so far 4 attempts, 1 in person, 4 days/);
    expect(verdict(() => checkCloseOutreach(four, close('unreachable'), ms(TIMELINE.ended)))).toBe(JourneyErrorCode.OutreachRequirementNotMet);
  });

  it('R-UNREACHABLE: with R-OUTREACH-30D satisfied the journey ends UNREACHABLE, the plan is told, the Lead Care Manager’s slot freed, open clocks cancelled', () => {
    const { state, effects, result } = perform(tried(), TIMELINE.ended, (s, now) => closeOutreach(s, close('unreachable'), now));
    expect(result).toEqual({ action: 'outreach-close', stage: 'UNREACHABLE', at: TIMELINE.ended });
    expect(state.outreachOutcome).toEqual({ outcome: 'unreachable', at: TIMELINE.ended });
    expect(effects).toEqual([
      { kind: 'plan_report', report: 'outreach_outcome', outcome: 'unreachable', at: TIMELINE.ended },
      { kind: 'caseload_release', careManagerId: 'LCM-0001', reason: 'outreach closed: unreachable', at: TIMELINE.ended },
    ]);
    expect(deadlineOf(state, 'R-OUTREACH-30D')?.status).toBe('met');
    expect(state.deadlines.filter((d) => d.status === 'open')).toEqual([]);
    expect(deadlineOf(state, 'R-AUTH-LAPSE')).toMatchObject({ status: 'cancelled', cancelReason: 'outreach closed: unreachable' });
    expect(state.milestones?.every((m) => m.status === 'cancelled')).toBe(true);
  });

  it('R-UNREACHABLE: a member an attempt reached is not unreachable, even after five attempts (acts judged before the Guide’s readings excepted)', () => {
    const reached = tried(QUALIFYING_ATTEMPTS.map((a, n) => (n === 1 ? { ...a, result: 'reached' as const } : a)));
    expect(verdict(() => checkCloseOutreach(reached, close('unreachable'), ms(TIMELINE.ended)))).toBe(JourneyErrorCode.MemberWasReached);
    expect(verdict(() => checkCloseOutreach(reached, close('unreachable'), ms(TIMELINE.ended), 'before-guide-readings'))).toBe('allowed');
    expect(verdict(() => checkCloseOutreach(reached, close('declined'), ms(TIMELINE.ended)))).toBe('allowed');
  });

  it('R-UNREACHABLE: an attempt after the 30 days does not make up the fifth, and the refusal says so', () => {
    const late = { ...QUALIFYING_ATTEMPTS[4]!, at: '2031-07-07T10:00:00.000-07:00' };
    const state = tried([...QUALIFYING_ATTEMPTS.slice(0, 4), late]);
    expect(() => checkCloseOutreach(state, close('unreachable', '2031-07-08T10:00:00.000-07:00'), ms(LATER))).toThrow(/1 attempts after the 30 days ended at 2031-07-06T23:59:59.999-07:00/);
  });

  it('R-UNREACHABLE: a member who refuses ends DECLINED with no attempt requirement; R-OUTREACH-30D no longer applies', () => {
    const { state, effects } = perform(journeyAt('OUTREACH'), TIMELINE.enrolled, (s, now) => closeOutreach(s, close('declined', TIMELINE.enrolled), now));
    expect(state.stage).toBe('DECLINED');
    expect(deadlineOf(state, 'R-OUTREACH-30D')).toMatchObject({ status: 'cancelled', cancelReason: 'outreach closed: declined' });
    expect(effects[0]).toEqual({ kind: 'plan_report', report: 'outreach_outcome', outcome: 'declined', at: TIMELINE.enrolled });
  });

  it('R-UNREACHABLE: a closing dated before outreach began is out of order', () => {
    expect(verdict(() => checkCloseOutreach(journeyAt('OUTREACH'), close('declined', inPacific(ms(TIMELINE.leadCareManagerNamed) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
  });
});
