/**
 * Gov. Code §6701: "If November 11th falls upon a Saturday, the preceding Friday is a holiday",
 * beside the Sunday→Monday rule; and a plan's holiday list says which of its holidays move, and how.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type BusinessCalendar,
  CALIFORNIA_BUSINESS_CALENDAR,
  CALIFORNIA_STATE_HOLIDAYS,
  dueInstant,
  type HolidayRule,
  isBusinessDay,
  isDeadlineMet,
  observedHolidays,
  validateHolidayRules,
} from '../../src/core/calendar';
import { ConfigError, loadConfig } from '../../src/infra/config';
import { fulfil, openDeadline } from '../../src/core/domain/deadline';
import { defaultPlanPolicy, turnaroundOf } from '../../src/core/domain/plan-policy';
import { resolvePlanPolicy } from '../../src/core/plan-policies';

const CA = CALIFORNIA_BUSINESS_CALENDAR;
const LA = CA.timeZone;
const minute = 60_000;

// Thu 2023-11-09 10:00 PT. Nov 11 2023 is a Saturday, so Fri 10 is Veterans Day observed; Sat 11
// and Sun 12 are the weekend: Mon 13 (1), Tue 14 (2), Wed 15 (3), Thu 16 (4), Fri 17 (5).
const RECEIVED = Date.parse('2023-11-09T10:00:00-08:00');
const ROUTINE_DUE = Date.parse('2023-11-17T23:59:59.999-08:00');
// Had Friday 10 been a business day: Fri 10 (1), Mon 13 (2) … Thu 16 (5).
const DUE_IF_FRIDAY_WORKED = Date.parse('2023-11-16T23:59:59.999-08:00');

describe('Veterans Day (Gov. Code §6701)', () => {
  it('a Saturday Veterans Day (2023-11-11) is observed on Friday 2023-11-10', () => {
    expect(observedHolidays(2023, CALIFORNIA_STATE_HOLIDAYS)).toContainEqual({ date: '2023-11-10', name: 'Veterans Day' });
    expect(isBusinessDay('2023-11-10', CA)).toBe(false);
    expect(isBusinessDay('2023-11-09', CA)).toBe(true);
    expect(isBusinessDay('2023-11-13', CA)).toBe(true);
  });

  it('a Sunday Veterans Day (2029-11-11) is still observed on Monday 2029-11-12', () => {
    expect(observedHolidays(2029, CALIFORNIA_STATE_HOLIDAYS)).toContainEqual({ date: '2029-11-12', name: 'Veterans Day' });
    expect(isBusinessDay('2029-11-09', CA)).toBe(true);
    expect(isBusinessDay('2029-11-12', CA)).toBe(false);
  });

  it('only Veterans Day moves off a Saturday: Independence Day 2026, Christmas 2027, New Year 2028 and César Chávez Day 2029 leave their Fridays business days', () => {
    // Saturdays 2026-07-04, 2027-12-25, 2028-01-01, 2029-03-31.
    for (const friday of ['2026-07-03', '2027-12-24', '2027-12-31', '2029-03-30']) expect(isBusinessDay(friday, CA), friday).toBe(true);
    expect(observedHolidays(2027, CALIFORNIA_STATE_HOLIDAYS).map((h) => h.date)).not.toContain('2027-12-31');
  });

  it('R-AUTH-ROUTINE: received Thu 2023-11-09, the decision is due at the end of Fri 2023-11-17, not Thu 11-16', () => {
    const due = dueInstant(turnaroundOf(defaultPlanPolicy('LA-CARE'), 'R-AUTH-ROUTINE'), RECEIVED, CA);
    expect(due).toBe(ROUTINE_DUE);
    expect(due).not.toBe(DUE_IF_FRIDAY_WORKED);
    expect(isDeadlineMet(ROUTINE_DUE - minute, due)).toBe(true);
    expect(isDeadlineMet(ROUTINE_DUE + minute, due)).toBe(false);
  });

  it('R-AUTH-ROUTINE: a decision one minute before the end of Fri 2023-11-17 meets the deadline, one minute after breaches it', () => {
    const policy = defaultPlanPolicy('LA-CARE');
    const deadline = openDeadline(policy, 'R-AUTH-ROUTINE', 'R-AUTH-ROUTINE', RECEIVED, turnaroundOf(policy, 'R-AUTH-ROUTINE'));
    expect(Date.parse(deadline.dueAt)).toBe(ROUTINE_DUE);
    // Thu 11-16 23:59 would have been late under a calendar that ignored the Saturday rule.
    expect(fulfil(deadline, DUE_IF_FRIDAY_WORKED + minute, LA).status).toBe('met');
    expect(fulfil(deadline, ROUTINE_DUE - minute, LA).status).toBe('met');
    const late = fulfil(deadline, ROUTINE_DUE + minute, LA);
    expect(late.status).toBe('breached');
    expect(Date.parse(late.fulfilledAt!)).toBe(ROUTINE_DUE + minute);
  });
});

describe('a plan says which holidays move, and how', () => {
  const calendarOf = (holidays: readonly HolidayRule[]): BusinessCalendar => ({ timeZone: LA, holidays });

  it('observed: { saturday: "none" } keeps a Saturday Veterans Day on the Saturday, so the 5th business day is Thu 2023-11-16', () => {
    const plan = calendarOf([{ kind: 'fixed', name: 'Veterans Day', month: 11, day: 11, observed: { saturday: 'none', sunday: 'monday' } }]);
    expect(isBusinessDay('2023-11-10', plan)).toBe(true);
    expect(dueInstant({ unit: 'business-days', amount: 5 }, RECEIVED, plan)).toBe(DUE_IF_FRIDAY_WORKED);
  });

  it('observed: { saturday: "friday" } may move any holiday, even across New Year (Sat 2022-01-01 → Fri 2021-12-31)', () => {
    const rules: readonly HolidayRule[] = [
      { kind: 'fixed', name: "New Year's Day", month: 1, day: 1, observed: { saturday: 'friday' } },
      { kind: 'fixed', name: 'Independence Day', month: 7, day: 4, observed: { saturday: 'friday' } },
    ];
    // 2021 observes New Year twice: its own (a Friday) and 2022's, moved back from the Saturday.
    expect(observedHolidays(2021, rules)).toEqual([
      { date: '2021-01-01', name: "New Year's Day" },
      { date: '2021-07-04', name: 'Independence Day' }, // a Sunday, and no Sunday move was asked for
      { date: '2021-12-31', name: "New Year's Day" },
    ]);
    expect(observedHolidays(2022, rules)).toEqual([{ date: '2022-07-04', name: 'Independence Day' }]);
    expect(isBusinessDay('2021-07-05', calendarOf(rules))).toBe(true);
    expect(isBusinessDay('2026-07-03', calendarOf(rules))).toBe(false);
  });

  it('sundayToMonday: true is still read as observed: { sunday: "monday" }, and never moves a Saturday', () => {
    const older: readonly HolidayRule[] = [{ kind: 'fixed', name: 'Veterans Day', month: 11, day: 11, sundayToMonday: true }];
    const newer: readonly HolidayRule[] = [{ kind: 'fixed', name: 'Veterans Day', month: 11, day: 11, observed: { sunday: 'monday' } }];
    for (const year of [2023, 2029]) expect(observedHolidays(year, older)).toEqual(observedHolidays(year, newer));
    expect(observedHolidays(2023, older)).toEqual([{ date: '2023-11-11', name: 'Veterans Day' }]);
    expect(observedHolidays(2029, older)).toEqual([{ date: '2029-11-12', name: 'Veterans Day' }]);
  });

  it('refuses moves it does not know, and contradictions, with clear messages', () => {
    const invalid = (rule: unknown): (() => void) => () => validateHolidayRules([rule] as readonly HolidayRule[]);
    expect(invalid({ kind: 'fixed', name: 'X', month: 11, day: 11, observed: { saturday: 'monday' } })).toThrow(/"X": observed.saturday must be "friday" or "none"/);
    expect(invalid({ kind: 'fixed', name: 'X', month: 11, day: 11, observed: { sunday: 'friday' } })).toThrow(/observed.sunday must be "monday" or "none"/);
    expect(invalid({ kind: 'fixed', name: 'X', month: 11, day: 11, observed: { monday: 'tuesday' } })).toThrow(/observed.monday/);
    expect(invalid({ kind: 'fixed', name: 'X', month: 11, day: 11, observed: 'friday' })).toThrow(/observed must be an object/);
    expect(invalid({ kind: 'fixed', name: 'X', month: 11, day: 11, sundayToMonday: true, observed: { sunday: 'none' } })).toThrow(/contradicts/);
    expect(invalid({ kind: 'fixed', name: 'X', month: 11, day: 11, sundayToMonday: 'yes' })).toThrow(/sundayToMonday must be true or false/);
  });

  it('R-AUTH-ROUTINE: a plan file (ECM_PLANS_FILE) that keeps Saturday holidays in place counts to Thu 2023-11-16; a malformed move stops start-up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecm-plans-'));
    const file = join(dir, 'plans.json');
    const veteransDayStays = { kind: 'fixed', name: 'Veterans Day', month: 11, day: 11, observed: { saturday: 'none', sunday: 'monday' } };
    writeFileSync(file, JSON.stringify({ plans: { 'SAT-PLAN': { holidays: [veteransDayStays] } } }));
    const config = loadConfig({ ECM_PLANS_FILE: file });
    const plan = resolvePlanPolicy(config.plans, 'SAT-PLAN');
    expect(openDeadline(plan, 'R-AUTH-ROUTINE', 'k', RECEIVED, turnaroundOf(plan, 'R-AUTH-ROUTINE')).dueAt).toBe('2023-11-16T23:59:59.999-08:00');
    // A plan the file does not name keeps the state calendar, Saturday rule included.
    const la = resolvePlanPolicy(config.plans, 'LA-CARE');
    expect(openDeadline(la, 'R-AUTH-ROUTINE', 'k', RECEIVED, turnaroundOf(la, 'R-AUTH-ROUTINE')).dueAt).toBe('2023-11-17T23:59:59.999-08:00');

    writeFileSync(file, JSON.stringify({ plans: { 'SAT-PLAN': { holidays: [{ ...veteransDayStays, observed: { saturday: 'thursday' } }] } } }));
    expect(() => loadConfig({ ECM_PLANS_FILE: file })).toThrow(ConfigError);
    expect(() => loadConfig({ ECM_PLANS_FILE: file })).toThrow(/observed.saturday/);
  });
});
