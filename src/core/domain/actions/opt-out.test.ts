import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { ENROLLED_STAGES } from './action-support';
import { checkOptOut, optOut } from './opt-out';
import { allowedOnlyIn, inPacific, journeyAt, LATER, ms, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

describe('optOut', () => {
  it('R-OPT-IN: an enrolled member may opt out in any stage from enrollment on (before it, refusing closes outreach instead)', () => {
    expect(verdictsByStage((s) => checkOptOut(s, { actionKey: 'opt-out', at: LATER }, ms(LATER)))).toEqual(allowedOnlyIn(ENROLLED_STAGES));
  });

  it('R-OPT-IN: opting out discontinues ECM as "member no longer wishes", with a Notice of Action to the member (R-DENIAL-NOA), the slot freed and clocks cancelled', () => {
    const { state, effects, result } = perform(journeyAt('ACTIVE'), TIMELINE.ended, (s, now) => optOut(s, { actionKey: 'opt-out', at: TIMELINE.ended, reason: 'moving away' }, now));
    expect(result).toEqual({ action: 'opt-out', stage: 'DISCONTINUED', at: TIMELINE.ended });
    expect(state.discontinuation).toEqual({ reason: 'member_no_longer_wishes', at: TIMELINE.ended, detail: 'moving away' });
    expect(effects).toEqual([
      { kind: 'caseload_release', careManagerId: 'LCM-0001', reason: 'member_no_longer_wishes', at: TIMELINE.ended },
      { kind: 'notice_of_action', noticeType: 'discontinuation', reason: 'member_no_longer_wishes: moving away', decidedAt: TIMELINE.ended, recipients: ['member'] },
    ]);
    expect(state.deadlines.filter((d) => d.status === 'open')).toEqual([]);
  });

  it('R-OPT-IN: an opt-out dated before the referral is refused', () => {
    expect(verdict(() => checkOptOut(journeyAt('ACTIVE'), { actionKey: 'opt-out', at: inPacific(ms(TIMELINE.received) - 1) }, ms(LATER)))).toBe(JourneyErrorCode.TimestampBeforeJourney);
  });
});
