/**
 * R-CLAIMS-60D (Guide §14): a provider submits the claims of a service month within 60 days of
 * the month's last day. The clock starts on the last day of the month in the plan's zone and is
 * due at the end of the local day 60 calendar days later (ECM-RULES §1), e.g. January 2026 →
 * 2026-04-01T23:59:59.999 Pacific, February 2026 → 2026-04-29.
 */
import { daysInMonth, formatLocalDate, startOfLocalDate } from '../calendar';
import { openDeadline, type Deadline } from '../domain/deadline';
import { turnaroundOf, type PlanPolicy } from '../domain/plan-policy';

/** `YYYY-MM`: a service month. */
export const SERVICE_MONTH_PATTERN = /^(19|20)\d\d-(0[1-9]|1[0-2])$/;

/** The last local date of a `YYYY-MM` month. */
export function lastDayOfMonth(month: string): string {
  if (!SERVICE_MONTH_PATTERN.test(month)) throw new RangeError(`not a service month: ${month}`);
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return formatLocalDate({ year, month: m, day: daysInMonth(year, m) });
}

/** The key of a provider-month's R-CLAIMS-60D deadline. */
export function claimsDeadlineKey(month: string): string {
  return `R-CLAIMS-60D:${month}`;
}

/** R-CLAIMS-60D: the open deadline of a service month under the plan's calendar and turnaround. */
export function claimsMonthDeadline(policy: PlanPolicy, month: string): Deadline {
  const startMs = startOfLocalDate(lastDayOfMonth(month), policy.calendar.timeZone);
  return openDeadline(policy, 'R-CLAIMS-60D', claimsDeadlineKey(month), startMs, turnaroundOf(policy, 'R-CLAIMS-60D'));
}
