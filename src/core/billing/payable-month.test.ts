import { describe, expect, it } from 'vitest';
import { judgeServiceMonth, monthsOfDays } from './payable-month';
import { unitsOf } from './service-units';
import { withServiceUnits } from './service-month';
import { claimsMonthDeadline, lastDayOfMonth } from './claims-clock';
import { claimCodeOf, defaultClaimCode } from './claim-coding';
import { timelinessOf } from './claims-timeliness';
import { defaultPlanPolicy } from '../domain/plan-policy';
import { localDateOf } from '../calendar';

const PERIOD = [{ start: '2031-06-04', end: '2032-06-03' }];
const month = (days: { date: string; outreachUnits?: number; serviceUnits?: number }[]) => ({
  month: days[0]!.date.slice(0, 7),
  providerId: 'PROV-ACME',
  days: days.map((d) => ({ date: d.date, outreachUnits: d.outreachUnits ?? 0, serviceUnits: d.serviceUnits ?? 0 })),
});

describe('R-PAY-6U: units and the payable month', () => {
  it('R-PAY-6U: 5 units is not payable, with the reason; 6 is payable', () => {
    const five = judgeServiceMonth(month([{ date: '2031-07-02', serviceUnits: 5 }]), PERIOD);
    expect(five).toMatchObject({ units: 5, payable: false, reasons: [{ code: 'fewer_than_6_units', message: '5 of the 6 units a payable month needs' }] });
    expect(judgeServiceMonth(month([{ date: '2031-07-02', serviceUnits: 6 }]), PERIOD)).toMatchObject({ units: 6, payable: true, reasons: [] });
  });

  it('R-PAY-6U: 89 minutes are 5 units under the default (15 full minutes) and 6 under the midpoint rule; 90 are 6 under both', () => {
    expect(unitsOf(89, 'full-units')).toBe(5);
    expect(unitsOf(90, 'full-units')).toBe(6);
    expect(unitsOf(89, 'midpoint')).toBe(6);
    expect(unitsOf(90, 'midpoint')).toBe(6);
    // The midpoint's own edge: 7 minutes of remainder do not round up, 8 do.
    expect(unitsOf(82, 'midpoint')).toBe(5);
    expect(unitsOf(83, 'midpoint')).toBe(6);
    expect(unitsOf(7, 'midpoint')).toBe(0);
    expect(unitsOf(14, 'full-units')).toBe(0);
  });

  it('R-PAY-6U: an outreach unit the day before authorization does not count; on the day of authorization it does', () => {
    const before = judgeServiceMonth(month([{ date: '2031-06-03', outreachUnits: 1 }, { date: '2031-06-10', serviceUnits: 5 }]), PERIOD);
    expect(before).toMatchObject({ units: 5, outreachUnits: 0, outreachUnitsNotAuthorized: 1, payable: false, serviceDates: ['2031-06-10'] });
    const onTheDay = judgeServiceMonth(month([{ date: '2031-06-04', outreachUnits: 1 }, { date: '2031-06-10', serviceUnits: 5 }]), PERIOD);
    expect(onTheDay).toMatchObject({ units: 6, outreachUnits: 1, outreachUnitsNotAuthorized: 0, payable: true, serviceDates: ['2031-06-04', '2031-06-10'] });
  });

  it('R-PAY-6U: after a lapsed period (R-AUTH-LAPSE) outreach counts again only once a reauthorization covers the date', () => {
    const m = month([{ date: '2032-06-05', outreachUnits: 6 }]);
    expect(judgeServiceMonth(m, PERIOD).payable).toBe(false);
    expect(judgeServiceMonth(m, [...PERIOD, { start: '2032-06-04', end: '2032-12-03' }]).payable).toBe(true);
  });

  it('R-PAY-6U: a month boundary in the plan zone: 23:59 Pacific on 31 July is July, one minute later August', () => {
    const tz = 'America/Los_Angeles';
    const lastMinute = Date.parse('2031-07-31T23:59:00-07:00');
    expect(localDateOf(lastMinute, tz)).toBe('2031-07-31');
    expect(localDateOf(lastMinute + 60_000, tz)).toBe('2031-08-01');
    let months = withServiceUnits([], { providerId: 'PROV-ACME', date: localDateOf(lastMinute, tz), outreach: false, units: 3 });
    months = withServiceUnits(months, { providerId: 'PROV-ACME', date: localDateOf(lastMinute + 60_000, tz), outreach: false, units: 3 });
    expect(months.map((m) => [m.month, judgeServiceMonth(m, PERIOD).units])).toEqual([['2031-07', 3], ['2031-08', 3]]);
  });

  it('R-PAY-6U: the care record’s rows group into the same months the journey keeps', () => {
    const rows = [
      { providerId: 'P', date: '2031-07-01', outreachUnits: 0, serviceUnits: 2 },
      { providerId: 'P', date: '2031-07-01', outreachUnits: 1, serviceUnits: 0 },
      { providerId: 'P', date: '2031-08-01', outreachUnits: 0, serviceUnits: 4 },
    ];
    expect(monthsOfDays(rows)).toEqual([
      { month: '2031-07', providerId: 'P', days: [{ date: '2031-07-01', outreachUnits: 1, serviceUnits: 2 }] },
      { month: '2031-08', providerId: 'P', days: [{ date: '2031-08-01', outreachUnits: 0, serviceUnits: 4 }] },
    ]);
  });
});

