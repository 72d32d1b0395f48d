/**
 * The dates of a Member Information File: plans write `MM/DD/YYYY` (the public templates) or ISO
 * `YYYY-MM-DD`. Strict: a date that does not exist (02/30/2026), or one outside 1900–2100, is
 * refused, never rolled over to another day.
 */
import { isLocalDate, type LocalDate } from '../calendar';

const US_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2100;

/** The date as `YYYY-MM-DD`, or undefined when it is not a real date in either form. */
export function parseMifDate(value: string): LocalDate | undefined {
  const text = value.trim();
  const us = US_DATE.exec(text);
  const candidate = us ? `${us[3]}-${us[1]}-${us[2]}` : ISO_DATE.test(text) ? text : undefined;
  if (!candidate || !isLocalDate(candidate)) return undefined;
  const year = Number(candidate.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR ? candidate : undefined;
}
