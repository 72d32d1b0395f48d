/**
 * ADT intake under pressure (issue 10, findings 8–10), against the real app, Temporal and
 * PostgreSQL: bounded work per request, each message charged to the plan's rate, one answer
 * `accepted` among concurrent duplicates, and per-member audit of the reconciliation list.
 */
import { describe, expect, it } from 'vitest';
import { MAX_ADT_MESSAGES_PER_REQUEST } from '../../api/adt/adt-work-limit';
import { deriveMemberId } from '../../src/infra/identity';
import { inOutreach } from '../support/journey-driver';
import { eventually, stateOf, useJourneySystem } from '../support/journey-test';
import { referralBody, uniqueCin } from '../support/referrals';
import { bearer, caller, TEST_MEMBER_ID_KEY, type TestSystem } from '../support/test-system';

const AT = '2030-11-13T09:00:00.000-08:00';
const ADMIT = '2030-11-17T08:00:00.000-08:00';

let seq = 0;
function event(plan: string, cin: string, extra: Record<string, unknown> = {}) {
  seq += 1;
  return { messageId: `BND-${Date.now()}-${seq}`, eventType: 'A01', plan, member: { cin }, facility: { id: 'HOSP-1' }, visitId: `V-${seq}`, patientClass: 'I', admitAt: ADMIT, ...extra };
}

/** An A01 in HL7 v2 (ER7), segments ending in CR. */
function a01(cin: string, controlId: string): string {
  return [
    `MSH|^~\\&|EPIC|GOODSAM|ECMHUB|LACARE|20301117080500-0800||ADT^A01^ADT_A01|${controlId}|P|2.5.1`,
    'EVN|A01|20301117080000-0800',
    `PID|1||${cin}^^^MEDI-CAL^MA||QUINTERO^ROSALIND||19610417|F`,
    `PV1|1|I|4W^412^A^GOODSAM||||||||||||||||VN-${controlId}|||||||||||||||||||||||||20301117074500-0800`,
  ].join('\r');
}

async function postJson(sys: TestSystem, plan: string, events: unknown[]) {
  return sys.request('POST', '/v1/adt', { events }, await bearer(caller('plan', plan)));
}

