/**
 * Bad input is refused at the edge with a clear 4xx and changes nothing: control characters and
 * lone surrogates in any string, dates outside 1900–2200, unknown fields, undecodable paths and
 * charsets, a missing reason. Everything runs through the real API on a real Temporal server and
 * PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { deriveMemberId } from '../../src/infra/identity';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { referralBody, uniqueCin } from '../support/referrals';
import { segment } from '../adt/hl7-fixtures';
import { bearer, caller, createTestDatabase, startTestSystem, TEST_MEMBER_ID_KEY, type TestDatabase, type TestSystem } from '../support/test-system';

let db: TestDatabase;
let sys: TestSystem;
/** A journey assigned to PROV-ACME, for the action routes. */
let assigned: string;
let now: string;

beforeAll(async () => {
  db = await createTestDatabase();
  sys = await startTestSystem(db);
  now = new Date(await sys.now()).toISOString();
  assigned = await refer();
  expect((await sys.request('POST', `/v1/members/${assigned}/authorization`, { decision: 'approved', decidedAt: now })).status).toBe(200);
  expect((await sys.request('POST', `/v1/members/${assigned}/assignment`, { providerId: 'PROV-ACME', assignedAt: now })).status).toBe(200);
});

afterAll(async () => {
  await sys?.close();
  await db?.close();
});

