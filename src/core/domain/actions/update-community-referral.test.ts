import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import type { JourneyState } from '../journey-state';
import { referToCommunityService } from './refer-to-community-service';
import { after, inPacific, journeyAt, LATER, ms, perform, TIMELINE, verdict } from './testing/journey-at';
import { checkCommunityReferralStatus, updateCommunityReferral, type CommunityReferralStatusInput } from './update-community-referral';

const referred = (): JourneyState =>
  after(journeyAt('ACTIVE'), TIMELINE.ended, (s, now) => referToCommunityService(s, { actionKey: 'r1', referredTo: 'Housing Navigators', serviceType: 'housing', at: TIMELINE.ended }, now));
const later = (minutes: number) => inPacific(ms(TIMELINE.ended) + minutes * 60_000);
const status = (s: CommunityReferralStatusInput['status'], at: string, more: Partial<CommunityReferralStatusInput> = {}): CommunityReferralStatusInput => ({
  actionKey: `${s}-${at}`, communityReferralId: 'clr-1', status: s, at, ...more,
});

describe('updateCommunityReferral (Guide §8.7)', () => {
  it('follows the referral to completion; completing closes the loop as services received', () => {
    const accepted = after(referred(), later(10), (s, now) => updateCommunityReferral(s, status('accepted', later(10)), now));
    const done = perform(accepted, later(20), (s, now) => updateCommunityReferral(s, status('completed', later(20)), now));
    expect(done.result).toEqual({ action: 'community-referral-status', stage: 'ACTIVE', at: later(20), communityReferralId: 'clr-1' });
    expect(done.state.communityReferrals?.[0]).toMatchObject({ status: 'completed', statusAt: later(20), closureReason: 'services_received', referredAt: TIMELINE.ended });
  });

  it('closing the loop needs a reason, and a closed loop stays closed', () => {
    expect(verdict(() => checkCommunityReferralStatus(referred(), status('closed', later(5)), ms(LATER)))).toBe(JourneyErrorCode.ReasonRequired);
    const closed = after(referred(), later(5), (s, now) => updateCommunityReferral(s, status('closed', later(5), { closureReason: 'unable_to_contact_member' }), now));
    expect(closed.communityReferrals?.[0]).toMatchObject({ status: 'closed', closureReason: 'unable_to_contact_member' });
    expect(verdict(() => checkCommunityReferralStatus(closed, status('in_progress', later(6)), ms(LATER)))).toBe(JourneyErrorCode.ReferralStatusNotAllowed);
  });

  it('an unknown referral ID is refused, and so is a status dated before the last one', () => {
    expect(verdict(() => checkCommunityReferralStatus(referred(), status('accepted', later(5), { communityReferralId: 'clr-9' }), ms(LATER)))).toBe(JourneyErrorCode.CommunityReferralNotFound);
    expect(verdict(() => checkCommunityReferralStatus(referred(), status('accepted', later(-1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
  });
});
