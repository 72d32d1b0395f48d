import { describe, expect, it } from 'vitest';
import { reportingMonthAt } from './reporting-month';

describe('the month a monthly run reports', () => {
  const tz = 'America/Los_Angeles';
  it('is the month before the run, in the plan zone: 00:30 Pacific on 1 March reports February, though it is already 08:30 UTC', () => {
    expect(reportingMonthAt(Date.parse('2031-03-01T00:30:00-08:00'), tz)).toBe('2031-02');
    expect(reportingMonthAt(Date.parse('2031-02-28T23:30:00-08:00'), tz)).toBe('2031-01');
  });
  it('January reports the December before', () => {
    expect(reportingMonthAt(Date.parse('2031-01-05T06:00:00-08:00'), tz)).toBe('2030-12');
  });
});
