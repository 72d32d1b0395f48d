/**
 * The codec server is closed by default: it never decrypts for an anonymous caller, with or
 * without ECM_CODEC_TOKEN; without one it takes ops staff's own tokens only. Every refusal is in
 * the audit trail, and what it cannot open is a 400 with a code, not a 500.
 */
import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createJourneyGateway } from '../../api/journey-gateway';
import { createTokenVerifier } from '../../src/infra/auth/token-verifier';
import { createCaseloadStore } from '../../src/infra/caseload';
import { AesGcmPayloadCodec } from '../../src/infra/codec/aes-gcm-payload-codec';
import { createLogger } from '../../src/infra/logger';
import { closedPort } from '../support/closed-port';
import { bearer, caller, createTestDatabase, TEST_MEMBER_ID_KEY, TEST_PAYLOAD_KEYS, TEST_TOKENS, type TestDatabase } from '../support/test-system';

const codec = new AesGcmPayloadCodec(TEST_PAYLOAD_KEYS);

function wire(payload: Payload) {
  return {
    payloads: [{ metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])), data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64') }],
  };
}

describe('codec server closed by default', () => {
  let db: TestDatabase;
  let server: Server;
  let connection: Connection;
  let baseUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The codec needs no Temporal; the API's client points nowhere.
    connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}` });
    const app = createApp({
      journeys: createJourneyGateway(new Client({ connection }), 'ecm-journeys-codec'),
      config: { memberIdKey: TEST_MEMBER_ID_KEY, plans: {} },
      log: createLogger('silent'),
      clock: () => Promise.resolve(Date.now()),
      caseloads: createCaseloadStore(db.pool),
      pool: db.pool,
      verifyToken: createTokenVerifier(TEST_TOKENS),
      rateLimitPerMinute: 1_000_000,
      // As a developer machine runs it: no ECM_CODEC_TOKEN.
      codec: { codec, uiOrigin: 'http://localhost:8233' },
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await connection?.close();
    await db?.close();
  });

  async function decode(body: unknown, headers: Record<string, string>, requestId: string) {
    const res = await fetch(`${baseUrl}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...headers }, body: JSON.stringify(body) });
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, any> };
  }

  async function auditOf(requestId: string) {
    const { rows } = await db.pool.query(`SELECT actor_id, action, outcome, reason FROM audit_events WHERE client_request_id = $1`, [requestId]);
    return rows;
  }

  it('without ECM_CODEC_TOKEN an anonymous caller is refused 401 and the refusal is audited', async () => {
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload({ name: 'Evangelina' })]);
    const res = await decode(wire(sealed!), {}, 'codec-anonymous');
    expect([res.status, res.body.code]).toEqual([401, 'unauthorized']);
    expect(JSON.stringify(res.body)).not.toContain('Evangelina');
    expect(await auditOf('codec-anonymous')).toEqual([{ actor_id: 'anonymous', action: 'decodePayloads', outcome: 'denied', reason: 'no_credential' }]);
  });

  it('without ECM_CODEC_TOKEN a made-up bearer is refused and audited; an ops token decodes', async () => {
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload({ name: 'Evangelina' })]);
    const guessed = await decode(wire(sealed!), { authorization: 'Bearer anything-at-all' }, 'codec-guess');
    expect(guessed.status).toBe(401);
    expect(await auditOf('codec-guess')).toEqual([{ actor_id: 'anonymous', action: 'decodePayloads', outcome: 'denied', reason: 'bad_credential' }]);
    const ops = await decode(wire(sealed!), await bearer(caller('ops', 'ECM-OPS')), 'codec-ops');
    expect(ops.status).toBe(200);
    expect(JSON.parse(Buffer.from(ops.body.payloads[0].data, 'base64').toString())).toEqual({ name: 'Evangelina' });
    expect(await auditOf('codec-ops')).toEqual([{ actor_id: caller('ops', 'ECM-OPS').subject, action: 'decodePayloads', outcome: 'allowed', reason: null }]);
  });

  it('a tampered ciphertext answers 400 undecryptable_payload', async () => {
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload({ cin: '97531864K' })]);
    const tampered = { ...sealed!, data: Uint8Array.from(sealed!.data!, (b, i) => (i === 20 ? b ^ 1 : b)) };
    const res = await decode(wire(tampered), await bearer(caller('ops', 'ECM-OPS')), 'codec-tampered');
    expect([res.status, res.body.code]).toEqual([400, 'undecryptable_payload']);
    expect(res.type).toMatch(/^application\/problem\+json/);
  });

  it('a payload sealed under a key this server does not have answers 400 unknown_payload_key', async () => {
    const stranger = new AesGcmPayloadCodec({ currentKeyId: 'elsewhere-1', keys: { 'elsewhere-1': Buffer.alloc(32, 9) } });
    const [sealed] = await stranger.encode([defaultPayloadConverter.toPayload({ cin: '97531864K' })]);
    const res = await decode(wire(sealed!), await bearer(caller('ops', 'ECM-OPS')), 'codec-unknown-key');
    expect([res.status, res.body.code]).toEqual([400, 'unknown_payload_key']);
  });

  it('a body that is not the codec protocol answers 400 invalid_body', async () => {
    const ops = await bearer(caller('ops', 'ECM-OPS'));
    for (const body of [{}, { payloads: 'x' }, { payloads: [{ data: 42 }] }, { payloads: [{ metadata: { encoding: ['a'] } }] }]) {
      const res = await decode(body, ops, 'codec-bad-body');
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([400, 'invalid_body']);
    }
  });
});
