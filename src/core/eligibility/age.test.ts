import { describe, expect, it } from 'vitest';
import { ageOn, birthdayIn } from './age';

describe('age', () => {
  it('a 29 February birthday falls on 1 March in a common year and on 29 February in a leap year', () => {
    expect(birthdayIn('2012-02-29', 2033)).toEqual({ year: 2033, month: 3, day: 1 });
    expect(birthdayIn('2012-02-29', 2032)).toEqual({ year: 2032, month: 2, day: 29 });
    // 2100 is not a leap year (divisible by 100, not by 400); 2000 is.
    expect(birthdayIn('2012-02-29', 2100)).toEqual({ year: 2100, month: 3, day: 1 });
    expect(birthdayIn('1996-02-29', 2000)).toEqual({ year: 2000, month: 2, day: 29 });
    expect(birthdayIn('2010-07-04', 2031)).toEqual({ year: 2031, month: 7, day: 4 });
  });

  it('R-AGE-21: completed years change on the birthday, not the day before', () => {
    expect(ageOn('2010-07-04', '2031-07-03')).toBe(20);
    expect(ageOn('2010-07-04', '2031-07-04')).toBe(21);
    expect(ageOn('2012-02-29', '2033-02-28')).toBe(20);
    expect(ageOn('2012-02-29', '2033-03-01')).toBe(21);
    expect(ageOn('2012-02-29', '2032-02-28')).toBe(19);
    expect(ageOn('2012-02-29', '2032-02-29')).toBe(20);
  });
});
