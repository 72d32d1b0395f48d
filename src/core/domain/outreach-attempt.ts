/** The vocabulary of an outreach attempt (Guide §8.1, R-OUTREACH-30D): how, with what result, and the tally the state shows. */

/** How an outreach attempt was made (Guide §8.1). `partner_follow_up`: the member presented at a partner. */
export const OUTREACH_METHODS = ['phone', 'text', 'email', 'mail', 'in_person', 'street_outreach', 'partner_follow_up'] as const;
export type OutreachMethod = (typeof OUTREACH_METHODS)[number];
/** Methods that put the Lead Care Manager and the member in the same place. */
export const IN_PERSON_METHODS: readonly OutreachMethod[] = ['in_person', 'street_outreach', 'partner_follow_up'];

/** What an attempt achieved. */
export const OUTREACH_RESULTS = ['reached', 'no_answer', 'left_message', 'wrong_contact', 'not_found', 'refused'] as const;
export type OutreachResult = (typeof OUTREACH_RESULTS)[number];

/** A documented outreach attempt (R-OUTREACH-30D). */
export interface OutreachAttempt {
  readonly at: string;
  readonly method: OutreachMethod;
  readonly result: OutreachResult;
  readonly minutes: number;
}

/** Progress against R-OUTREACH-30D, as the state shows it; only attempts inside the 30 days count. */
export interface OutreachProgress {
  readonly attempts: number;
  readonly inPersonAttempts: number;
  readonly distinctDays: number;
  readonly distinctTimesOfDay: number;
  readonly distinctMethods: number;
  /** Documented after the 30 days ended: kept, but not counted toward R-OUTREACH-30D. */
  readonly attemptsAfterWindow: number;
  readonly satisfied: boolean;
}
