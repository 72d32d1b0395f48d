/**
 * R-CLAIMS-60D on the time-skipping server: the month's first service (through the API) starts the
 * provider-month's claims clock; a submission dated at the due instant meets it, one a millisecond
 * later does not; the breach is recorded and escalated, and withdrawn when a submission dated on
 * time is documented after the alarm. Also R-PAY-6U's idempotency: a service posted twice with the
 * same Idempotency-Key counts once.
 */
import { describe, expect, it } from 'vitest';
import { eventually, stateOf, useJourneySystem } from '../support/journey-test';
import { inOutreach } from '../support/journey-driver';
import type { TestSystem } from '../support/test-system';
import { claimsMonthStateQuery, claimsMonthWorkflowId, submitClaimsUpdate } from '../../src/contracts/claims-month';

const { sys } = useJourneySystem();

async function service(s: TestSystem, memberId: string, at: string, minutes: number, key: string) {
  await s.skipTo(Date.parse(at));
  const res = await s.request('POST', `/v1/members/${memberId}/services`, { at, minutes, service: 'outreach', inPerson: true, providedBy: 'LCM-0001' }, { 'Idempotency-Key': key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function claimsMonthOf(s: TestSystem, month: string) {
  const handle = s.client.workflow.getHandle(claimsMonthWorkflowId('LA-CARE', 'PROV-ACME', month));
  return { handle, state: await eventually(() => handle.query(claimsMonthStateQuery)) };
}

async function recorded(s: TestSystem, month: string) {
  const { rows } = await s.pool.query('SELECT status, documented_late FROM claims_months WHERE provider_id = $1 AND service_month = $2', ['PROV-ACME', month]);
  return rows[0] as { status: string; documented_late: boolean } | undefined;
}

describe('R-CLAIMS-60D: the claims clock of a provider service month', () => {
  it('R-CLAIMS-60D: January (31 days) is due at the end of 1 April; a submission dated at that instant meets it; R-PAY-6U: a service posted twice with one Idempotency-Key counts once', async () => {
    const s = sys();
    const memberId = await inOutreach(s, '2031-01-06T09:00:00.000-08:00');
    await service(s, memberId, '2031-01-07T10:00:00.000-08:00', 90, 'svc-jan-0001');
    await service(s, memberId, '2031-01-07T10:00:00.000-08:00', 90, 'svc-jan-0001');
    const view = await stateOf(s, memberId);
    expect(view.paymentMonths).toMatchObject([{ month: '2031-01', providerId: 'PROV-ACME', units: 6, payable: true }]);
    const { rows } = await s.pool.query('SELECT minutes, service_month FROM ecm_services WHERE member_id = $1', [memberId]);
    expect(rows).toEqual([{ minutes: 90, service_month: '2031-01' }]);

    const { handle, state } = await claimsMonthOf(s, '2031-01');
    expect(state.deadline).toMatchObject({ rule: 'R-CLAIMS-60D', status: 'open', dueAt: '2031-04-01T23:59:59.999-07:00' });
    const described = await handle.describe();
    expect(described.searchAttributes['EcmProvider']).toEqual(['PROV-ACME']);
    expect((described.searchAttributes['EcmNextDeadline']?.[0] as Date).toISOString()).toBe('2031-04-02T06:59:59.999Z');

    await s.skipTo(Date.parse('2031-04-01T23:59:00.000-07:00'));
    const met = await handle.executeUpdate(submitClaimsUpdate, { args: [{ batchId: 'B-2031-01', submittedAt: '2031-04-01T23:59:59.999-07:00', memberIds: [memberId] }] });
    expect(met.deadline).toMatchObject({ status: 'met', fulfilledAt: '2031-04-01T23:59:59.999-07:00' });
    expect(met.deadline.documentedLate).toBeUndefined();
    await eventually(async () => expect(await recorded(s, '2031-01')).toEqual({ status: 'met', documented_late: false }));
  });

  it('R-CLAIMS-60D: February is due at the end of 29 April; the alarm fires then and escalates; a submission dated after the due instant stays breached, with its late act', async () => {
    const s = sys();
    const memberId = await inOutreach(s, '2031-02-03T09:00:00.000-08:00');
    await service(s, memberId, '2031-02-04T10:00:00.000-08:00', 30, 'svc-feb-0001');
    const { handle, state } = await claimsMonthOf(s, '2031-02');
    expect(state.deadline.dueAt).toBe('2031-04-29T23:59:59.999-07:00');

    await s.skipTo(Date.parse('2031-04-30T00:10:00.000-07:00'));
    await eventually(async () => expect((await handle.query(claimsMonthStateQuery)).deadline).toMatchObject({ status: 'breached', breachedAt: '2031-04-29T23:59:59.999-07:00' }));
    await eventually(async () => {
      const { rows } = await s.pool.query('SELECT party, withdrawn_at FROM claims_escalations WHERE provider_id = $1 AND service_month = $2', ['PROV-ACME', '2031-02']);
      expect(rows).toEqual([{ party: 'provider', withdrawn_at: null }]);
    });
    expect((await handle.describe()).searchAttributes['EcmOverdue']).toEqual([true]);

    const late = await handle.executeUpdate(submitClaimsUpdate, { args: [{ batchId: 'B-LATE', submittedAt: '2031-04-30T00:00:00.000-07:00', memberIds: [memberId] }] });
    expect(late.deadline).toMatchObject({ status: 'breached', fulfilledAt: '2031-04-30T00:00:00.000-07:00' });
    expect(await eventually(() => recorded(s, '2031-02'))).toMatchObject({ status: 'breached' });
  });

  it('R-CLAIMS-60D: a submission dated at the due instant, documented after the alarm, is met with documentedLate and the escalation withdrawn', async () => {
    const s = sys();
    const memberId = await inOutreach(s, '2031-02-03T09:00:00.000-08:00');
    await service(s, memberId, '2031-02-04T10:00:00.000-08:00', 30, 'svc-feb-0002');
    const { handle } = await claimsMonthOf(s, '2031-02');
    await s.skipTo(Date.parse('2031-04-30T00:10:00.000-07:00'));
    await eventually(async () => expect((await handle.query(claimsMonthStateQuery)).deadline.status).toBe('breached'));
    const onTime = await handle.executeUpdate(submitClaimsUpdate, { args: [{ batchId: 'B-ONTIME', submittedAt: '2031-04-29T23:59:59.999-07:00', memberIds: [memberId] }] });
    expect(onTime.deadline).toMatchObject({ status: 'met', documentedLate: true, fulfilledAt: '2031-04-29T23:59:59.999-07:00' });
    await eventually(async () => {
      const { rows } = await s.pool.query('SELECT withdrawn_at FROM claims_escalations WHERE provider_id = $1 AND service_month = $2', ['PROV-ACME', '2031-02']);
      expect(rows[0]?.withdrawn_at).not.toBeNull();
      expect(await recorded(s, '2031-02')).toEqual({ status: 'met', documented_late: true });
    });
  });
});