describe('R-CLAIMS-60D: the claims clock of a service month', () => {
  const policy = defaultPlanPolicy('LA-CARE');
  it('R-CLAIMS-60D: due at the end of the local day 60 days after the last day: January (31 days) → 1 April, February → 29 April', () => {
    expect(lastDayOfMonth('2026-01')).toBe('2026-01-31');
    expect(claimsMonthDeadline(policy, '2026-01')).toMatchObject({ key: 'R-CLAIMS-60D:2026-01', rule: 'R-CLAIMS-60D', party: 'provider', startedAt: '2026-01-31T00:00:00.000-08:00', dueAt: '2026-04-01T23:59:59.999-07:00', status: 'open' });
    expect(claimsMonthDeadline(policy, '2026-02').dueAt).toBe('2026-04-29T23:59:59.999-07:00');
    expect(claimsMonthDeadline(policy, '2028-02').dueAt).toBe('2028-04-29T23:59:59.999-07:00');
    expect(() => lastDayOfMonth('2026-13')).toThrow(RangeError);
  });
});

describe('claim coding and R-PAY-TIMELY', () => {
  it('the default coding: G9008 U1 in person, U2 GQ otherwise; outreach G9012 U8 (+GQ); a plan’s table overrides', () => {
    expect(defaultClaimCode('care_coordination', 'in_person')).toEqual({ hcpcs: 'G9008', modifiers: ['U1'] });
    expect(defaultClaimCode('health_promotion', 'remote')).toEqual({ hcpcs: 'G9008', modifiers: ['U2', 'GQ'] });
    expect(defaultClaimCode('outreach', 'remote')).toEqual({ hcpcs: 'G9012', modifiers: ['U8', 'GQ'] });
    expect(claimCodeOf({ 'outreach:in_person': { hcpcs: 'G9008', modifiers: ['U8'] } }, 'outreach', 'in_person')).toEqual({ hcpcs: 'G9008', modifiers: ['U8'] });
  });

  it('R-PAY-TIMELY: a claim paid on day 30 is within 30 days, day 31 is not; shares against 90% and 99%', () => {
    const f = timelinessOf([
      { receivedOn: '2031-01-01', paidOn: '2031-01-31' },
      { receivedOn: '2031-01-01', paidOn: '2031-02-01' },
      { receivedOn: '2031-01-01', paidOn: '2031-04-01' },
      { receivedOn: '2031-01-01' },
    ]);
    expect(f).toEqual({ cleanClaims: 4, paidWithin30Days: 1, paidWithin90Days: 3, shareWithin30Days: 0.25, shareWithin90Days: 0.75, meetsTarget30: false, meetsTarget90: false });
    expect(timelinessOf([]).shareWithin30Days).toBeNull();
  });
});
