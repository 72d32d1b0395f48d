import type { ReferralFacts } from './journey-state';

/** The member as the referral describes them. PHI: it lives in the care record, never in logs or search attributes. */
export interface MemberDemographics {
  readonly cin: string;
  readonly name: { readonly given: string; readonly family: string };
  readonly dateOfBirth: string;
  readonly language?: string;
  readonly contact?: { readonly phone?: string; readonly email?: string; readonly address?: string };
}

/** A referral as received, for the care record: what the journey keeps, plus the plan's IDs and the demographics. */
export interface ReferralRecord extends ReferralFacts {
  readonly memberId: string;
  readonly plan: string;
  readonly referralId: string;
  readonly member: MemberDemographics;
}