async function refer(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await sys.request('POST', '/v1/referrals', referralBody(now, overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.memberId as string;
}

/** A referral whose member differs from the default one by `member` fields. */
function withMember(member: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const body = referralBody(now, extra);
  return { ...body, member: { ...(body.member as object), ...member } };
}

/** The refusal is a 400 problem naming exactly these fields. */
function expectInvalid(res: { status: number; headers: Headers; body: any }, ...paths: string[]): void {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(res.body.code).toBe('invalid_body');
  expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
}

/** Neither the care record nor Temporal knows the referral's member. */
async function expectNoJourney(body: Record<string, unknown>): Promise<void> {
  const memberId = deriveMemberId(TEST_MEMBER_ID_KEY, body.plan as string, ((body.member as { cin: string }).cin).trim());
  expect((await sys.request('GET', `/v1/members/${memberId}`)).status).toBe(404);
  await expect(sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
}

async function post(path: string, raw: string, headers: Record<string, string>) {
  const res = await fetch(`${sys.baseUrl}${path}`, { method: 'POST', headers: { ...(await bearer(caller('plan', 'LA-CARE'))), ...headers }, body: raw });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), text, body: text.startsWith('{') ? JSON.parse(text) : undefined };
}

describe('1. strings refuse control characters and lone surrogates', () => {
  it('a NUL in a referral name is 400 naming member.name.given, and no journey starts', async () => {
    const body = withMember({ name: { given: 'Ana\u0000', family: 'Lopez' } });
    expectInvalid(await sys.request('POST', '/v1/referrals', body), 'member.name.given');
    await expectNoJourney(body);
  });

  it('a vertical tab at the edge of a field is refused, not trimmed away; tab, CR and LF inside text are kept', async () => {
    expectInvalid(await sys.request('POST', '/v1/referrals', withMember({ language: 'Spanish\u000B' })), 'member.language');
    const memberId = await refer({ member: { ...(withMember({}).member as object), contact: { address: '1 Main St\r\nApt\t5' } } });
    expect(memberId).toMatch(/^mbr_/);
  });

  it('a C1 control (U+0085) and DEL (U+007F) are refused', async () => {
    expectInvalid(await sys.request('POST', '/v1/referrals', withMember({ name: { given: 'Ana\u0085', family: 'Lopez\u007F' } })), 'member.name.given', 'member.name.family');
  });

  it('an unpaired surrogate, as JSON escapes it, is refused; a real surrogate pair (an emoji) is text', async () => {
    const body = withMember({ name: { given: 'Ana', family: 'Lopez' } });
    const raw = JSON.stringify(body).replace('"given":"Ana"', '"given":"Ana\\ud800"');
    const res = await post('/v1/referrals', raw, { 'content-type': 'application/json' });
    expect([res.status, res.body.code, res.body.errors.map((e: { path: string }) => e.path)]).toEqual([400, 'invalid_body', ['member.name.given']]);
    await expectNoJourney(body);
    expect(await refer({ member: { ...(withMember({}).member as object), name: { given: 'Ana 🌻', family: 'Lopez' } } })).toMatch(/^mbr_/);
  });

  it('R-ONE-LCM: a NUL in careManagerId is 400 naming careManagerId, and no caseload slot is taken', async () => {
    const res = await sys.request('POST', `/v1/members/${assigned}/lead-care-manager`, { careManagerId: 'LCM-1\u0000', at: now });
    expectInvalid(res, 'careManagerId');
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM lead_care_manager_namings');
    expect(rows[0].n).toBe(0);
    expect((await sys.request('GET', `/v1/members/${assigned}`)).body.leadCareManager).toBeUndefined();
  });

  it('R-OPT-IN: a NUL in an opt-out reason or a denial reason is 400, and the journey does not move', async () => {
    expectInvalid(await sys.request('POST', `/v1/members/${assigned}/opt-out`, { at: now, reason: 'no\u0000' }), 'reason');
    const referred = await refer();
    expectInvalid(await sys.request('POST', `/v1/members/${referred}/authorization`, { decision: 'denied', decidedAt: now, reason: 'x\u0000' }), 'reason');
    expect((await sys.request('GET', `/v1/members/${referred}`)).body.stage).toBe('REFERRED');
    expect((await sys.request('GET', `/v1/members/${assigned}`)).body.stage).toBe('ASSIGNED');
  });

  it('a path parameter or a query value with a control character is 400 naming it', async () => {
    const path = await sys.request('GET', '/v1/members/mbr_%00');
    expect([path.status, path.body.code, path.body.errors]).toEqual([400, 'invalid_body', [{ path: 'memberId', message: expect.any(String) }]]);
    const visit = await sys.request('POST', `/v1/members/${assigned}/transitions/V%00/tasks/facility_and_member_contacted`, { outcome: 'done', at: now, by: 'LCM-1' });
    expect([visit.status, visit.body.code, visit.body.errors.map((e: { path: string }) => e.path)]).toEqual([400, 'invalid_body', ['visitId']]);
    const query = await sys.request('GET', '/v1/members?plan=LA%00CARE', undefined, await bearer(caller('ops', 'OPS')));
    expect([query.status, query.body.code, query.body.errors.map((e: { path: string }) => e.path)]).toEqual([400, 'invalid_body', ['plan']]);
  });
});

describe('2. dates and instants lie between 1900 and 2200; a date of birth is not in the future', () => {
  it('R-AGE-21: dateOfBirth 0198-05-05 or 1899-12-31 is 400 naming member.dateOfBirth, and no journey starts', async () => {
    for (const dateOfBirth of ['0198-05-05', '0001-01-01', '1899-12-31']) {
      const body = withMember({ dateOfBirth });
      expectInvalid(await sys.request('POST', '/v1/referrals', body), 'member.dateOfBirth');
      await expectNoJourney(body);
    }
  });

  it('a date of birth after the referral was received is 400 naming member.dateOfBirth', async () => {
    const tomorrow = new Date(Date.parse(now) + 2 * 86_400_000).toISOString().slice(0, 10);
    const body = withMember({ dateOfBirth: tomorrow });
    expectInvalid(await sys.request('POST', '/v1/referrals', body), 'member.dateOfBirth');
    await expectNoJourney(body);
  });

  it('R-AUTH-ROUTINE: receivedAt in year 1000 is 400 naming receivedAt, and no journey starts', async () => {
    const body = { ...referralBody(now), receivedAt: '1000-01-01T00:00:00Z' };
    expectInvalid(await sys.request('POST', '/v1/referrals', body), 'receivedAt');
    await expectNoJourney(body);
  });

  it('R-DECLINE-1BD: an action dated 0000-01-01T00:00:00Z or in 2201 is 400 naming at, and the journey does not move', async () => {
    for (const at of ['0000-01-01T00:00:00Z', '2201-01-01T00:00:00Z']) {
      expectInvalid(await sys.request('POST', `/v1/members/${assigned}/assignment/response`, { response: 'accepted', at }), 'at');
    }
    expect((await sys.request('GET', `/v1/members/${assigned}`)).body.stage).toBe('ASSIGNED');
  });

  it('R-ELIGIBILITY: facts with a date of birth after asOf, or a visit date in year 1000, are 400 naming the field', async () => {
    const facts = { dateOfBirth: '1990-01-01', enrolledInMediCalManagedCare: true, shareOfCost: 'none' };
    expectInvalid(await sys.request('POST', '/v1/eligibility/evaluate', { facts: { ...facts, dateOfBirth: '2031-01-01' }, asOf: '2030-01-01' }), 'facts.dateOfBirth');
    expectInvalid(await sys.request('POST', '/v1/eligibility/evaluate', { facts: { ...facts, edVisits: [{ date: '1000-02-03', avoidable: true }] } }), 'facts.edVisits.0.date');
    const future = new Date(Date.parse(now) + 3 * 86_400_000).toISOString().slice(0, 10);
    expectInvalid(await sys.request('POST', '/v1/eligibility/evaluate', { facts: { ...facts, dateOfBirth: future } }), 'facts.dateOfBirth');
  });
});

describe('3. every object is strict: an unknown field is refused by name', () => {
  it('R-AUTH-PRESUMPTIVE: "presumtive": true is 400 naming presumtive, not a routine journey', async () => {
    const body = { ...referralBody(now), presumtive: true };
    expectInvalid(await sys.request('POST', '/v1/referrals', body), 'presumtive');
    await expectNoJourney(body);
  });

  it('an unknown field in a nested object is named by its full path', async () => {
    expectInvalid(await sys.request('POST', '/v1/referrals', withMember({ name: { given: 'Ana', family: 'Lopez', middle: 'M' } })), 'member.name.middle');
  });

  it('R-ELIGIBILITY: a misplaced fact (homeless beside housing, not in it) is 400 naming it, not "not eligible"', async () => {
    const res = await sys.request('POST', '/v1/eligibility/evaluate', {
      facts: { dateOfBirth: '1990-01-01', enrolledInMediCalManagedCare: true, shareOfCost: 'none', homeless: true, complexNeedUnableToSelfManage: true },
      asOf: '2030-01-01',
    });
    expectInvalid(res, 'facts.homeless');
  });

  it('an unknown query parameter is 400 naming it', async () => {
    const res = await sys.request('GET', '/v1/members?overdeu=true', undefined, await bearer(caller('ops', 'OPS')));
    expect([res.status, res.body.code, res.body.errors.map((e: { path: string }) => e.path)]).toEqual([400, 'invalid_body', ['overdeu']]);
  });
});

describe('5. bad client input is 4xx, never 500', () => {
  it('content-type application/json; charset=latin1 is 415 unsupported_media_type', async () => {
    const res = await post('/v1/referrals', JSON.stringify(referralBody(now)), { 'content-type': 'application/json; charset=latin1' });
    expect([res.status, res.body.code]).toEqual([415, 'unsupported_media_type']);
    expect(res.type).toContain('application/problem+json');
  });

  it('a path that is not percent-encoded UTF-8 (/v1/members/%ff%fe) is 400 invalid_path', async () => {
    const res = await sys.request('GET', '/v1/members/%ff%fe');
    expect([res.status, res.body.code]).toEqual([400, 'invalid_path']);
  });

  it('R-TCS-24H: a NUL in an HL7 control ID (MSH-10) is answered with an AE acknowledgement naming MSH-10, not a 500', async () => {
    const message = [
      'MSH|^~\\&|EPIC|GOODSAM|ECMHUB|LACARE|20301117080500-0800||ADT^A01^ADT_A01|CTRL\u00001|P|2.5.1',
      'EVN|A01|20301117080000-0800',
      segment('PID', { 1: '1', 3: `${uniqueCin()}^^^MEDI-CAL^MA`, 5: 'QUINTERO^ROSALIND', 7: '19610417' }),
      segment('PV1', { 1: '1', 2: 'I', 3: '4W^412^A^GOODSAM', 19: 'VN-0001', 44: '20301117074500-0800' }),
    ].join('\r');
    const res = await post('/v1/adt/hl7?plan=LA-CARE', message, { 'content-type': 'x-application/hl7-v2+er7' });
    expect(res.status).toBe(200);
    const [, msa, err] = res.text.split('\r');
    // The control ID is echoed with its NUL escaped (\X00\), never raw.
    expect(msa).toMatch(/^MSA\|AE\|CTRL\\X00\\1\|MSH-10 message control ID is invalid/);
    expect(err).toMatch(/^ERR\|\|MSH\^1\^10\|102\^/);
    expect(res.text).not.toContain('\u0000');
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM adt_messages');
    expect(rows[0].n).toBe(0);
  });

  it('R-TCS-24H: a NUL in a JSON ADT event field is 400 naming it', async () => {
    const event = { messageId: 'M-1\u0000', eventType: 'A01', plan: 'LA-CARE', member: { cin: uniqueCin() }, facility: { id: 'GOODSAM' }, visitId: 'V-1', patientClass: 'I', admitAt: now };
    expectInvalid(await sys.request('POST', '/v1/adt', { events: [event] }), 'events.0.messageId');
  });
});

describe('7. a missing reason answers reason_required, as README says', () => {
  it('R-DENIAL-NOA: a denial without a reason is 422 reason_required naming reason, and the journey stays REFERRED', async () => {
    const referred = await refer();
    const res = await sys.request('POST', `/v1/members/${referred}/authorization`, { decision: 'denied', decidedAt: now });
    expect([res.status, res.body.code, res.body.errors.map((e: { path: string }) => e.path)]).toEqual([422, 'reason_required', ['reason']]);
    expect((await sys.request('GET', `/v1/members/${referred}`)).body.stage).toBe('REFERRED');
  });

  it('R-DECLINE-1BD: a decline needs no reason (capacity is the only ground, and the default); a reason outside the enum or another bad field is 400 invalid_body', async () => {
    const other = await sys.request('POST', `/v1/members/${assigned}/assignment/response`, { response: 'declined', reason: 'busy', at: now });
    expect([other.status, other.body.code]).toEqual([400, 'invalid_body']);
    const both = await sys.request('POST', `/v1/members/${assigned}/assignment/response`, { response: 'declined', at: now, extra: 1 });
    expect([both.status, both.body.code]).toEqual([400, 'invalid_body']);
    expect((await sys.request('GET', `/v1/members/${assigned}`)).body.stage).toBe('ASSIGNED');
  });

  it('R-REAUTH-6M: a reauthorization denial without a reason is 422 reason_required, refused before the journey sees it', async () => {
    const res = await sys.request('POST', `/v1/members/${assigned}/reauthorization`, { decision: 'deny', decidedAt: now });
    expect([res.status, res.body.code, res.body.errors.map((e: { path: string }) => e.path)]).toEqual([422, 'reason_required', ['reason']]);
    expect((await sys.request('GET', `/v1/members/${assigned}`)).body.stage).toBe('ASSIGNED');
  });
});
