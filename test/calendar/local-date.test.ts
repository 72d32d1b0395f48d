import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDaysToDate,
  addMonthsToDate,
  daysBetween,
  fromEpochDay,
  isLocalDate,
  parseLocalDate,
  toEpochDay,
  weekdayOf,
} from '../../src/core/calendar';

describe('local dates', () => {
  it('knows the weekday of reference dates', () => {
    expect(weekdayOf('1970-01-01')).toBe('thursday');
    expect(weekdayOf('2000-02-29')).toBe('tuesday');
    expect(weekdayOf('2026-11-26')).toBe('thursday');
    expect(weekdayOf('2027-07-04')).toBe('sunday');
    expect(weekdayOf('2026-07-04')).toBe('saturday');
  });

  it('numbers days from 1970-01-01', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1969-12-31')).toBe(-1);
    // 946 684 800 s / 86 400 s per day
    expect(toEpochDay('2000-01-01')).toBe(10957);
    expect(fromEpochDay(10957)).toBe('2000-01-01');
  });

  it('adds days across month, leap-day and year boundaries', () => {
    expect(addDaysToDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToDate('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDaysToDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToDate('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('adds months, clamping to the last day of a shorter month', () => {
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsToDate('2026-03-15', -3)).toBe('2025-12-15');
  });

  it('rejects malformed or non-existent dates', () => {
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(() => parseLocalDate('2026-02-30')).toThrow(/Invalid local date "2026-02-30"/);
    expect(() => parseLocalDate('2026-2-3')).toThrow(RangeError);
    expect(() => addDaysToDate('2026-01-01', 1.5)).toThrow(/days must be an integer/);
  });

  it('agrees with Date.UTC on day numbers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1000, 0, 1) / 86_400_000, max: Date.UTC(9999, 11, 31) / 86_400_000 }), (day) => {
        const date = fromEpochDay(day);
        expect(date).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
        expect(toEpochDay(date)).toBe(day);
      }),
    );
  });
});
