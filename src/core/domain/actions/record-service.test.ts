import { describe, expect, it } from 'vitest';
import { checkService, recordService, SERVICE_STAGES } from './record-service';
import { logOutreachAttempt } from './log-outreach-attempt';
import { allowedOnlyIn, journeyAt, LATER, ms, perform, TIMELINE, verdictsByStage } from './testing/journey-at';
import { viewOf } from '../journey-state';

const service = (at: string, minutes: number, key = `svc-${at}-${minutes}`) => ({ actionKey: key, at, minutes, service: 'care_coordination' as const, inPerson: true, providedBy: 'LCM-0001' });

describe('recordService', () => {
  it('R-PAY-6U: a service is recorded in outreach and every enrolled stage', () => {
    expect(verdictsByStage((s) => checkService(s, service(LATER, 30), ms(LATER)))).toEqual(allowedOnlyIn(SERVICE_STAGES));
  });

  it('R-PAY-6U: the journey keeps units per member-month and date; the first service of a month starts its R-CLAIMS-60D clock', () => {
    const at = '2031-07-02T10:00:00.000-07:00';
    const first = perform(journeyAt('ACTIVE'), LATER, (s, now) => recordService(s, service(at, 89), now));
    expect(first.effects).toEqual([{ kind: 'claims_month', providerId: first.state.assignment!.providerId, month: '2031-07' }]);
    expect(first.state.serviceMonths).toEqual([{ month: '2031-07', providerId: first.state.assignment!.providerId, days: [{ date: '2031-07-02', outreachUnits: 0, serviceUnits: 5 }] }]);
    expect(viewOf(first.state).paymentMonths).toMatchObject([{ month: '2031-07', units: 5, payable: false }]);
    const second = perform(first.state, LATER, (s, now) => recordService(s, service('2031-07-03T10:00:00.000-07:00', 15), now));
    expect(second.effects).toEqual([]);
    expect(viewOf(second.state).paymentMonths).toMatchObject([{ month: '2031-07', units: 6, payable: true, reasons: [] }]);
  });

  it('R-PAY-6U: under a plan’s midpoint rule 89 minutes are 6 units', () => {
    const base = journeyAt('ACTIVE');
    const midpoint = { ...base, policy: { ...base.policy, billing: { unitRounding: 'midpoint' as const, takesInvoices: true, coding: {} } } };
    const { state } = perform(midpoint, LATER, (s, now) => recordService(s, service('2031-07-02T10:00:00.000-07:00', 89), now));
    expect(viewOf(state).paymentMonths).toMatchObject([{ units: 6, payable: true }]);
  });

  it('R-PAY-6U: an outreach attempt’s minutes become outreach units of its month', () => {
    const { state, effects } = perform(journeyAt('OUTREACH'), TIMELINE.enrolled, (s, now) =>
      logOutreachAttempt(s, { actionKey: 'a1', at: '2031-06-06T10:00:00.000-07:00', method: 'phone', result: 'no_answer', minutes: 30 }, now),
    );
    expect(effects).toContainEqual({ kind: 'claims_month', providerId: state.assignment!.providerId, month: '2031-06' });
    expect(state.serviceMonths?.[0]?.days).toEqual([{ date: '2031-06-06', outreachUnits: 2, serviceUnits: 0 }]);
  });
});
