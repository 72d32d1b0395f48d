/**
 * Helpers shared by the calendar modules but deliberately not re-exported from `index.ts`:
 * they work on raw numbers and skip the validation the public functions do.
 */

/** Milliseconds in a civil (24-hour) day; only valid for UTC-like arithmetic, never across a zone's DST change. */
export const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 for a proleptic-Gregorian date (Howard Hinnant's `days_from_civil`).
 * The year is shifted to start in March so the leap day is the last day of the shifted year.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of {@link daysFromCivil} (Hinnant's `civil_from_days`); `month` is 1–12. */
export function civilFromDays(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Rejects non-integers (and NaN/Infinity) so a stray fraction cannot silently skew a deadline. */
export function assertInteger(value: number, label: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${label} must be an integer, got ${String(value)}`);
  }
}

/** Like {@link assertInteger}, additionally requiring `value >= min`. */
export function assertIntegerAtLeast(value: number, min: number, label: string): void {
  assertInteger(value, label);
  if (value < min) {
    throw new RangeError(`${label} must be at least ${min}, got ${value}`);
  }
}
