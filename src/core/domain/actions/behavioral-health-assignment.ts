/**
 * R-BH-ASSIGN, enforced at assignment: a member whose county behavioural-health provider is a
 * contracted ECM provider is assigned to that provider unless the member prefers otherwise
 * (DHCS ECM webinar deck, "ECM & Behavioral Health").
 */
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState } from '../journey-state';

/**
 * Refuses assigning the member to `providerId` when R-BH-ASSIGN names another provider. It does not
 * bind when the county provider is not a contracted ECM provider, when the member's documented
 * preference says otherwise, or once that provider has declined the member (R-DECLINE-1BD: a
 * provider at capacity cannot be made to take them, so the plan must assign someone else).
 */
export function checkBehavioralHealthAssignment(state: JourneyState, providerId: string): void {
  const county = state.countyBehavioralHealthProvider;
  if (!county?.contractedEcmProvider || county.memberPrefersOtherProvider || county.providerId === providerId) return;
  if (state.pastAssignments.some((a) => a.providerId === county.providerId && a.response?.response === 'declined')) return;
  throw new JourneyRuleViolation(
    JourneyErrorCode.BehavioralHealthProviderRequired,
    `R-BH-ASSIGN: the member is to be assigned to ${county.providerId}, their county behavioural-health provider and a contracted ECM provider, ` +
      'unless the member’s documented preference says otherwise (record it with memberPrefersOtherProvider)',
  );
}
