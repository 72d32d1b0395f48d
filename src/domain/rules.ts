import type { DueSpec } from '../calendar';

/** Who must act before a deadline; the escalation goes to this party. */
export type ResponsibleParty = 'plan' | 'provider' | 'lead_care_manager';

/** The rule book's entry for one deadline, as the workflow needs it. */
export interface DeadlineRule {
  readonly title: string;
  readonly party: ResponsibleParty;
  readonly due: DueSpec;
  readonly source: string;
}

/**
 * Deadline rules of ECM-RULES §2 that the journey enforces, with their default turnarounds.
 * A plan may override `due` through its policy (see plan-policy.ts); the IDs never change.
 */
export const DEADLINE_RULES = {
  // R-AUTH-ROUTINE: the plan decides on a routine referral within 5 business days.
  'R-AUTH-ROUTINE': {
    title: 'Benefit determination on a routine referral',
    party: 'plan',
    due: { unit: 'business-days', amount: 5 },
    source: 'Guide §7.2, §7.4',
  },
  // R-AUTH-EXPEDITED: the same decision within 72 hours when the referral is expedited.
  'R-AUTH-EXPEDITED': {
    title: 'Benefit determination on an expedited referral',
    party: 'plan',
    due: { unit: 'hours', amount: 72 },
    source: 'Guide §7.2',
  },
  // R-ASSIGN: the assignment reaches a provider within the authorization turnaround.
  'R-ASSIGN': {
    title: 'Assignment made and sent to an ECM provider',
    party: 'plan',
    due: { unit: 'business-days', amount: 5 },
    source: 'Guide §7.4',
  },
  // R-DECLINE-1BD: a provider at capacity must decline within 1 business day, or it has accepted.
  'R-DECLINE-1BD': {
    title: 'Provider accepts, or declines for capacity, the assignment',
    party: 'provider',
    due: { unit: 'business-days', amount: 1 },
    source: 'Guide §7.4',
  },
  // R-LCM-72H: a Lead Care Manager is named and outreach begins within 72 hours.
  'R-LCM-72H': {
    title: 'Lead Care Manager assigned and outreach begun',
    party: 'provider',
    due: { unit: 'hours', amount: 72 },
    source: 'Guide §7.4, §7.5',
  },
} as const satisfies Readonly<Record<string, DeadlineRule>>;

/** A rule ID the journey can open a deadline for. */
export type DeadlineRuleId = keyof typeof DEADLINE_RULES;

/** R-ASSIGN runs on the expedited clock when the referral is expedited. */
export const EXPEDITED_ASSIGNMENT_DUE = { unit: 'hours', amount: 72 } as const satisfies DueSpec;
