/**
 * Getting paid through the REST routes, on the time-skipping server: services posted to members
 * of PROV-ACME become R-PAY-6U member-months (`GET /v1/claims/months`) and claim lines
 * (`GET /v1/claims`, parsed back with csv-parse and checked cell by cell against the services
 * posted); `POST /v1/claims/submissions` meets the provider-month's R-CLAIMS-60D clock at its due
 * instant, and a submission one millisecond later leaves a breached month breached; the plan’s
 * adjudications give the R-PAY-TIMELY figures at their 30-day edge.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { eventually, useJourneySystem } from '../support/journey-test';
import { inOutreach } from '../support/journey-driver';
import { referralBody, uniqueCin } from '../support/referrals';
import { bearer, caller, type TestSystem } from '../support/test-system';
import { claimsMonthStateQuery, claimsMonthWorkflowId } from '../../src/contracts/claims-month';

const PROVIDERS = { 'PROV-ACME': { name: 'Acme Community Health', npi: '1234567893', tin: '123456789', leadCareManagers: {} } };
const { sys } = useJourneySystem({ providers: PROVIDERS });

async function member(s: TestSystem, at: string, careManagerId: string): Promise<{ memberId: string; cin: string }> {
  const cin = uniqueCin();
  const memberId = await inOutreach(s, at, careManagerId, { member: { ...(referralBody(at).member as object), cin } });
  return { memberId, cin };
}

async function service(s: TestSystem, memberId: string, body: Record<string, unknown>, key: string) {
  await s.skipTo(Date.parse(body.at as string));
  const res = await s.request('POST', `/v1/members/${memberId}/services`, { providedBy: 'LCM-0001', ...body }, { 'Idempotency-Key': key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const asProvider = async (requestId: string) => ({ ...(await bearer(caller('provider', 'PROV-ACME'))), 'x-request-id': requestId });

async function clockOf(s: TestSystem, month: string) {
  return eventually(() => s.client.workflow.getHandle(claimsMonthWorkflowId('LA-CARE', 'PROV-ACME', month)).query(claimsMonthStateQuery));
}

describe('getting paid through the API', () => {
  it('R-PAY-6U: the month’s member-months and claim lines, cell by cell against the services posted; PHI read audited', async () => {
    const s = sys();
    const served = await member(s, '2031-01-06T09:00:00.000-08:00', 'LCM-0001');
    const short = await member(s, '2031-01-06T09:30:00.000-08:00', 'LCM-0002');
    await service(s, served.memberId, { at: '2031-01-07T10:00:00.000-08:00', minutes: 90, service: 'care_coordination', inPerson: true }, 'svc-a-0001');
    await service(s, served.memberId, { at: '2031-01-08T10:00:00.000-08:00', minutes: 30, service: 'outreach', inPerson: true }, 'svc-a-0002');
    await service(s, served.memberId, { at: '2031-01-09T10:00:00.000-08:00', minutes: 20, service: 'health_promotion', inPerson: false, placeOfService: '10' }, 'svc-a-0003');
    await service(s, short.memberId, { at: '2031-01-09T11:00:00.000-08:00', minutes: 30, service: 'care_coordination', inPerson: false }, 'svc-b-0001');

    const months = await s.request('GET', '/v1/claims/months?provider=PROV-ACME&month=2031-01', undefined, await asProvider('claims-months-1'));
    expect(months.status, JSON.stringify(months.body)).toBe(200);
    expect(months.body.payable).toEqual([{ memberId: served.memberId, units: 9, outreachUnits: 2, outreachUnitsNotAuthorized: 0, serviceDates: ['2031-01-07', '2031-01-08', '2031-01-09'], reasons: [] }]);
    expect(months.body.notPayable).toEqual([
      { memberId: short.memberId, units: 2, outreachUnits: 0, outreachUnitsNotAuthorized: 0, serviceDates: ['2031-01-09'], reasons: [{ code: 'fewer_than_6_units', message: '2 of the 6 units a payable month needs' }] },
    ]);

    const claims = await s.request('GET', '/v1/claims?provider=PROV-ACME&month=2031-01', undefined, await asProvider('claims-lines-1'));
    expect(claims.status, JSON.stringify(claims.body)).toBe(200);
    expect(claims.headers.get('content-disposition')).toBe('attachment; filename=CLAIMS_1234567893_2031-01.csv');
    const rows = parse<Record<string, string>>(claims.body as string, { columns: true });
    const line = (hcpcs: string, m: string[], units: string, date: string, pos: string) => ({
      member_cin: served.cin, provider_npi: '1234567893', provider_tin: '123456789', service_month: '2031-01', hcpcs,
      modifier_1: m[0] ?? '', modifier_2: m[1] ?? '', modifier_3: '', modifier_4: '', units, service_date_from: date, service_date_to: date, service_dates: date, place_of_service: pos,
    });
    expect(rows).toEqual([
      line('G9008', ['U1'], '6', '2031-01-07', '99'),
      line('G9008', ['U2', 'GQ'], '1', '2031-01-09', '10'),
      line('G9012', ['U8'], '2', '2031-01-08', '99'),
    ]);
    const audit = await s.pool.query("SELECT member_id, outcome FROM audit_events WHERE client_request_id = 'claims-lines-1'");
    expect(audit.rows).toEqual([{ member_id: served.memberId, outcome: 'allowed' }]);

    const invoice = await s.request('GET', '/v1/claims?provider=PROV-ACME&month=2031-01&format=invoice', undefined, await asProvider('claims-invoice-1'));
    expect(parse<Record<string, string>>(invoice.body as string, { columns: true })[1]).toEqual({
      invoice_line: '2', provider_name: 'Acme Community Health', provider_npi: '1234567893', provider_tin: '123456789', member_cin: served.cin, service_month: '2031-01',
      service_date_from: '2031-01-09', service_date_to: '2031-01-09', hcpcs: 'G9008', modifiers: 'U2 GQ', units: '1', place_of_service: '10',
    });
    const apart = await s.request('GET', '/v1/claims?provider=PROV-ACME&month=2031-01&months=not-payable', undefined, await asProvider('claims-apart-1'));
    expect(parse(apart.body as string, { columns: true })).toEqual([
      { member_cin: short.cin, service_month: '2031-01', units: '2', outreach_units_not_authorized: '0', reason_code: 'fewer_than_6_units', reason: '2 of the 6 units a payable month needs' },
    ]);

    // The plan reads its own provider's month; another provider's month looks like none.
    expect((await s.request('GET', '/v1/claims?provider=PROV-ACME&month=2031-01')).status).toBe(200);
    const other = await s.request('GET', '/v1/claims?provider=PROV-ACME&month=2031-01', undefined, { ...(await bearer(caller('provider', 'PROV-OTHER'))), 'x-request-id': 'claims-other-1' });
    expect([other.status, other.body.code]).toEqual([404, 'not_found']);
    expect((await s.request('GET', '/v1/claims?provider=PROV-ACME&month=2031-01&extra=1')).status).toBe(400);
  });

  it('R-CLAIMS-60D through POST /v1/claims/submissions: January met at its due instant (idempotent); February submitted 1 ms after its due instant stays breached', async () => {
    const s = sys();
    const { memberId } = await member(s, '2031-01-06T09:00:00.000-08:00', 'LCM-0001');
    await service(s, memberId, { at: '2031-01-07T10:00:00.000-08:00', minutes: 90, service: 'care_coordination', inPerson: true }, 'svc-c-0001');
    await service(s, memberId, { at: '2031-02-04T10:00:00.000-08:00', minutes: 90, service: 'care_coordination', inPerson: true }, 'svc-c-0002');
    expect((await clockOf(s, '2031-01')).deadline.dueAt).toBe('2031-04-01T23:59:59.999-07:00');
    expect((await clockOf(s, '2031-02')).deadline.dueAt).toBe('2031-04-29T23:59:59.999-07:00');

    await s.skipTo(Date.parse('2031-04-01T23:59:00.000-07:00'));
    const batch = { plan: 'LA-CARE', month: '2031-01', memberIds: [memberId], submittedAt: '2031-04-01T23:59:59.999-07:00', batchId: 'B-2031-01' };
    const first = await s.request('POST', '/v1/claims/submissions', batch, { 'Idempotency-Key': 'batch-2031-01-a' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.deadline).toMatchObject({ rule: 'R-CLAIMS-60D', status: 'met', fulfilledAt: '2031-04-01T23:59:59.999-07:00' });
    const again = await s.request('POST', '/v1/claims/submissions', batch, { 'Idempotency-Key': 'batch-2031-01-a' });
    expect([again.status, again.body.claimIds, again.body.batches]).toEqual([200, first.body.claimIds, [{ batchId: 'B-2031-01', submittedAt: batch.submittedAt, members: 1 }]]);
    const { rows } = await s.pool.query('SELECT claim_id, member_id, batch_id, status FROM claims WHERE provider_id = $1 AND service_month = $2', ['PROV-ACME', '2031-01']);
    expect(rows).toEqual([{ claim_id: first.body.claimIds[0], member_id: memberId, batch_id: 'B-2031-01', status: 'submitted' }]);
    await eventually(async () => expect((await s.pool.query("SELECT status FROM claims_months WHERE service_month = '2031-01'")).rows).toEqual([{ status: 'met' }]));

    // Refusals: a member-month the provider did not serve (404), an unknown field (400), a time in the future (422).
    const stranger = await s.request('POST', '/v1/claims/submissions', { ...batch, memberIds: [`mbr_${'0'.repeat(32)}`], batchId: 'B-X' });
    expect([stranger.status, stranger.body.code]).toEqual([404, 'not_found']);
    expect((await s.request('POST', '/v1/claims/submissions', { ...batch, batchId: 'B-Y', extra: true })).status).toBe(400);
    const future = await s.request('POST', '/v1/claims/submissions', { ...batch, batchId: 'B-Z', submittedAt: '2031-04-03T00:00:00.000-07:00' });
    expect([future.status, future.body.code]).toEqual([422, 'timestamp_in_future']);

    await s.skipTo(Date.parse('2031-04-30T00:10:00.000-07:00'));
    await eventually(async () => expect((await clockOf(s, '2031-02')).deadline.status).toBe('breached'));
    const late = await s.request('POST', '/v1/claims/submissions', { ...batch, month: '2031-02', batchId: 'B-2031-02', submittedAt: '2031-04-30T00:00:00.000-07:00' });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(late.body.deadline).toMatchObject({ status: 'breached', fulfilledAt: '2031-04-30T00:00:00.000-07:00' });
  });

  it('R-PAY-TIMELY: a claim paid 30 days after receipt counts within 30 days, one paid after 31 only within 90; a denied claim is not clean; another plan finds no claim', async () => {
    const s = sys();
    const a = await member(s, '2031-01-06T09:00:00.000-08:00', 'LCM-0001');
    const b = await member(s, '2031-01-06T09:30:00.000-08:00', 'LCM-0002');
    const c = await member(s, '2031-01-06T10:00:00.000-08:00', 'LCM-0003');
    for (const [i, m] of [a, b, c].entries()) await service(s, m.memberId, { at: `2031-01-07T1${i}:00:00.000-08:00`, minutes: 90, service: 'care_coordination', inPerson: true }, `svc-t-000${i}`);
    await clockOf(s, '2031-01');
    await s.skipTo(Date.parse('2031-03-01T09:00:00.000-08:00'));
    const submitted = await s.request('POST', '/v1/claims/submissions', { plan: 'LA-CARE', month: '2031-01', memberIds: [a.memberId, b.memberId, c.memberId], submittedAt: '2031-03-01T09:00:00.000-08:00', batchId: 'B-T' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const claimOf = async (memberId: string) => (await s.pool.query<{ claim_id: string }>('SELECT claim_id FROM claims WHERE member_id = $1', [memberId])).rows[0]!.claim_id;

    await s.skipTo(Date.parse('2031-04-05T12:00:00.000-07:00'));
    const onDay30 = await s.request('POST', `/v1/claims/${await claimOf(a.memberId)}/adjudication`, { outcome: 'paid', receivedAt: '2031-03-02T10:00:00.000-08:00', paidAt: '2031-04-01T10:00:00.000-07:00' });
    expect(onDay30.status, JSON.stringify(onDay30.body)).toBe(200);
    expect((await s.request('POST', `/v1/claims/${await claimOf(b.memberId)}/adjudication`, { outcome: 'paid', receivedAt: '2031-03-02T10:00:00.000-08:00', paidAt: '2031-04-02T10:00:00.000-07:00' })).status).toBe(200);
    expect((await s.request('POST', `/v1/claims/${await claimOf(c.memberId)}/adjudication`, { outcome: 'denied', receivedAt: '2031-03-02T10:00:00.000-08:00', denialReason: 'duplicate' })).status).toBe(200);

    const figures = await s.request('GET', '/v1/claims/timeliness?provider=PROV-ACME&from=2031-03-01&to=2031-03-31');
    expect(figures.status, JSON.stringify(figures.body)).toBe(200);
    expect(figures.body).toMatchObject({ cleanClaims: 2, paidWithin30Days: 1, paidWithin90Days: 2, shareWithin30Days: 0.5, shareWithin90Days: 1, meetsTarget30: false, meetsTarget90: true, targets: { within30Days: 0.9, within90Days: 0.99 } });
    // Received on 2 March (plan zone): outside a window that ends on 1 March.
    expect((await s.request('GET', '/v1/claims/timeliness?provider=PROV-ACME&from=2031-02-01&to=2031-03-01')).body.cleanClaims).toBe(0);
    expect((await s.request('GET', '/v1/claims/timeliness?provider=PROV-ACME&from=2031-03-01&to=2031-03-31', undefined, await asProvider('timely-1'))).body.cleanClaims).toBe(2);

    const refused = await s.request('POST', `/v1/claims/${await claimOf(a.memberId)}/adjudication`, { outcome: 'paid', receivedAt: '2031-03-02T10:00:00.000-08:00', paidAt: '2031-03-01T10:00:00.000-08:00' });
    expect([refused.status, refused.body.code]).toEqual([422, 'timestamp_out_of_order']);
    const other = await s.request('POST', `/v1/claims/${await claimOf(a.memberId)}/adjudication`, { outcome: 'denied', receivedAt: '2031-03-02T10:00:00.000-08:00', denialReason: 'x' }, await bearer(caller('plan', 'OTHER-PLAN')));
    expect([other.status, other.body.code]).toEqual([404, 'not_found']);
    expect((await s.request('POST', `/v1/claims/${await claimOf(a.memberId)}/adjudication`, { outcome: 'paid', receivedAt: '2031-03-02T10:00:00.000-08:00' })).status).toBe(400);
  });
});
