import { describe, expect, it } from 'vitest';
import {
  addHours,
  type BusinessCalendar,
  CALIFORNIA_BUSINESS_CALENDAR,
  dueInstant,
  type DueSpec,
  endOfBusinessDays,
  endOfCalendarDays,
  formatZoned,
  isDeadlineMet,
} from '../../src/core/calendar';

const CA = CALIFORNIA_BUSINESS_CALENDAR;
const LA = CA.timeZone;
const at = (iso: string): number => Date.parse(iso);

describe('hours', () => {
  it('are elapsed time across spring forward (72 h = 259 200 000 ms)', () => {
    const received = at('2026-03-07T09:00:00-08:00'); // 17:00 UTC
    const due = addHours(received, 72);
    expect(due - received).toBe(72 * 3600 * 1000);
    expect(due).toBe(at('2026-03-10T17:00:00Z'));
    // Wall clock reads an hour later than the start time: the 72 hours include the lost hour.
    expect(formatZoned(received, LA)).toBe('2026-03-07T09:00-08:00');
    expect(formatZoned(due, LA)).toBe('2026-03-10T10:00-07:00');
  });

  it('are elapsed time across fall back', () => {
    const received = at('2026-10-30T09:00:00-07:00'); // 16:00 UTC
    const due = addHours(received, 72);
    expect(due - received).toBe(72 * 3600 * 1000);
    expect(formatZoned(due, LA)).toBe('2026-11-02T08:00-08:00');
  });

  it('24 h spanning the spring-forward night', () => {
    expect(formatZoned(addHours(at('2026-03-07T12:00:00-08:00'), 24), LA)).toBe('2026-03-08T13:00-07:00');
  });
});

describe('calendar days', () => {
  it('end at 23:59:59.999 local on a spring-forward day (-07:00)', () => {
    const due = endOfCalendarDays(at('2026-03-01T10:00:00-08:00'), 7, CA);
    expect(due).toBe(at('2026-03-09T06:59:59.999Z'));
    expect(formatZoned(due, LA)).toBe('2026-03-08T23:59:59-07:00');
  });

  it('end at 23:59:59.999 local on a fall-back day (-08:00)', () => {
    const due = endOfCalendarDays(at('2026-10-25T10:00:00-07:00'), 7, CA);
    expect(due).toBe(at('2026-11-02T07:59:59.999Z'));
    expect(formatZoned(due, LA)).toBe('2026-11-01T23:59:59-08:00');
  });

  it('count from the local date of a late-evening event', () => {
    // Tuesday 2026-11-24 23:30 PST is 2026-11-25 in UTC; 7 days from the 24th is 2026-12-01.
    expect(endOfCalendarDays(at('2026-11-24T23:30:00-08:00'), 7, CA)).toBe(at('2026-12-01T23:59:59.999-08:00'));
  });

  it('cover the 14, 30 and 60 day turnarounds', () => {
    const received = at('2026-01-15T09:00:00-08:00');
    expect(endOfCalendarDays(received, 14, CA)).toBe(at('2026-01-29T23:59:59.999-08:00'));
    expect(endOfCalendarDays(received, 30, CA)).toBe(at('2026-02-14T23:59:59.999-08:00'));
    // 16 days left in January + 28 in February + 16 into March.
    expect(endOfCalendarDays(received, 60, CA)).toBe(at('2026-03-16T23:59:59.999-07:00'));
    expect(endOfCalendarDays(received, 0, CA)).toBe(at('2026-01-15T23:59:59.999-08:00'));
  });
});

