import { describe, expect, it } from 'vitest';
import {
  CALIFORNIA_BUSINESS_CALENDAR,
  CALIFORNIA_STATE_HOLIDAYS,
  type HolidayRule,
  isBusinessDay,
  nthWeekdayOfMonth,
  observedHolidays,
  validateBusinessCalendar,
  validateHolidayRules,
} from '../../src/core/calendar';

const CA = CALIFORNIA_BUSINESS_CALENDAR;

describe('California state holidays', () => {
  it('observes the 11 CalHR holidays in 2026', () => {
    expect(observedHolidays(2026, CALIFORNIA_STATE_HOLIDAYS)).toEqual([
      { date: '2026-01-01', name: "New Year's Day" }, // Thursday
      { date: '2026-01-19', name: 'Martin Luther King Jr. Day' }, // Mondays 5, 12, 19
      { date: '2026-02-16', name: "Presidents' Day" }, // Mondays 2, 9, 16
      { date: '2026-03-31', name: 'César Chávez Day' }, // Tuesday
      { date: '2026-05-25', name: 'Memorial Day' }, // May 31 is a Sunday
      { date: '2026-07-04', name: 'Independence Day' }, // Saturday: not moved
      { date: '2026-09-07', name: 'Labor Day' }, // September 1 is a Tuesday
      { date: '2026-11-11', name: 'Veterans Day' }, // Wednesday
      { date: '2026-11-26', name: 'Thanksgiving Day' }, // Thursdays 5, 12, 19, 26
      { date: '2026-11-27', name: 'Day after Thanksgiving' },
      { date: '2026-12-25', name: 'Christmas Day' }, // Friday
    ]);
  });

  it('moves Sunday holidays to Monday in 2027 and leaves Saturday ones', () => {
    expect(observedHolidays(2027, CALIFORNIA_STATE_HOLIDAYS).map((holiday) => holiday.date)).toEqual([
      '2027-01-01', // Friday
      '2027-01-18',
      '2027-02-15',
      '2027-03-31', // Wednesday
      '2027-05-31', // last Monday: May 3, 10, 17, 24, 31
      '2027-07-05', // July 4 is a Sunday
      '2027-09-06',
      '2027-11-11', // Thursday
      '2027-11-25', // Thursdays 4, 11, 18, 25
      '2027-11-26',
      '2027-12-25', // Saturday: not moved
    ]);
  });

  it('observes a Sunday Independence Day on Monday 2027-07-05', () => {
    expect(isBusinessDay('2027-07-05', CA)).toBe(false);
    expect(isBusinessDay('2027-07-06', CA)).toBe(true);
  });

  it('observes Christmas 2022 (a Sunday) on Monday 2022-12-26, and New Year 2023 on 2023-01-02', () => {
    expect(observedHolidays(2022, CALIFORNIA_STATE_HOLIDAYS)).toContainEqual({ date: '2022-12-26', name: 'Christmas Day' });
    expect(isBusinessDay('2022-12-26', CA)).toBe(false);
    expect(isBusinessDay('2023-01-02', CA)).toBe(false);
    expect(isBusinessDay('2023-01-03', CA)).toBe(true);
  });

  it('does not move a Saturday holiday: Friday 2026-07-03 and Friday 2027-12-24 are business days', () => {
    expect(isBusinessDay('2026-07-03', CA)).toBe(true);
    expect(isBusinessDay('2026-07-06', CA)).toBe(true);
    expect(isBusinessDay('2027-12-24', CA)).toBe(true);
    expect(isBusinessDay('2027-12-27', CA)).toBe(true);
  });

  it('treats weekends and holidays as non-business days', () => {
    expect(isBusinessDay('2026-03-30', CA)).toBe(true); // Monday
    expect(isBusinessDay('2026-03-31', CA)).toBe(false); // César Chávez Day, Tuesday
    expect(isBusinessDay('2026-11-26', CA)).toBe(false);
    expect(isBusinessDay('2026-11-27', CA)).toBe(false);
    expect(isBusinessDay('2026-11-28', CA)).toBe(false); // Saturday
    expect(isBusinessDay('2026-11-29', CA)).toBe(false); // Sunday
    expect(isBusinessDay('2026-11-30', CA)).toBe(true);
  });
});

