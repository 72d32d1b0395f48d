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
  // R-OUTREACH-30D: ≥5 attempts within 30 days, ≥1 in person, on different days and times, five methods (plan may ask fewer).
  'R-OUTREACH-30D': {
    title: 'Outreach: at least 5 documented attempts within the 30 days, 1 in person, on different days and times, with different methods',
    party: 'provider',
    due: { unit: 'calendar-days', amount: 30 },
    source: 'Guide §8.1',
  },
  // R-ASSESS-START: comprehensive assessment begun within 30 days of enrollment.
  'R-ASSESS-START': {
    title: 'Comprehensive assessment begun',
    party: 'provider',
    due: { unit: 'calendar-days', amount: 30 },
    source: 'Guide §8.2.1',
  },
  // R-ASSESS-COMPLETE: completed within 60 days of enrollment, unless the member asked for a delay.
  'R-ASSESS-COMPLETE': {
    title: 'Comprehensive assessment completed',
    party: 'provider',
    due: { unit: 'calendar-days', amount: 60 },
    source: 'Guide §8.2.1',
  },
  // R-CAREPLAN-14D: care plan with ≥2 SMART goals within 14 days of the assessment's start.
  'R-CAREPLAN-14D': {
    title: 'Person-centred care plan with SMART goals',
    party: 'provider',
    due: { unit: 'calendar-days', amount: 14 },
    source: 'Guide §8.2.2',
  },
  // R-PROVIDER-CHANGE-30D: the plan implements a member's change of ECM provider within 30 days.
  'R-PROVIDER-CHANGE-30D': {
    title: 'Change of ECM provider implemented',
    party: 'plan',
    due: { unit: 'calendar-days', amount: 30 },
    source: 'Guide §7.6',
  },
  // R-PCQ-WINDOW: the PCQ is due by the end of the day 14 days before the period ends (the window
  // opens 30 days before); `due` is not used, the window is computed from the period.
  'R-PCQ-WINDOW': {
    title: 'Program Completion Questionnaire submitted',
    party: 'provider',
    due: { unit: 'calendar-days', amount: 16 },
    source: 'Guide §9.2',
  },
  // R-AUTH-LAPSE: the plan decides on reauthorization (or graduation) before the authorization
  // period ends; `due` is not used, the deadline is the end of the period's last day.
  'R-AUTH-LAPSE': {
    title: 'Reauthorization decided before the authorization period ends',
    party: 'plan',
    due: { unit: 'calendar-days', amount: 0 },
    source: 'Guide §9.1, §9.2',
  },
  // R-DUPLICATIVE: a member in a duplicative program chooses ECM or that program; the plan sets how long.
  'R-DUPLICATIVE': {
    title: 'Member chooses between ECM and a duplicative program',
    party: 'provider',
    due: { unit: 'calendar-days', amount: 30 },
    source: 'Guide §5.3',
  },
  // R-TCS-24H: outreach to the member and the facility begins within 24 hours of an ADT notification.
  'R-TCS-24H': {
    title: 'Member and facility contacted after an admission or discharge notification',
    party: 'lead_care_manager',
    due: { unit: 'hours', amount: 24 },
    source: 'Guide §8.5 item 1',
  },
  // R-TCS-7D: post-discharge contact and a connection to the PCP within 7 days of discharge.
  'R-TCS-7D': {
    title: 'Post-discharge follow-up and PCP connection',
    party: 'lead_care_manager',
    due: { unit: 'calendar-days', amount: 7 },
    source: 'Guide §8.5 item 7',
  },
  // R-TCS-30D: transitional care lasts at least 30 days after discharge; reaching it is "met".
  'R-TCS-30D': {
    title: 'Transitional care continues at least 30 days after discharge',
    party: 'lead_care_manager',
    due: { unit: 'calendar-days', amount: 30 },
    source: 'Guide §8.5',
  },
  // R-CLAIMS-60D: a provider submits a service month's claims within 60 days of the month's last day.
  'R-CLAIMS-60D': {
    title: 'Claims for the service month submitted',
    party: 'provider',
    due: { unit: 'calendar-days', amount: 60 },
    source: 'Guide §14',
  },
  // R-REASSESS: a completed transitional-care episode triggers a reassessment and care plan update.
  'R-REASSESS': {
    title: 'Reassessment and care plan update after transitional care',
    party: 'provider',
    due: { unit: 'calendar-days', amount: 30 },
    source: 'Guide §8.2.1, §8.2.2',
  },
} as const satisfies Readonly<Record<string, DeadlineRule>>;

/** A rule ID the journey can open a deadline for. */
export type DeadlineRuleId = keyof typeof DEADLINE_RULES;

/** R-ASSIGN runs on the expedited clock when the referral is expedited. */
export const EXPEDITED_ASSIGNMENT_DUE = { unit: 'hours', amount: 72 } as const satisfies DueSpec;

/** R-AUTH-12M: the initial authorization lasts 12 months. */
export const INITIAL_AUTHORIZATION_MONTHS = 12;
/** R-REAUTH-6M: each reauthorization lasts 6 months. */
export const REAUTHORIZATION_MONTHS = 6;
/** R-PCQ-WINDOW: the window opens 30 days and closes 14 days before the period's end date. */
export const PCQ_WINDOW_OPENS_DAYS_BEFORE_END = 30;
export const PCQ_WINDOW_CLOSES_DAYS_BEFORE_END = 14;
/** R-ASSESS-START's best practice: begun within 7 days, reported as a warning, never a breach. */
export const ASSESSMENT_BEST_PRACTICE_DAYS = 7;
