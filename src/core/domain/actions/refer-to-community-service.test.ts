import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { ENROLLED_STAGES } from './action-support';
import { checkCommunityReferral, referToCommunityService } from './refer-to-community-service';
import { allowedOnlyIn, inPacific, journeyAt, LATER, ms, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const referral = (at: string) => ({ actionKey: `clr-${at}`, referredTo: 'Food Bank of LA', serviceType: 'food' as const, at });

describe('referToCommunityService (Guide §8.7)', () => {
  it('R-OPT-IN: a closed-loop referral is recorded for an enrolled member only (ENROLLED onwards, while open)', () => {
    expect(verdictsByStage((s) => checkCommunityReferral(s, referral(LATER), ms(LATER)))).toEqual(allowedOnlyIn(ENROLLED_STAGES));
  });

  it('each referral is numbered within the journey, starts as sent on its own date, and moves no clock', () => {
    const before = journeyAt('ACTIVE');
    const first = perform(before, TIMELINE.ended, (s, now) => referToCommunityService(s, referral(TIMELINE.ended), now));
    expect(first.result).toEqual({ action: 'community-referral', stage: 'ACTIVE', at: TIMELINE.ended, communityReferralId: 'clr-1' });
    expect(first.effects).toEqual([]);
    expect(first.state.deadlines).toEqual(before.deadlines);
    const second = perform(first.state, TIMELINE.ended, (s, now) => referToCommunityService(s, { ...referral(TIMELINE.ended), serviceType: 'housing' }, now));
    expect(second.state.communityReferrals).toEqual([
      { id: 'clr-1', referredTo: 'Food Bank of LA', serviceType: 'food', referredAt: TIMELINE.ended, status: 'sent', statusAt: TIMELINE.ended },
      { id: 'clr-2', referredTo: 'Food Bank of LA', serviceType: 'housing', referredAt: TIMELINE.ended, status: 'sent', statusAt: TIMELINE.ended },
    ]);
  });

  it('a referral dated before the journey began is refused', () => {
    expect(verdict(() => checkCommunityReferral(journeyAt('ACTIVE'), referral(inPacific(ms(TIMELINE.received) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampBeforeJourney);
  });
});
