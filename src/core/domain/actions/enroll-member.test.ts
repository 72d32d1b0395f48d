import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { checkEnrollment, enrollMember, type EnrollmentInput } from './enroll-member';
import { clockOf, after, allowedOnlyIn, deadlineOf, inPacific, journeyAt, LATER, ms, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const enroll = (at: string): EnrollmentInput => ({ actionKey: `enroll-${at}`, consent: 'written', recordedBy: 'LCM-0001', at });
const OUTREACH_DUE = '2031-07-06T23:59:59.999-07:00';

describe('enrollMember', () => {
  it('R-OPT-IN: a member is enrolled only from OUTREACH', () => {
    expect(verdictsByStage((s) => checkEnrollment(s, enroll(LATER), ms(LATER)))).toEqual(allowedOnlyIn(['OUTREACH']));
  });

  it('R-OPT-IN: the consent is kept (how, by whom, when); R-OUTREACH-30D is met; R-ASSESS-START (30 days) and R-ASSESS-COMPLETE (60 days) start, with the 7-day best practice', () => {
    const { state, effects, result } = perform(journeyAt('OUTREACH'), TIMELINE.enrolled, (s, now) => enrollMember(s, enroll(TIMELINE.enrolled), now));
    expect(result).toEqual({ action: 'enrollment', stage: 'ENROLLED', at: TIMELINE.enrolled });
    expect(effects).toEqual([]);
    expect(state.consent).toEqual({ method: 'written', recordedBy: 'LCM-0001', at: TIMELINE.enrolled });
    expect(state.assessment).toEqual({ delays: [] });
    expect(clockOf(state, 'R-OUTREACH-30D')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: TIMELINE.enrolled });
    expect(deadlineOf(state, 'R-ASSESS-START')).toMatchObject({ status: 'open', startedAt: TIMELINE.enrolled, dueAt: '2031-07-10T23:59:59.999-07:00' });
    expect(deadlineOf(state, 'R-ASSESS-COMPLETE')).toMatchObject({ status: 'open', startedAt: TIMELINE.enrolled, dueAt: '2031-08-09T23:59:59.999-07:00' });
    expect(state.milestones?.find((m) => m.kind === 'assessment-best-practice')).toEqual({
      key: 'assessment-best-practice',
      kind: 'assessment-best-practice',
      at: '2031-06-17T23:59:59.999-07:00',
      status: 'pending',
      summary: 'R-ASSESS-START best practice (7 days) 2031-06-17',
    });
  });

  it('R-OUTREACH-30D: enrollment at the outreach due instant meets it; a millisecond later it stays breached with the late act kept', () => {
    expect(deadlineOf(after(journeyAt('OUTREACH'), OUTREACH_DUE, (s, now) => enrollMember(s, enroll(OUTREACH_DUE), now)), 'R-OUTREACH-30D')?.status).toBe('met');
    const late = inPacific(ms(OUTREACH_DUE) + 1);
    expect(deadlineOf(after(journeyAt('OUTREACH'), late, (s, now) => enrollMember(s, enroll(late), now)), 'R-OUTREACH-30D')).toMatchObject({
      status: 'breached',
      breachedAt: OUTREACH_DUE,
      fulfilledAt: late,
    });
  });

  it('R-OPT-IN: consent dated before outreach began is out of order', () => {
    expect(verdict(() => checkEnrollment(journeyAt('OUTREACH'), enroll(inPacific(ms(TIMELINE.leadCareManagerNamed) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
  });
});