async function postHl7(sys: TestSystem, plan: string, messages: string[]) {
  const res = await fetch(`${sys.baseUrl}/v1/adt/hl7?plan=${plan}`, {
    method: 'POST',
    headers: { 'content-type': 'x-application/hl7-v2+er7', ...(await bearer(caller('plan', plan))) },
    body: messages.join('\r\n'),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

async function storedFor(sys: TestSystem, plan: string): Promise<number> {
  return (await sys.pool.query('SELECT count(*)::int AS n FROM adt_messages WHERE plan = $1', [plan])).rows[0].n as number;
}

describe('bounded ADT work per request', () => {
  const { sys } = useJourneySystem();

  it(`refuses more than ${MAX_ADT_MESSAGES_PER_REQUEST} messages in one request with 413 too_many_messages and takes none of them in`, async () => {
    await sys().skipTo(Date.parse(ADMIT));
    const over = MAX_ADT_MESSAGES_PER_REQUEST + 1;
    const json = await postJson(sys(), 'CAP-JSON', Array.from({ length: over }, () => event('CAP-JSON', uniqueCin())));
    expect([json.status, json.body.code]).toEqual([413, 'too_many_messages']);
    expect(json.headers.get('content-type')).toContain('application/problem+json');
    const hl7 = await postHl7(sys(), 'CAP-HL7', Array.from({ length: over }, (_, i) => a01(uniqueCin(), `CAP-${Date.now()}-${i}`)));
    expect([hl7.status, hl7.body?.code]).toEqual([413, 'too_many_messages']);
    expect(await storedFor(sys(), 'CAP-JSON')).toBe(0);
    expect(await storedFor(sys(), 'CAP-HL7')).toBe(0);
    // Exactly the cap is one request's worth.
    const atCap = await postHl7(sys(), 'CAP-HL7', Array.from({ length: MAX_ADT_MESSAGES_PER_REQUEST }, (_, i) => a01(uniqueCin(), `CAP-OK-${Date.now()}-${i}`)));
    expect(atCap.status).toBe(200);
    expect(atCap.text.split('\n')).toHaveLength(MAX_ADT_MESSAGES_PER_REQUEST);
    expect(await storedFor(sys(), 'CAP-HL7')).toBe(MAX_ADT_MESSAGES_PER_REQUEST);
  });

  it('concurrent deliveries of one message: exactly one answers accepted, the others duplicate, and it takes effect once', async () => {
    const cin = uniqueCin();
    const memberId = await inOutreach(sys(), AT, `LCM-${cin}`, { member: { ...(referralBody(AT).member as object), cin } });
    await sys().skipTo(Date.parse(ADMIT));
    const admission = event('LA-CARE', cin, { visitId: 'V-CONCURRENT' });
    const answers = await Promise.all(Array.from({ length: 10 }, () => postJson(sys(), 'LA-CARE', [admission])));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const statuses = answers.map((a) => a.body.results[0].status as string);
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(9);
    const rows = await sys().pool.query('SELECT status FROM adt_messages WHERE member_id = $1', [memberId]);
    expect(rows.rows).toEqual([{ status: 'delivered' }]);
    // R-TCS-24H: one admission, one episode, one 24-hour clock.
    await eventually(async () => {
      const state = await stateOf(sys(), memberId);
      expect(state.episodes).toHaveLength(1);
      expect(state.transitions?.[0]?.deadlines?.filter((d: { rule: string }) => d.rule === 'R-TCS-24H')).toHaveLength(1);
    });
  });

  it('GET /v1/adt/unmatched writes one audit row per returned message, naming the member its CIN derives', async () => {
    await sys().skipTo(Date.parse(ADMIT));
    const plan = 'UNMATCHED-AUDIT';
    const cins = [uniqueCin(), uniqueCin()];
    const posted = await postJson(sys(), plan, cins.map((cin) => event(plan, cin)));
    expect(posted.body.results.map((r: { status: string }) => r.status)).toEqual(['unmatched', 'unmatched']);
    const list = await sys().request('GET', `/v1/adt/unmatched?plan=${plan}`, undefined, await bearer(caller('ops', 'ECM-OPS')));
    expect(list.status).toBe(200);
    const returned = list.body.unmatched as { cin: string; plan: string }[];
    expect(returned.map((m) => m.cin).sort()).toEqual([...cins].sort());
    const { rows } = await sys().pool.query(`SELECT member_id, action, outcome, actor_role FROM audit_events WHERE request_id = $1 ORDER BY id`, [list.headers.get('x-request-id')]);
    expect(rows.map((r) => r.member_id).sort()).toEqual(returned.map((m) => deriveMemberId(TEST_MEMBER_ID_KEY, m.plan, m.cin)).sort());
    expect(rows.every((r) => r.action === 'listUnmatchedAdt' && r.outcome === 'allowed' && r.actor_role === 'ops')).toBe(true);
  });
});

describe('ADT messages count against the plan’s rate limit', () => {
  // 3 per minute: a burst holds 3 units, so 4 messages can never pass in one request.
  const { sys } = useJourneySystem({ rateLimitPerMinute: 3 });

  it('a request of 4 messages is over a rate of 3, though it is one request; 3 pass; a refusal takes nothing in', async () => {
    await sys().skipTo(Date.parse(ADMIT));
    const json = await postJson(sys(), 'RATE-JSON', Array.from({ length: 4 }, () => event('RATE-JSON', uniqueCin())));
    expect([json.status, json.body.code]).toEqual([429, 'rate_limited']);
    expect(Number(json.headers.get('retry-after'))).toBeGreaterThan(0);
    const hl7 = await postHl7(sys(), 'RATE-HL7', Array.from({ length: 4 }, (_, i) => a01(uniqueCin(), `RATE-${Date.now()}-${i}`)));
    expect([hl7.status, hl7.body?.code]).toEqual([429, 'rate_limited']);
    expect(await storedFor(sys(), 'RATE-JSON')).toBe(0);
    expect(await storedFor(sys(), 'RATE-HL7')).toBe(0);
    // The refused request cost nothing: the full burst of 3 is still there.
    const three = await postHl7(sys(), 'RATE-HL7', Array.from({ length: 3 }, (_, i) => a01(uniqueCin(), `RATE-OK-${Date.now()}-${i}`)));
    expect(three.status).toBe(200);
    expect(await storedFor(sys(), 'RATE-HL7')).toBe(3);
  });
});
