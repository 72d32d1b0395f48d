/**
 * Member data is PHI: in Temporal it exists only as AES-256-GCM ciphertext. These tests read the
 * raw history from the real dev server, as anyone with database or UI access would see it.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING } from '../../src/infra/codec/aes-gcm-payload-codec';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { referralBody } from '../support/referrals';
import { stateOf, useJourneySystem } from '../support/journey-test';
import { bearer, caller, TEST_PAYLOAD_KEYS } from '../support/test-system';
import type { Principal } from '../../src/infra/auth/principal';

describe('PHI encrypted in Temporal', () => {
  const { sys } = useJourneySystem({ server: 'dev' });

  it('the raw history of a journey holds no name, date of birth or CIN, and every payload is sealed', async () => {
    const now = new Date(await sys().now()).toISOString();
    const body = referralBody(now, { member: { cin: '97531864K', name: { given: 'Evangelina', family: 'Okonkwo-Marsh' }, dateOfBirth: '1949-12-03', language: 'Tagalog', contact: { phone: '+1-310-555-0199' } } });
    const res = await sys().request('POST', '/v1/referrals', body);
    const memberId = res.body.memberId as string;
    for (const [path, action] of [
      ['/authorization', { decision: 'approved', decidedAt: now }],
      ['/assignment', { providerId: 'PROV-ACME', assignedAt: now }],
      ['/lead-care-manager', { careManagerId: 'LCM-PHI', at: now }],
    ] as const) {
      expect((await sys().request('POST', `/v1/members/${memberId}${path}`, action)).status).toBe(200);
    }
    // The journey works through the codec: the API reads its state in clear.
    expect((await stateOf(sys(), memberId)).stage).toBe('OUTREACH');

    const raw = await sys().env.connection.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: memberJourneyWorkflowId(memberId) } });
    const everything = JSON.stringify(raw.history?.events ?? []);
    const bytes = (raw.history?.events ?? []).flatMap((e) => collectPayloadBytes(e));
    const decoded = bytes.map((b) => Buffer.from(b).toString('utf8')).join('\n');
    for (const phi of ['97531864K', 'Evangelina', 'Okonkwo-Marsh', '1949-12-03', '310-555-0199', 'Tagalog']) {
      expect(everything).not.toContain(phi);
      expect(decoded).not.toContain(phi);
    }
    // Inputs, update arguments and activity arguments are all sealed.
    const started = raw.history!.events![0]!.workflowExecutionStartedEventAttributes!;
    expect(Buffer.from(started.input!.payloads![0]!.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    const describe = await sys().env.connection.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: memberJourneyWorkflowId(memberId) } });
    expect(JSON.stringify(describe)).not.toContain('97531864K');
  });

  it('keys rotate: a payload sealed with a retired key still opens, a tampered one does not, an unknown key is named', async () => {
    const old = new AesGcmPayloadCodec({ currentKeyId: 'test-1', keys: { 'test-1': TEST_PAYLOAD_KEYS.keys['test-1'] } });
    const current = new AesGcmPayloadCodec(TEST_PAYLOAD_KEYS);
    const [sealed] = await old.encode([defaultPayloadConverter.toPayload({ cin: '97531864K' })]);
    const [opened] = await current.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({ cin: '97531864K' });
    const [fresh] = await current.encode([defaultPayloadConverter.toPayload('x')]);
    expect(Buffer.from(fresh!.metadata!['encryption-key-id']!).toString()).toBe('test-2');
    const tampered = { ...sealed!, data: Uint8Array.from(sealed!.data!, (b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(current.decode([tampered])).rejects.toThrow();
    const stranger = new AesGcmPayloadCodec({ currentKeyId: 'other', keys: { other: Buffer.alloc(32, 9) } });
    await expect(stranger.decode([sealed!])).rejects.toThrow(/no payload key "test-1"/);
  });

  it('the codec server decodes for the Web UI with CORS, only with its token or an ops token, and audits every decode', async () => {
    const [sealed] = await new AesGcmPayloadCodec(TEST_PAYLOAD_KEYS).encode([defaultPayloadConverter.toPayload({ name: 'Evangelina' })]);
    const wire = {
      payloads: [{ metadata: Object.fromEntries(Object.entries(sealed!.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])), data: Buffer.from(sealed!.data!).toString('base64') }],
    };
    const denied = await fetch(`${sys().baseUrl}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(wire) });
    expect(denied.status).toBe(401);
    const preflight = await fetch(`${sys().baseUrl}/codec/decode`, { method: 'OPTIONS', headers: { origin: 'http://localhost:8233' } });
    expect([preflight.status, preflight.headers.get('access-control-allow-origin')]).toEqual([204, 'http://localhost:8233']);
    const res = await fetch(`${sys().baseUrl}/codec/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-codec-token-0123456789', 'x-namespace': 'default' },
      body: JSON.stringify(wire),
    });
    expect(res.status).toBe(200);
    const { payloads } = (await res.json()) as { payloads: { data: string }[] };
    expect(JSON.parse(Buffer.from(payloads[0]!.data, 'base64').toString())).toEqual({ name: 'Evangelina' });

    const decodeAs = async (principal: Principal) =>
      (await fetch(`${sys().baseUrl}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', ...(await bearer(principal)), 'x-request-id': `codec-${principal.role}` }, body: JSON.stringify(wire) })).status;
    // Ops staff with their own token may read decoded payloads; plans and providers may not (the UI shows every member).
    expect(await decodeAs(caller('ops', 'ECM-OPS'))).toBe(200);
    expect(await decodeAs(caller('plan', 'LA-CARE'))).toBe(401);
    expect(await decodeAs(caller('provider', 'PROV-ACME'))).toBe(401);
    // Refusals are access decisions too: the trail shows who tried.
    const { rows } = await sys().pool.query(`SELECT actor_id, actor_role, action, outcome, reason FROM audit_events WHERE action = 'decodePayloads' ORDER BY id`);
    expect(rows).toEqual([
      { actor_id: 'anonymous', actor_role: null, action: 'decodePayloads', outcome: 'denied', reason: 'no_credential' },
      { actor_id: 'temporal-web-ui', actor_role: 'ops', action: 'decodePayloads', outcome: 'allowed', reason: null },
      { actor_id: caller('ops', 'ECM-OPS').subject, actor_role: 'ops', action: 'decodePayloads', outcome: 'allowed', reason: null },
      { actor_id: caller('plan', 'LA-CARE').subject, actor_role: 'plan', action: 'decodePayloads', outcome: 'denied', reason: 'role_not_allowed' },
      { actor_id: caller('provider', 'PROV-ACME').subject, actor_role: 'provider', action: 'decodePayloads', outcome: 'denied', reason: 'role_not_allowed' },
    ]);
  });
});

/** Every `data` byte array anywhere in a history event. */
function collectPayloadBytes(value: unknown): Uint8Array[] {
  if (value instanceof Uint8Array) return [value];
  if (Array.isArray(value)) return value.flatMap(collectPayloadBytes);
  if (value && typeof value === 'object') return Object.values(value).flatMap(collectPayloadBytes);
  return [];
}
