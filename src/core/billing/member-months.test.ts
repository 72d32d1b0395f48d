import { describe, expect, it } from 'vitest';
import { claimLinesOf, judgeMemberMonths, type RecordedService } from './member-months';

const PERIODS = [{ start: '2031-06-04', end: '2032-06-03' }];
const rules = { unitRounding: 'full-units', coding: {} } as const;
const svc = (memberId: string, date: string, minutes: number, service: RecordedService['service'] = 'care_coordination', inPerson = true): RecordedService => ({ memberId, date, minutes, service, inPerson, placeOfService: null });

describe('R-PAY-6U over the care record’s services', () => {
  it('R-PAY-6U: each member-month judged; outreach the day before authorization neither counts nor bills, on the day it does', () => {
    const services = [svc('mbr_a', '2031-06-03', 15, 'outreach'), svc('mbr_a', '2031-06-10', 75), svc('mbr_b', '2031-06-04', 15, 'outreach', false), svc('mbr_b', '2031-06-10', 75)];
    const months = judgeMemberMonths('PROV-ACME', services, () => PERIODS, rules);
    expect(months.map((m) => [m.memberId, m.units, m.payable])).toEqual([['mbr_a', 5, false], ['mbr_b', 6, true]]);
    expect(claimLinesOf(months, services, () => PERIODS, rules)).toEqual([
      { memberId: 'mbr_b', hcpcs: 'G9008', modifiers: ['U1'], placeOfService: '99', units: 5, serviceDates: ['2031-06-10'] },
      { memberId: 'mbr_b', hcpcs: 'G9012', modifiers: ['U8', 'GQ'], placeOfService: '02', units: 1, serviceDates: ['2031-06-04'] },
    ]);
  });

  it('R-PAY-6U: units are rounded per service under the plan’s rounding; a 0-unit service adds no line', () => {
    const services = [svc('mbr_a', '2031-07-01', 89), svc('mbr_a', '2031-07-02', 7)];
    expect(judgeMemberMonths('P', services, () => PERIODS, rules)[0]).toMatchObject({ units: 5, payable: false });
    const midpoint = { ...rules, unitRounding: 'midpoint' } as const;
    const months = judgeMemberMonths('P', services, () => PERIODS, midpoint);
    expect(months[0]).toMatchObject({ units: 6, payable: true });
    expect(claimLinesOf(months, services, () => PERIODS, midpoint)).toEqual([{ memberId: 'mbr_a', hcpcs: 'G9008', modifiers: ['U1'], placeOfService: '99', units: 6, serviceDates: ['2031-07-01'] }]);
  });
});
