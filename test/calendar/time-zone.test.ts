import { describe, expect, it } from 'vitest';
import {
  assertTimeZone,
  endOfLocalDate,
  formatZoned,
  localDateOf,
  offsetMinutes,
  startOfLocalDate,
  zonedInstant,
} from '../../src/core/calendar';

const LA = 'America/Los_Angeles';
const at = (iso: string): number => Date.parse(iso);

describe('local date of an instant', () => {
  it('uses the local date, not the UTC date, for a late-evening event', () => {
    // 23:30 PST on the 24th is already 07:30 UTC on the 25th.
    expect(localDateOf(at('2026-11-24T23:30:00-08:00'), LA)).toBe('2026-11-24');
    expect(localDateOf(at('2026-11-24T23:30:00-08:00'), 'UTC')).toBe('2026-11-25');
    expect(localDateOf(at('2026-11-25T00:00:00-08:00'), LA)).toBe('2026-11-25');
  });
});

describe('UTC offsets', () => {
  it('switch at 02:00 local on the 2026 DST days in Los Angeles', () => {
    // Spring forward: 02:00 PST = 10:00 UTC.
    expect(offsetMinutes(at('2026-03-08T09:59:59.999Z'), LA)).toBe(-480);
    expect(offsetMinutes(at('2026-03-08T10:00:00.000Z'), LA)).toBe(-420);
    // Fall back: 02:00 PDT = 09:00 UTC.
    expect(offsetMinutes(at('2026-11-01T08:59:59.999Z'), LA)).toBe(-420);
    expect(offsetMinutes(at('2026-11-01T09:00:00.000Z'), LA)).toBe(-480);
    expect(offsetMinutes(at('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });
});

describe('zonedInstant', () => {
  it('converts an ordinary wall time', () => {
    expect(zonedInstant('2026-12-03', '17:00:00.000', LA)).toBe(at('2026-12-04T01:00:00Z'));
    expect(zonedInstant('2026-07-01', '09:15', LA)).toBe(at('2026-07-01T16:15:00Z'));
  });

  it('takes the first instant after a spring-forward gap', () => {
    // 02:30 does not exist on 2026-03-08; clocks jump from 02:00 PST to 03:00 PDT (10:00 UTC).
    expect(zonedInstant('2026-03-08', '02:30:00.000', LA)).toBe(at('2026-03-08T10:00:00Z'));
    expect(zonedInstant('2026-03-08', '02:00', LA)).toBe(at('2026-03-08T10:00:00Z'));
    expect(zonedInstant('2026-03-08', '03:00', LA)).toBe(at('2026-03-08T10:00:00Z'));
    expect(zonedInstant('2026-03-08', '01:59:59.999', LA)).toBe(at('2026-03-08T09:59:59.999Z'));
  });

  it('takes the earlier instant in a fall-back overlap', () => {
    // 01:30 happens twice on 2026-11-01: first at -07:00 (08:30 UTC), then at -08:00 (09:30 UTC).
    expect(zonedInstant('2026-11-01', '01:30:00.000', LA)).toBe(at('2026-11-01T08:30:00Z'));
  });

  it('rejects malformed times', () => {
    expect(() => zonedInstant('2026-11-01', '24:00', LA)).toThrow(/Invalid wall-clock time/);
    expect(() => zonedInstant('2026-11-01', '9:00', LA)).toThrow(/Invalid wall-clock time/);
  });
});

describe('start and end of a local date', () => {
  it('spans 23 hours on the spring-forward day', () => {
    expect(startOfLocalDate('2026-03-08', LA)).toBe(at('2026-03-08T00:00:00-08:00'));
    expect(endOfLocalDate('2026-03-08', LA)).toBe(at('2026-03-08T23:59:59.999-07:00'));
    expect(endOfLocalDate('2026-03-08', LA) + 1 - startOfLocalDate('2026-03-08', LA)).toBe(23 * 3_600_000);
  });

  it('spans 25 hours on the fall-back day', () => {
    expect(startOfLocalDate('2026-11-01', LA)).toBe(at('2026-11-01T00:00:00-07:00'));
    expect(endOfLocalDate('2026-11-01', LA)).toBe(at('2026-11-01T23:59:59.999-08:00'));
    expect(endOfLocalDate('2026-11-01', LA) + 1 - startOfLocalDate('2026-11-01', LA)).toBe(25 * 3_600_000);
  });

  it('handles a zone whose DST change happens at midnight', () => {
    // Sao Paulo sprang forward at 00:00 on 2018-11-04: the day began at 01:00 -02:00.
    expect(startOfLocalDate('2018-11-04', 'America/Sao_Paulo')).toBe(at('2018-11-04T01:00:00-02:00'));
    expect(endOfLocalDate('2018-11-03', 'America/Sao_Paulo')).toBe(at('2018-11-03T23:59:59.999-03:00'));
  });
});

describe('formatZoned', () => {
  it('uses minute precision when seconds are zero', () => {
    expect(formatZoned(at('2026-12-04T01:00:00Z'), LA)).toBe('2026-12-03T17:00-08:00');
    expect(formatZoned(at('2026-07-01T16:15:00Z'), LA)).toBe('2026-07-01T09:15-07:00');
  });

  it('shows seconds and drops milliseconds otherwise', () => {
    expect(formatZoned(at('2026-12-05T07:59:59.999Z'), LA)).toBe('2026-12-04T23:59:59-08:00');
    expect(formatZoned(at('2026-12-04T01:00:00.500Z'), LA)).toBe('2026-12-03T17:00:00-08:00');
  });

  it('always writes a numeric offset, including half hours', () => {
    expect(formatZoned(at('2026-01-01T00:00:00Z'), 'UTC')).toBe('2026-01-01T00:00+00:00');
    expect(formatZoned(at('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-01T05:30+05:30');
    expect(formatZoned(at('2026-01-01T12:00:00Z'), 'America/St_Johns')).toBe('2026-01-01T08:30-03:30');
  });
});

describe('time zone validation', () => {
  it('throws a clear error for an unknown zone', () => {
    expect(() => localDateOf(0, 'America/Los_Angles')).toThrow('Unknown time zone "America/Los_Angles"');
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => assertTimeZone('')).toThrow(/Unknown time zone ""/);
    expect(() => assertTimeZone(undefined as unknown as string)).toThrow(/Unknown time zone/);
    expect(() => assertTimeZone(LA)).not.toThrow();
  });

  it('rejects non-integer instants', () => {
    expect(() => localDateOf(Number.NaN, LA)).toThrow(/must be an integer/);
  });
});
