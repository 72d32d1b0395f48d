/**
 * Due instants for the rule book's deadline kinds (§1 "How time is counted"): hours, calendar days and
 * business days after a triggering event. Workflow code calls {@link dueInstant}.
 */

import { type BusinessCalendar, businessDayTest } from './business-calendar';
import { assertInteger, assertIntegerAtLeast } from './internal';
import { addDaysToDate } from './local-date';
import { endOfLocalDate, localDateOf } from './time-zone';

const HOUR_MS = 3_600_000;

/**
 * The instant exactly `hours` hours after `atMs` (negative goes back). Elapsed time, so a DST change
 * in between does not stretch or shrink it: 72 h is always 259 200 000 ms.
 */
export function addHours(atMs: number, hours: number): number {
  assertInteger(atMs, 'instant (epoch milliseconds)');
  assertInteger(hours, 'hours');
  return atMs + hours * HOUR_MS;
}

/**
 * End of the local day `days` calendar days after the event's local date (23:59:59.999 local).
 * `days = 0` means the end of the event's own day.
 */
export function endOfCalendarDays(atMs: number, days: number, calendar: Pick<BusinessCalendar, 'timeZone'>): number {
  assertIntegerAtLeast(days, 0, 'days');
  return endOfLocalDate(addDaysToDate(localDateOf(atMs, calendar.timeZone), days), calendar.timeZone);
}

/**
 * End of the `days`th business day after the event's local date (23:59:59.999 local). The event's own
 * day never counts, even when it is a business day: counting starts the day after.
 * @throws Error if the calendar has no business day in a whole year (misconfigured holidays).
 */
export function endOfBusinessDays(atMs: number, days: number, calendar: BusinessCalendar): number {
  assertIntegerAtLeast(days, 1, 'business days');
  const isBusinessDay = businessDayTest(calendar);
  let date = localDateOf(atMs, calendar.timeZone);
  let counted = 0;
  let daysSinceLastBusinessDay = 0;
  while (counted < days) {
    date = addDaysToDate(date, 1);
    if (isBusinessDay(date)) {
      counted += 1;
      daysSinceLastBusinessDay = 0;
    } else if (++daysSinceLastBusinessDay > 366) {
      // Holiday rules are data; one that blanks out every weekday must fail loudly, not loop forever.
      throw new Error(`Business calendar has no business day in the year after ${date}; check its holiday rules`);
    }
  }
  return endOfLocalDate(date, calendar.timeZone);
}

/** How long a deadline runs from its triggering event, in the rule book's units. Serialisable. */
export type DueSpec =
  | { readonly unit: 'hours'; readonly amount: number }
  | { readonly unit: 'calendar-days'; readonly amount: number }
  | { readonly unit: 'business-days'; readonly amount: number };

/**
 * The instant a deadline falls due, counted from the triggering event at `startMs` in the plan's calendar.
 * @throws RangeError for a negative or fractional amount, or zero business days.
 */
export function dueInstant(spec: DueSpec, startMs: number, calendar: BusinessCalendar): number {
  switch (spec.unit) {
    case 'hours':
      assertIntegerAtLeast(spec.amount, 0, 'hours');
      return addHours(startMs, spec.amount);
    case 'calendar-days':
      return endOfCalendarDays(startMs, spec.amount, calendar);
    case 'business-days':
      return endOfBusinessDays(startMs, spec.amount, calendar);
    default: {
      // Specs may come from stored data, so an unknown unit must be rejected at run time too.
      const unknown: never = spec;
      throw new RangeError(`Unknown deadline unit ${JSON.stringify((unknown as { unit?: unknown }).unit)}`);
    }
  }
}

/** Whether a deadline was met: the fulfilling event happened at or before the due instant. */
export function isDeadlineMet(fulfilledAtMs: number, dueMs: number): boolean {
  return fulfilledAtMs <= dueMs;
}
