/**
 * A plan's business calendar: its time zone and the holidays on which it does no business.
 */

import { CALIFORNIA_STATE_HOLIDAYS, type HolidayRule, observedHolidays, validateHolidayRules } from './holidays';
import { type LocalDate, weekdayOf } from './local-date';
import { assertTimeZone } from './time-zone';

/** The calendar a plan's deadlines are counted in. Plain data, so it can live in plan configuration. */
export interface BusinessCalendar {
  /** IANA time zone whose local dates decide which day an event falls on, e.g. `America/Los_Angeles`. */
  readonly timeZone: string;
  /** Holidays that are not business days, in addition to Saturdays and Sundays. */
  readonly holidays: readonly HolidayRule[];
}

/** The default calendar: Pacific time and the California state holidays. */
export const CALIFORNIA_BUSINESS_CALENDAR = {
  timeZone: 'America/Los_Angeles',
  holidays: CALIFORNIA_STATE_HOLIDAYS,
} as const satisfies BusinessCalendar;

/**
 * Checks a calendar loaded from configuration: a known time zone and valid holiday rules.
 * @throws RangeError describing the first problem found.
 */
export function validateBusinessCalendar(calendar: BusinessCalendar): void {
  assertTimeZone(calendar.timeZone);
  validateHolidayRules(calendar.holidays);
}

/** Whether `localDate` is a business day: Monday to Friday and not an observed holiday of the calendar. */
export function isBusinessDay(localDate: LocalDate, calendar: Pick<BusinessCalendar, 'holidays'>): boolean {
  return businessDayTest(calendar)(localDate);
}

/**
 * A business-day predicate that expands each year's holidays once, for loops that test many
 * consecutive days. The memo lives only as long as the returned function, so no state is shared.
 * @internal Used by deadline counting; not re-exported from `index.ts`.
 */
export function businessDayTest(calendar: Pick<BusinessCalendar, 'holidays'>): (localDate: LocalDate) => boolean {
  const holidaysByYear = new Map<number, ReadonlySet<LocalDate>>();
  return (localDate) => {
    const weekday = weekdayOf(localDate);
    if (weekday === 'saturday' || weekday === 'sunday') return false;
    const year = Number(localDate.slice(0, 4));
    let holidays = holidaysByYear.get(year);
    if (holidays === undefined) {
      holidays = new Set(observedHolidays(year, calendar.holidays).map((holiday) => holiday.date));
      holidaysByYear.set(year, holidays);
    }
    return !holidays.has(localDate);
  };
}
