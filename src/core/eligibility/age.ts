import { isLeapYear, parseLocalDate, type DateParts, type LocalDate } from '../calendar';

/**
 * The day a member born on `dateOfBirth` has their birthday in `year`. A 29 February birthday
 * falls on 1 March in a common year: eligibility's age and the R-AGE-21 timer read it the same way.
 */
export function birthdayIn(dateOfBirth: LocalDate, year: number): DateParts {
  const { month, day } = parseLocalDate(dateOfBirth);
  return month === 2 && day === 29 && !isLeapYear(year) ? { year, month: 3, day: 1 } : { year, month, day };
}

/** Completed years of age on `asOf`; a 29 February child turns 21 on 1 March of a common year ({@link birthdayIn}). */
export function ageOn(dateOfBirth: string, asOf: string): number {
  const born = parseLocalDate(dateOfBirth);
  const on = parseLocalDate(asOf);
  const birthday = birthdayIn(dateOfBirth, on.year);
  const age = on.year - born.year;
  return on.month < birthday.month || (on.month === birthday.month && on.day < birthday.day) ? age - 1 : age;
}

/** "Adult" is 21 or older, "child/youth" under 21 (Guide §5.1). */
export const ADULT_AGE = 21;