describe('custom holiday rules', () => {
  it('include one-off closures only in their own year', () => {
    const rules: readonly HolidayRule[] = [{ kind: 'date', name: 'Office move', date: '2026-06-15' }];
    expect(observedHolidays(2026, rules)).toEqual([{ date: '2026-06-15', name: 'Office move' }]);
    expect(observedHolidays(2027, rules)).toEqual([]);
  });

  it('count a Sunday, December 31 holiday in the next year, where it is observed', () => {
    // 2023-12-31 is a Sunday.
    const rules: readonly HolidayRule[] = [{ kind: 'fixed', name: "New Year's Eve", month: 12, day: 31, sundayToMonday: true }];
    expect(observedHolidays(2023, rules)).toEqual([]);
    expect(observedHolidays(2024, rules)).toEqual([
      { date: '2024-01-01', name: "New Year's Eve" },
      { date: '2024-12-31', name: "New Year's Eve" },
    ]);
  });

  it('do not move a Sunday holiday unless asked to', () => {
    const rules: readonly HolidayRule[] = [{ kind: 'fixed', name: 'Independence Day', month: 7, day: 4 }];
    expect(observedHolidays(2027, rules)).toEqual([{ date: '2027-07-04', name: 'Independence Day' }]);
  });

  it('skip a February 29 holiday outside leap years and a missing 5th weekday', () => {
    const rules: readonly HolidayRule[] = [
      { kind: 'fixed', name: 'Leap day', month: 2, day: 29 },
      { kind: 'nth-weekday', name: 'Fifth Monday of March', month: 3, weekday: 'monday', n: 5 },
    ];
    // March 2026 has Mondays 2, 9, 16, 23, 30; March 2028 only 6, 13, 20, 27.
    expect(observedHolidays(2026, rules)).toEqual([{ date: '2026-03-30', name: 'Fifth Monday of March' }]);
    expect(observedHolidays(2028, rules).map((holiday) => holiday.date)).toEqual(['2028-02-29']);
    expect(nthWeekdayOfMonth(2026, 2, 'monday', 5)).toBeUndefined(); // Mondays 2, 9, 16, 23 only
  });

  it('are validated with clear messages', () => {
    const invalid = (rules: readonly unknown[]): (() => void) => () => validateHolidayRules(rules as readonly HolidayRule[]);
    expect(invalid([{ kind: 'fixed', name: 'X', month: 13, day: 1 }])).toThrow(/"X": month must be 1-12/);
    expect(invalid([{ kind: 'fixed', name: 'X', month: 4, day: 31 }])).toThrow(/day 31 does not exist in month 4/);
    expect(invalid([{ kind: 'nth-weekday', name: 'X', month: 1, weekday: 'funday', n: 1 }])).toThrow(/unknown weekday/);
    expect(invalid([{ kind: 'nth-weekday', name: 'X', month: 1, weekday: 'monday', n: 0 }])).toThrow(/n must be 1-5 or -1/);
    expect(invalid([{ kind: 'day-after', name: 'X', of: 'Nope' }])).toThrow(/unknown holiday "Nope"/);
    expect(
      invalid([
        { kind: 'day-after', name: 'A', of: 'B' },
        { kind: 'day-after', name: 'B', of: 'A' },
      ]),
    ).toThrow(/loop/);
    expect(invalid([{ kind: 'date', name: 'X', date: '2026-02-30' }])).toThrow(/date must be an existing day/);
    expect(invalid([{ kind: 'easter', name: 'X' }])).toThrow(/unknown kind "easter"/);
    expect(
      invalid([
        { kind: 'date', name: 'X', date: '2026-01-02' },
        { kind: 'date', name: 'X', date: '2026-01-05' },
      ]),
    ).toThrow(/Duplicate holiday rule name "X"/);
    expect(invalid([{ kind: 'date', date: '2026-01-02' }])).toThrow(/needs a non-empty name/);
  });

  it('survive a JSON round trip, since plans store them as data', () => {
    const calendar = JSON.parse(JSON.stringify(CA)) as typeof CA;
    expect(() => validateBusinessCalendar(calendar)).not.toThrow();
    expect(observedHolidays(2026, calendar.holidays)).toEqual(observedHolidays(2026, CALIFORNIA_STATE_HOLIDAYS));
    expect(() => validateBusinessCalendar({ timeZone: 'Pacific/Nowhere', holidays: [] })).toThrow(/Unknown time zone/);
  });
});
