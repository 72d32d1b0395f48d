import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysToDate, isLeapYear, parseLocalDate } from '../../src/calendar';
import { ageGroupOf, ageOn, birthdayIn, evaluateEligibility, nthBirthday } from '../../src/eligibility/engine';
import { ADULT, dateArb, pof } from './engine-support';

/** Age by brute force: count the birthdays from the 1st up to asOf. */
function countedAge(dateOfBirth: string, asOf: string): number {
  let age = 0;
  while (nthBirthday(dateOfBirth, age + 1) <= asOf) age += 1;
  return age;
}

const leapDayBirth = fc.integer({ min: 1904, max: 2096 }).filter(isLeapYear).map((year) => `${year}-02-29`);

describe('eligibility engine: age and R-AGE-21', () => {
  it('R-AGE-21: the day before the 21st birthday is child/youth, the birthday itself is adult', () => {
    fc.assert(
      fc.property(dateArb, (dateOfBirth) => {
        const birthday = nthBirthday(dateOfBirth, 21);
        const before = evaluateEligibility({ ...ADULT, dateOfBirth }, addDaysToDate(birthday, -1));
        const on = evaluateEligibility({ ...ADULT, dateOfBirth }, birthday);
        expect([before.age, before.ageGroup]).toEqual([20, 'child_youth']);
        expect([on.age, on.ageGroup]).toEqual([21, 'adult']);
      }),
    );
  });

  it('R-AGE-21: a 29 February birth turns 21 on 1 March (a 21st birthday always falls in a common year), never on 28 February', () => {
    fc.assert(
      fc.property(leapDayBirth, (dateOfBirth) => {
        const year = parseLocalDate(dateOfBirth).year + 21;
        expect(isLeapYear(year)).toBe(false);
        expect(nthBirthday(dateOfBirth, 21)).toBe(`${year}-03-01`);
        expect(ageGroupOf(ageOn(dateOfBirth, `${year}-02-28`))).toBe('child_youth');
        expect(ageGroupOf(ageOn(dateOfBirth, `${year}-03-01`))).toBe('adult');
      }),
    );
    expect(ageOn('2004-02-29', '2025-02-28')).toBe(20);
    expect(ageOn('2004-02-29', '2025-03-01')).toBe(21);
    // In a leap year the birthday is the 29th itself.
    expect(birthdayIn('2004-02-29', 2028)).toBe('2028-02-29');
    expect(ageOn('2004-02-29', '2028-02-28')).toBe(23);
    expect(ageOn('2004-02-29', '2028-02-29')).toBe(24);
  });

  it('R-AGE-21: age is the number of birthdays reached, for any date of birth and evaluation date', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 40 * 366 }), (dateOfBirth, days) => {
        const asOf = addDaysToDate(dateOfBirth, days);
        expect(ageOn(dateOfBirth, asOf)).toBe(countedAge(dateOfBirth, asOf));
      }),
    );
  });

  it('R-AGE-21: an evaluation date before the date of birth is refused', () => {
    expect(() => evaluateEligibility({ ...ADULT, dateOfBirth: '2020-01-02' }, '2020-01-01')).toThrow(RangeError);
    expect(evaluateEligibility({ ...ADULT, dateOfBirth: '2020-01-01' }, '2020-01-01').age).toBe(0);
  });

  it('R-AGE-21: the adult-only and youth-only POFs follow the same boundary', () => {
    const dateOfBirth = '2005-06-15';
    expect(pof({ ...ADULT, dateOfBirth }, '1a', '2026-06-14').reasons).toEqual(['only for adults 21 or older; the member is 20']);
    expect(pof({ ...ADULT, dateOfBirth }, '7', '2026-06-15').reasons).toEqual(['only for children/youth under 21; the member is 21']);
  });

  it('R-AGE-21: a member enrolled in ECM before turning 21 stays eligible as an adult without an adult POF; the graduation criteria decide', () => {
    const dateOfBirth = '2005-06-15';
    const turned21 = '2026-06-15';
    const asOf = '2026-09-01';
    const enrolledTheDayBefore = evaluateEligibility({ ...ADULT, dateOfBirth, ecmEnrolledSince: addDaysToDate(turned21, -1) }, asOf);
    expect(enrolledTheDayBefore).toMatchObject({ eligible: true, ageGroup: 'adult', basis: ['age_21_continuation'], populationsOfFocusMet: [] });
    expect(enrolledTheDayBefore.eligibilityReasons.join(' ')).toContain('R-AGE-21');
    // Enrolled on the birthday itself: enrolled as an adult, so the adult criteria decide.
    const enrolledAsAdult = evaluateEligibility({ ...ADULT, dateOfBirth, ecmEnrolledSince: turned21 }, asOf);
    expect([enrolledAsAdult.eligible, enrolledAsAdult.ineligibilityReasons]).toEqual([false, ['meets no Population of Focus']]);
    // Still under 21: the youth criteria decide, the carry-over does not apply yet.
    const stillYouth = evaluateEligibility({ ...ADULT, dateOfBirth, ecmEnrolledSince: '2025-01-01' }, '2026-06-14');
    expect([stillYouth.eligible, stillYouth.basis]).toEqual([false, []]);
  });
});
