/**
 * Month-based periods such as the 12-month ECM authorization and the 6-month reauthorization.
 */

import { assertIntegerAtLeast } from './internal';
import { addDaysToDate, addMonthsToDate, type LocalDate, parseLocalDate } from './local-date';

/** An authorization period; both dates are inclusive local dates. */
export interface AuthorizationPeriod {
  readonly start: LocalDate;
  readonly end: LocalDate;
}

/**
 * The period of `months` months starting on `effectiveDate`: it ends the day before the same date
 * `months` months later (2026-01-15 + 12 → ends 2027-01-14). When that month lacks the day, the same
 * date clamps to the month's last day first (2026-03-31 + 1 → 2026-04-30 → ends 2026-04-29).
 */
export function authorizationPeriod(effectiveDate: LocalDate, months: number): AuthorizationPeriod {
  parseLocalDate(effectiveDate);
  assertIntegerAtLeast(months, 1, 'months');
  return { start: effectiveDate, end: addDaysToDate(addMonthsToDate(effectiveDate, months), -1) };
}