describe('business days', () => {
  it('skip a weekend', () => {
    // Friday 2026-01-09 → Monday 2026-01-12.
    expect(endOfBusinessDays(at('2026-01-09T15:00:00-08:00'), 1, CA)).toBe(at('2026-01-12T23:59:59.999-08:00'));
    // An event on Saturday also counts from the next business day.
    expect(endOfBusinessDays(at('2026-01-10T11:00:00-08:00'), 1, CA)).toBe(at('2026-01-12T23:59:59.999-08:00'));
  });

  it('never count the event day, even a business day at 00:00', () => {
    // Monday 2026-01-12: Tue 13 (1), Wed 14 (2), Thu 15 (3), Fri 16 (4), MLK Day Mon 19 skipped, Tue 20 (5).
    expect(endOfBusinessDays(at('2026-01-12T00:00:00-08:00'), 5, CA)).toBe(at('2026-01-20T23:59:59.999-08:00'));
  });

  it('skip Thanksgiving and the day after (rule-book example)', () => {
    const due = endOfBusinessDays(at('2026-11-25T10:00:00-08:00'), 5, CA);
    expect(due).toBe(at('2026-12-04T23:59:59.999-08:00'));
    expect(formatZoned(due, LA)).toBe('2026-12-04T23:59:59-08:00');
  });

  it('skip César Chávez Day (Tuesday 2026-03-31)', () => {
    expect(endOfBusinessDays(at('2026-03-30T10:00:00-07:00'), 1, CA)).toBe(at('2026-04-01T23:59:59.999-07:00'));
  });

  it('skip a Sunday holiday observed on Monday (2027-07-04 → 2027-07-05)', () => {
    // Friday 2027-07-02: Sat, Sun, observed holiday Mon 5 → Tue 2027-07-06.
    expect(endOfBusinessDays(at('2027-07-02T10:00:00-07:00'), 1, CA)).toBe(at('2027-07-06T23:59:59.999-07:00'));
    // Christmas 2022 fell on a Sunday: Friday 2022-12-23 → Tuesday 2022-12-27.
    expect(endOfBusinessDays(at('2022-12-23T10:00:00-08:00'), 1, CA)).toBe(at('2022-12-27T23:59:59.999-08:00'));
  });

  it('do not lose a day to a Saturday holiday (2026-07-04)', () => {
    // Thursday 2026-07-02 → Friday 2026-07-03 is a business day.
    expect(endOfBusinessDays(at('2026-07-02T10:00:00-07:00'), 1, CA)).toBe(at('2026-07-03T23:59:59.999-07:00'));
    // Friday 2026-07-03 → Monday 2026-07-06.
    expect(endOfBusinessDays(at('2026-07-03T10:00:00-07:00'), 1, CA)).toBe(at('2026-07-06T23:59:59.999-07:00'));
  });

  it('count from the local date, not the UTC date, of a late-evening event', () => {
    const lateTuesday = at('2026-11-24T23:30:00-08:00'); // 2026-11-25T07:30Z
    expect(endOfBusinessDays(lateTuesday, 1, CA)).toBe(at('2026-11-25T23:59:59.999-08:00'));
    // Wed 25 (1), Thanksgiving, day after, weekend, Mon 30 (2), Tue 1 (3), Wed 2 (4), Thu 3 (5).
    expect(endOfBusinessDays(lateTuesday, 5, CA)).toBe(at('2026-12-03T23:59:59.999-08:00'));
  });

  it('follow a plan with another time zone and its own holidays', () => {
    const newYorkPlan: BusinessCalendar = {
      timeZone: 'America/New_York',
      holidays: [{ kind: 'date', name: 'Office move', date: '2026-06-15' }],
    };
    // Saturday 01:30 in New York is still Friday 22:30 in Los Angeles.
    const received = at('2026-06-13T01:30:00-04:00');
    // New York: from Saturday 13th, skip Sunday and the Monday closure → Tuesday 2026-06-16.
    const due = endOfBusinessDays(received, 1, newYorkPlan);
    expect(due).toBe(at('2026-06-16T23:59:59.999-04:00'));
    expect(formatZoned(due, newYorkPlan.timeZone)).toBe('2026-06-16T23:59:59-04:00');
    // California: from Friday 12th → Monday 2026-06-15.
    expect(endOfBusinessDays(received, 1, CA)).toBe(at('2026-06-15T23:59:59.999-07:00'));
    // The custom list replaces the California one: César Chávez Day is a business day in this plan.
    expect(endOfBusinessDays(at('2026-03-30T10:00:00-04:00'), 1, newYorkPlan)).toBe(at('2026-03-31T23:59:59.999-04:00'));
  });

  it('fail loudly for a calendar without business days', () => {
    const allWeekdays = (['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const).flatMap((weekday) =>
      ([1, 2, 3, 4, 5] as const).flatMap((n) =>
        Array.from({ length: 12 }, (_, index) => ({
          kind: 'nth-weekday' as const,
          name: `${weekday} ${n} ${index + 1}`,
          month: index + 1,
          weekday,
          n,
        })),
      ),
    );
    const closed: BusinessCalendar = { timeZone: LA, holidays: allWeekdays };
    expect(() => endOfBusinessDays(at('2026-01-01T10:00:00-08:00'), 1, closed)).toThrow(/no business day/);
  });

  it('reject zero or fractional counts', () => {
    expect(() => endOfBusinessDays(0, 0, CA)).toThrow(/business days must be at least 1/);
    expect(() => endOfCalendarDays(0, 1.5, CA)).toThrow(/must be an integer/);
  });
});

describe('dueInstant', () => {
  it('dispatches on the unit', () => {
    const received = at('2026-11-25T10:00:00-08:00');
    const specs: readonly [DueSpec, number][] = [
      [{ unit: 'hours', amount: 72 }, at('2026-11-28T10:00:00-08:00')],
      [{ unit: 'calendar-days', amount: 7 }, at('2026-12-02T23:59:59.999-08:00')],
      [{ unit: 'business-days', amount: 5 }, at('2026-12-04T23:59:59.999-08:00')],
    ];
    for (const [spec, expected] of specs) {
      expect(dueInstant(spec, received, CA)).toBe(expected);
    }
  });

  it('formats a timer summary', () => {
    const due = dueInstant({ unit: 'hours', amount: 72 }, at('2026-11-30T17:00:00-08:00'), CA);
    expect(`R-LCM-72H due ${formatZoned(due, LA)}`).toBe('R-LCM-72H due 2026-12-03T17:00-08:00');
  });

  it('rejects unknown units and negative amounts from stored data', () => {
    expect(() => dueInstant({ unit: 'weeks', amount: 1 } as unknown as DueSpec, 0, CA)).toThrow(/Unknown deadline unit "weeks"/);
    expect(() => dueInstant({ unit: 'hours', amount: -1 }, 0, CA)).toThrow(/hours must be at least 0/);
  });
});

describe('isDeadlineMet', () => {
  it('is met at or before the due instant', () => {
    const due = at('2026-12-04T23:59:59.999-08:00');
    expect(isDeadlineMet(due, due)).toBe(true);
    expect(isDeadlineMet(due - 1, due)).toBe(true);
    expect(isDeadlineMet(at('2026-12-05T00:00:00-08:00'), due)).toBe(false);
  });
});
