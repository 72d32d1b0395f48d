/**
 * Arithmetic on wall-calendar dates written as ISO `YYYY-MM-DD` strings.
 *
 * A local date names a day on a plan's calendar and carries no time zone, so it is handled with integer
 * day numbers (days since 1970-01-01, proleptic Gregorian) rather than `Date`: nothing here can be
 * affected by the host's time zone, which keeps the maths identical in Temporal workflow replays.
 */

import { assertInteger, civilFromDays, daysFromCivil } from './internal';

/**
 * An ISO 8601 calendar date, `YYYY-MM-DD`, years 0001–9999. Because the year is always four digits,
 * plain string comparison (`a < b`) orders local dates chronologically.
 */
export type LocalDate = string;

/** Days of the week, Sunday first, named so holiday rules stored as JSON read unambiguously. */
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** A day of the week, as named in {@link WEEKDAYS}. */
export type Weekday = (typeof WEEKDAYS)[number];

/** The numeric parts of a {@link LocalDate}; `month` is 1–12. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether `value` is a well-formed `YYYY-MM-DD` string naming a day that exists. */
export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Splits a local date into its parts.
 * @throws RangeError if `date` is not a real `YYYY-MM-DD` date (e.g. `2026-02-30`).
 */
export function parseLocalDate(date: LocalDate): DateParts {
  if (!isLocalDate(date)) {
    throw new RangeError(`Invalid local date ${JSON.stringify(date)}: expected an existing day written YYYY-MM-DD`);
  }
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/**
 * Writes date parts as `YYYY-MM-DD`.
 * @throws RangeError if the parts do not name an existing day in years 0001–9999.
 */
export function formatLocalDate(parts: DateParts): LocalDate {
  const text = `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
  if (!Number.isInteger(parts.year) || !isLocalDate(text)) {
    throw new RangeError(`Invalid date parts ${JSON.stringify(parts)}: no such day in years 0001-9999`);
  }
  return text;
}

/** Days since 1970-01-01 for a local date (negative before it). */
export function toEpochDay(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return daysFromCivil(year, month, day);
}

/**
 * The local date `epochDay` days after 1970-01-01 (inverse of {@link toEpochDay}).
 * @throws RangeError if the result falls outside years 0001–9999.
 */
export function fromEpochDay(epochDay: number): LocalDate {
  assertInteger(epochDay, 'epochDay');
  return formatLocalDate(civilFromDays(epochDay));
}

/** The local date `days` days after `date` (`days` may be negative). */
export function addDaysToDate(date: LocalDate, days: number): LocalDate {
  assertInteger(days, 'days');
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * The same day-of-month `months` months after `date` (`months` may be negative); when that month is
 * shorter, the day clamps to its last day (2026-03-31 + 1 month → 2026-04-30).
 */
export function addMonthsToDate(date: LocalDate, months: number): LocalDate {
  assertInteger(months, 'months');
  const { year, month, day } = parseLocalDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatLocalDate({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** The day of the week of a local date. */
export function weekdayOf(date: LocalDate): Weekday {
  // 1970-01-01 was a Thursday, index 4 when Sunday is 0.
  const weekday = WEEKDAYS[(((toEpochDay(date) + 4) % 7) + 7) % 7];
  if (weekday === undefined) throw new Error('Unreachable: weekday index out of range');
  return weekday;
}

/** Number of days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
