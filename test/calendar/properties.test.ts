import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDaysToDate,
  addHours,
  type BusinessCalendar,
  CALIFORNIA_BUSINESS_CALENDAR,
  endOfBusinessDays,
  endOfCalendarDays,
  isBusinessDay,
  localDateOf,
  offsetMinutes,
  zonedInstant,
} from '../../src/core/calendar';

const DAY_MS = 86_400_000;
const NEW_YORK_PLAN: BusinessCalendar = {
  timeZone: 'America/New_York',
  holidays: [
    { kind: 'date', name: 'Office move', date: '2026-06-15' },
    { kind: 'fixed', name: 'Juneteenth', month: 6, day: 19, sundayToMonday: true },
  ],
};

const instant = fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2040-12-31T00:00:00Z') });
const calendar = fc.constantFrom<BusinessCalendar>(CALIFORNIA_BUSINESS_CALENDAR, NEW_YORK_PLAN);

/** Milliseconds since local midnight as shown on the wall clock (neither zone changes offset at midnight). */
const wallClockMs = (atMs: number, timeZone: string): number =>
  (((atMs + offsetMinutes(atMs, timeZone) * 60_000) % DAY_MS) + DAY_MS) % DAY_MS;

describe('deadline properties', () => {
  it('endOfBusinessDays lands at 23:59:59.999 local on the nth business day after the event date', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 10 }), calendar, (atMs, n, cal) => {
        const due = endOfBusinessDays(atMs, n, cal);
        const eventDate = localDateOf(atMs, cal.timeZone);
        const dueDate = localDateOf(due, cal.timeZone);
        expect(wallClockMs(due, cal.timeZone)).toBe(DAY_MS - 1);
        expect(localDateOf(due + 1, cal.timeZone)).toBe(addDaysToDate(dueDate, 1));
        expect(isBusinessDay(dueDate, cal)).toBe(true);
        expect(dueDate > eventDate).toBe(true);
        let businessDays = 0;
        for (let date = addDaysToDate(eventDate, 1); date <= dueDate; date = addDaysToDate(date, 1)) {
          if (isBusinessDay(date, cal)) businessDays += 1;
        }
        expect(businessDays).toBe(n);
      }),
    );
  });

  it('endOfCalendarDays ends exactly the local day n days after the event date', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 }), calendar, (atMs, n, cal) => {
        const due = endOfCalendarDays(atMs, n, cal);
        const dueDate = addDaysToDate(localDateOf(atMs, cal.timeZone), n);
        expect(localDateOf(due, cal.timeZone)).toBe(dueDate);
        expect(localDateOf(due + 1, cal.timeZone)).toBe(addDaysToDate(dueDate, 1));
        expect(wallClockMs(due, cal.timeZone)).toBe(DAY_MS - 1);
      }),
    );
  });

  it('addHours is pure elapsed time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 1000 }), (atMs, hours) => {
        expect(addHours(atMs, hours) - atMs).toBe(hours * 3_600_000);
      }),
    );
  });

  it('zonedInstant inverts the wall clock, choosing the earlier instant when it repeats', () => {
    fc.assert(
      fc.property(instant, calendar, (atMs, cal) => {
        const wall = wallClockMs(atMs, cal.timeZone);
        const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
        const time = `${pad(Math.floor(wall / 3_600_000))}:${pad(Math.floor(wall / 60_000) % 60)}:${pad(Math.floor(wall / 1000) % 60)}.${pad(wall % 1000, 3)}`;
        const resolved = zonedInstant(localDateOf(atMs, cal.timeZone), time, cal.timeZone);
        // Either this very instant, or the same wall time one hour earlier during a fall-back overlap.
        const repeatedEarlier = resolved === atMs - 3_600_000 && offsetMinutes(resolved, cal.timeZone) === offsetMinutes(atMs, cal.timeZone) + 60;
        expect(resolved === atMs || repeatedEarlier).toBe(true);
      }),
    );
  });
});
