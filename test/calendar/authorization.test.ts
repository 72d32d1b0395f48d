import { describe, expect, it } from 'vitest';
import { authorizationPeriod } from '../../src/core/calendar';

describe('authorizationPeriod', () => {
  it('ends the day before the same date N months later', () => {
    expect(authorizationPeriod('2026-01-15', 12)).toEqual({ start: '2026-01-15', end: '2027-01-14' });
    expect(authorizationPeriod('2026-12-15', 6)).toEqual({ start: '2026-12-15', end: '2027-06-14' });
    expect(authorizationPeriod('2026-01-01', 12)).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('clamps a missing same date to the last day of the month first', () => {
    // 2026-04-31 does not exist → 2026-04-30 → ends 2026-04-29.
    expect(authorizationPeriod('2026-03-31', 1)).toEqual({ start: '2026-03-31', end: '2026-04-29' });
    // 2025-02-29 does not exist → 2025-02-28 → ends 2025-02-27.
    expect(authorizationPeriod('2024-02-29', 12)).toEqual({ start: '2024-02-29', end: '2025-02-27' });
    // 2027-02-31 does not exist → 2027-02-28 → ends 2027-02-27.
    expect(authorizationPeriod('2026-08-31', 6)).toEqual({ start: '2026-08-31', end: '2027-02-27' });
    // Leap year: 2028-02-31 → 2028-02-29 → ends 2028-02-28.
    expect(authorizationPeriod('2027-08-31', 6)).toEqual({ start: '2027-08-31', end: '2028-02-28' });
  });

  it('rejects invalid input', () => {
    expect(() => authorizationPeriod('2026-02-30', 12)).toThrow(/Invalid local date/);
    expect(() => authorizationPeriod('2026-01-15', 0)).toThrow(/months must be at least 1/);
  });
});
