/**
 * R-BH-ASSIGN (DHCS ECM webinar deck, "ECM & Behavioral Health"): a member who receives services
 * from a County Behavioral Health Delivery System (SMI, SED or SUD) and whose behavioural-health
 * provider is a contracted ECM provider is assigned to that provider, unless the member has
 * expressed a different preference. This is what the plan told the journey about it; the rule
 * itself is enforced by the assignment's check (actions/behavioral-health-assignment.ts).
 */

/** The member's documented preference for an ECM provider other than their county behavioural-health provider. */
export interface MemberProviderPreference {
  /** When the plan documented the member's preference. */
  readonly documentedAt: string;
  readonly reason: string;
}

/** The member's county behavioural-health provider, as the referral or a later update named it. */
export interface CountyBehavioralHealthProvider {
  /** The provider's ID, as the plan's assignments name providers. */
  readonly providerId: string;
  /** Whether the provider is contracted with the plan as an ECM provider: only then does R-BH-ASSIGN bind. */
  readonly contractedEcmProvider: boolean;
  /** Lifts R-BH-ASSIGN: the member prefers another ECM provider. */
  readonly memberPrefersOtherProvider?: MemberProviderPreference;
  /** When the journey learned this: the referral's receipt, or the update that replaced it. */
  readonly recordedAt: string;
}
