/**
 * When a deadline is due soon (issue 14): 24 h before an hours-deadline, 2 business days before a
 * day-deadline, or the plan's own lead; each proved at its exact edge both ways.
 */
import { describe, expect, it } from 'vitest';
import { CALIFORNIA_BUSINESS_CALENDAR } from '../../src/core/calendar';
import { defaultPlanPolicy } from '../../src/core/domain/plan-policy';
import { dueSoonAt, dueSoonHorizon, dueSoonLeadOf } from '../../src/core/domain/due-soon';
import { resolvePlanPolicy } from '../../src/core/plan-policies';

const CAL = CALIFORNIA_BUSINESS_CALENDAR;
const isDueSoon = (lead: Parameters<typeof dueSoonAt>[0], dueMs: number, nowMs: number) => nowMs >= dueSoonAt(lead, dueMs, CAL) && nowMs <= dueMs;

describe('due soon', () => {
  it('R-LCM-72H: 24 hours before an hours-deadline, to the millisecond', () => {
    const lead = dueSoonLeadOf(defaultPlanPolicy('LA-CARE'), 'R-LCM-72H');
    expect(lead).toEqual({ unit: 'hours', amount: 24 });
    const due = Date.parse('2031-03-14T10:00:00-07:00');
    expect(isDueSoon(lead, due, due - 24 * 3_600_000 - 1)).toBe(false);
    expect(isDueSoon(lead, due, due - 24 * 3_600_000)).toBe(true);
    // The horizon agrees: a deadline due at now + 24 h is due soon, 1 ms later is not.
    const now = due - 24 * 3_600_000;
    expect(dueSoonHorizon(lead, now, CAL)).toBe(due);
  });

  it('R-OUTREACH-30D: 2 business days before a day-deadline: from the start of Thursday for a deadline due Friday', () => {
    const lead = dueSoonLeadOf(defaultPlanPolicy('LA-CARE'), 'R-OUTREACH-30D');
    expect(lead).toEqual({ unit: 'business-days', amount: 2 });
    const due = Date.parse('2031-03-14T23:59:59.999-07:00');
    const thursday = Date.parse('2031-03-13T00:00:00-07:00');
    expect(dueSoonAt(lead, due, CAL)).toBe(thursday);
    expect(isDueSoon(lead, due, thursday - 1)).toBe(false);
    expect(isDueSoon(lead, due, thursday)).toBe(true);
    // Seen from Wednesday's last millisecond the horizon is Wednesday's end; from Thursday's first, Friday's.
    expect(dueSoonHorizon(lead, thursday - 1, CAL)).toBeLessThan(due);
    expect(dueSoonHorizon(lead, thursday, CAL)).toBe(due);
  });

  it('R-ASSESS-START: business days skip weekends and holidays: due Tuesday after Memorial Day is due soon from the start of Friday', () => {
    const lead = dueSoonLeadOf(defaultPlanPolicy('LA-CARE'), 'R-ASSESS-START');
    // Memorial Day 2031 is Monday 26 May. Counted back from Tuesday 27: Friday 23 (1), Thursday 22 (2).
    const due = Date.parse('2031-05-27T23:59:59.999-07:00');
    expect(dueSoonAt(lead, due, CAL)).toBe(Date.parse('2031-05-23T00:00:00-07:00'));
  });

  it('a plan sets its own lead per rule', () => {
    const policy = resolvePlanPolicy({ 'NY-PLAN': { timeZone: 'America/New_York', dueSoon: { 'R-LCM-72H': { unit: 'hours', amount: 8 } } } }, 'NY-PLAN');
    expect(dueSoonLeadOf(policy, 'R-LCM-72H')).toEqual({ unit: 'hours', amount: 8 });
    expect(dueSoonLeadOf(policy, 'R-ASSESS-START')).toEqual({ unit: 'business-days', amount: 2 });
    // Plans that set nothing keep their snapshot's shape (no dueSoon key at all).
    expect('dueSoon' in resolvePlanPolicy({}, 'LA-CARE')).toBe(false);
  });
});
