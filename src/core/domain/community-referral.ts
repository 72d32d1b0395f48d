/**
 * Closed-loop referrals to Community Supports and social services (Guide §8.7, §10): the Lead
 * Care Manager refers the member, follows the referral up and records how the loop closed. DHCS
 * lets plans collect this only through the RTF, so every status change is kept with its date.
 */

/** What the member was referred for. */
export const COMMUNITY_SERVICE_TYPES = [
  'community_supports',
  'housing',
  'food',
  'transportation',
  'behavioral_health',
  'substance_use',
  'medical_equipment',
  'home_health',
  'legal',
  'income_benefits',
  'employment',
  'other_social_service',
] as const;
export type CommunityServiceType = (typeof COMMUNITY_SERVICE_TYPES)[number];

/** A referral's status; `declined`, `completed` and `closed` close the loop. */
export const COMMUNITY_REFERRAL_STATUSES = ['sent', 'accepted', 'declined', 'in_progress', 'completed', 'closed'] as const;
export type CommunityReferralStatus = (typeof COMMUNITY_REFERRAL_STATUSES)[number];

/** Why the loop closed. */
export const LOOP_CLOSURE_REASONS = [
  'services_received',
  'member_declined',
  'unable_to_contact_member',
  'referral_not_accepted',
  'service_not_available',
  'member_no_longer_eligible',
  'other',
] as const;
export type LoopClosureReason = (typeof LOOP_CLOSURE_REASONS)[number];

/** Statuses after which nothing more happens to the referral. */
export const LOOP_CLOSED_STATUSES: readonly CommunityReferralStatus[] = ['declined', 'completed', 'closed'];

/** The statuses each status may move to. */
const NEXT: Readonly<Record<CommunityReferralStatus, readonly CommunityReferralStatus[]>> = {
  sent: ['accepted', 'declined', 'in_progress', 'completed', 'closed'],
  accepted: ['in_progress', 'completed', 'closed'],
  in_progress: ['completed', 'closed'],
  declined: [],
  completed: [],
  closed: [],
};

/** True when a referral in `from` may move to `to`. */
export function mayMove(from: CommunityReferralStatus, to: CommunityReferralStatus): boolean {
  return NEXT[from].includes(to);
}

/** The closure reason a status implies when the caller gives none; `closed` needs one said. */
export function impliedClosureReason(status: CommunityReferralStatus): LoopClosureReason | undefined {
  if (status === 'completed') return 'services_received';
  if (status === 'declined') return 'referral_not_accepted';
  return undefined;
}

/** One referral as the journey and the care record keep it. */
export interface CommunityReferral {
  /** `clr-<n>`, numbered within the journey: the path's `:communityReferralId`. */
  readonly id: string;
  readonly referredTo: string;
  readonly serviceType: CommunityServiceType;
  readonly referredAt: string;
  readonly status: CommunityReferralStatus;
  readonly statusAt: string;
  readonly closureReason?: LoopClosureReason;
  readonly note?: string;
}
