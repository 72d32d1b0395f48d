/**
 * A report's month, `YYYY-MM`, and its bounds in the plan's time zone: an act at 23:30 Pacific on
 * the last day belongs to that month, though it is already the next month in UTC.
 */
import { formatLocalDate, startOfLocalDate, type LocalDate } from '../calendar';

/** A month of the monthly files. */
export interface ReportMonth {
  readonly year: number;
  readonly month: number;
}

/** `YYYY-MM` in the years the API accepts (1900–2200), or undefined. */
export function parseReportMonth(text: string): ReportMonth | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return undefined;
  return { year, month };
}

/** The first local date of the month. */
export function firstDayOf(m: ReportMonth): LocalDate {
  return formatLocalDate({ year: m.year, month: m.month, day: 1 });
}

/** The month after. */
export function nextMonth(m: ReportMonth): ReportMonth {
  return m.month === 12 ? { year: m.year + 1, month: 1 } : { year: m.year, month: m.month + 1 };
}

/** The month before. */
export function previousMonth(m: ReportMonth): ReportMonth {
  return m.month === 1 ? { year: m.year - 1, month: 12 } : { year: m.year, month: m.month - 1 };
}

/** [start, end) of the month in epoch milliseconds, midnight to midnight in the zone. */
export function monthBounds(m: ReportMonth, timeZone: string): { readonly startMs: number; readonly endMs: number } {
  return { startMs: startOfLocalDate(firstDayOf(m), timeZone), endMs: startOfLocalDate(firstDayOf(nextMonth(m)), timeZone) };
}

/** `YYYY-MM`. */
export function formatReportMonth(m: ReportMonth): string {
  return `${m.year}-${String(m.month).padStart(2, '0')}`;
}

/** `MMYYYY`, as the plans' file names carry it. */
export function mmyyyy(m: ReportMonth): string {
  return `${String(m.month).padStart(2, '0')}${m.year}`;
}
