import { isLeapYear, parseLocalDate } from '../calendar';

/**
 * Completed years of age on `asOf`. A 29 February birthday falls on 1 March in a common year, so
 * such a member turns 21 on 1 March (the same reading the R-AGE-21 timer uses).
 */
export function ageOn(dateOfBirth: string, asOf: string): number {
  const born = parseLocalDate(dateOfBirth);
  const on = parseLocalDate(asOf);
  let age = on.year - born.year;
  const leapBirthday = born.month === 2 && born.day === 29;
  const birthdayMonth = leapBirthday && !isLeapYear(on.year) ? 3 : born.month;
  const birthdayDay = leapBirthday && !isLeapYear(on.year) ? 1 : born.day;
  if (on.month < birthdayMonth || (on.month === birthdayMonth && on.day < birthdayDay)) age -= 1;
  return age;
}

/** "Adult" is 21 or older, "child/youth" under 21 (Guide §5.1). */
export const ADULT_AGE = 21;
