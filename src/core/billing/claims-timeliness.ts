/**
 * R-PAY-TIMELY (Guide §15): the plan pays 90% of clean claims within 30 days of receipt and 99%
 * within 90. Receipt is the plan's date stamp; payment the date on the check or other payment.
 */
import { daysBetween } from '../calendar';

/** R-PAY-TIMELY's targets. */
export const TIMELY_TARGETS = { within30Days: 0.9, within90Days: 0.99 } as const;

/** One adjudicated (or still unpaid) clean claim: local dates in the plan's zone. */
export interface AdjudicatedClaim {
  readonly receivedOn: string;
  readonly paidOn?: string;
}

/** The Guide §15 figures for a set of clean claims, as of a date (unpaid claims older than a limit count as late). */
export interface TimelinessFigures {
  readonly cleanClaims: number;
  readonly paidWithin30Days: number;
  readonly paidWithin90Days: number;
  readonly shareWithin30Days: number | null;
  readonly shareWithin90Days: number | null;
  readonly meetsTarget30: boolean | null;
  readonly meetsTarget90: boolean | null;
}

/** R-PAY-TIMELY: the shares of clean claims paid within 30 and within 90 days of receipt. */
export function timelinessOf(claims: readonly AdjudicatedClaim[]): TimelinessFigures {
  const within = (days: number): number => claims.filter((c) => c.paidOn !== undefined && daysBetween(c.receivedOn, c.paidOn) <= days).length;
  const n = claims.length;
  const w30 = within(30);
  const w90 = within(90);
  const share = (k: number): number | null => (n === 0 ? null : k / n);
  const s30 = share(w30);
  const s90 = share(w90);
  return {
    cleanClaims: n,
    paidWithin30Days: w30,
    paidWithin90Days: w90,
    shareWithin30Days: s30,
    shareWithin90Days: s90,
    meetsTarget30: s30 === null ? null : s30 >= TIMELY_TARGETS.within30Days,
    meetsTarget90: s90 === null ? null : s90 >= TIMELY_TARGETS.within90Days,
  };
}
