/**
 * Webhooks (issue 14 §3) end to end on the time-skipping server: a journey's breach reaches a real
 * HTTP receiver, signed per Standard Webhooks and verified with the `standardwebhooks` library; a
 * withdrawal follows its breach. Retries in real time (receiver down, worker crash, a delivery
 * that fails and is replayed) are in webhook-retries.test.ts, on the dev server.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { Worker } from '@temporalio/worker';
import { createJourneyWorker } from '../../worker/create-worker';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { createLogger } from '../../src/infra/logger';
import { webhookSecretKey } from '../../src/infra/webhooks/secret-box';
import { bearer, caller, createTestDatabase, startTestSystem, TEST_MEMBER_ID_KEY, TEST_PAYLOAD_KEYS, type TestDatabase, type TestSystem } from '../support/test-system';
import { eventually } from '../support/journey-test';
import { referralBody } from '../support/referrals';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/** Waits (in real time) until a check of what the receiver got passes. */
const settle = <T>(probe: () => T, timeout: number): Promise<T> => vi.waitFor(probe, { timeout, interval: 100 });

const QUEUE = 'ecm-webhooks-test';
// Short backoff so a receiver that is down a while costs seconds, not minutes; the 24 h window is the product's.
const RETRY = { initialIntervalMs: 200, maximumIntervalMs: 1_000, attemptTimeoutMs: 3_000, giveUpAfterMs: 24 * 3_600_000 };
const PLAN = caller('plan', 'LA-CARE');
const DAY = 86_400_000;

describe('webhook deliveries', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let receiver: WebhookReceiver;
  let secret: string;
  let webhookId: string;
  let at: number;

  /** The delivery worker, apart from the journeys', so a test can crash it. */
  async function startDeliveryWorker(): Promise<void> {
    worker = await createJourneyWorker({
      connection: sys.env.nativeConnection, namespace: 'default', taskQueue: QUEUE, pool: db.pool, log: createLogger('silent'),
      workflowBundlePath: inject('workflowBundlePath'), dataConverter: encryptingDataConverter(TEST_PAYLOAD_KEYS),
      webhooks: { client: sys.client, taskQueue: QUEUE, secretKey: webhookSecretKey(TEST_MEMBER_ID_KEY), retry: RETRY },
    });
    running = worker.run();
  }
  async function stopDeliveryWorker(): Promise<void> {
    worker?.shutdown();
    await running;
    worker = undefined;
  }

  /** The verified messages the receiver got, of one type and member (each signature checked by the library). */
  function messages(type: string, memberId: string) {
    return receiver.received
      .map((r) => ({ id: r.headers['webhook-id']!, payload: new Webhook(secret).verify(r.body, r.headers) as { type: string; data: Record<string, unknown> }, body: r.body }))
      .filter((m) => m.payload.type === type && m.payload.data.memberId === memberId);
  }

  /** A referral whose R-AUTH-ROUTINE runs out: received now, the clock moved past its due instant. */
  async function breachedReferral(): Promise<{ memberId: string; body: Record<string, any> }> {
    await sys.skipTo(at);
    const body = referralBody(new Date(at).toISOString());
    const res = await sys.request('POST', '/v1/referrals', body);
    expect(res.status).toBe(202);
    at += 10 * DAY;
    await sys.skipTo(at);
    return { memberId: res.body.memberId, body };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    sys = await startTestSystem(db, { webhooks: { taskQueue: QUEUE, retry: RETRY } });
    await startDeliveryWorker();
    receiver = await startWebhookReceiver();
    at = await sys.now();
    const res = await sys.request('POST', '/v1/webhooks', { url: receiver.url, eventTypes: ['deadline.breached', 'deadline.breach_withdrawn'] }, await bearer(PLAN));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ({ secret, webhookId } = res.body);
    expect(secret).toMatch(/^whsec_/);
  });
  afterAll(async () => {
    receiver?.release(204);
    await stopDeliveryWorker();
    await receiver?.stop();
    await sys?.close();
    await db?.close();
  });

  it('R-AUTH-ROUTINE: a breach is delivered, signed, with identifiers and rule facts only, and logged', async () => {
    const { memberId, body } = await breachedReferral();
    const [message] = await settle(() => {
      const found = messages('deadline.breached', memberId).filter((m) => m.payload.data.rule === 'R-AUTH-ROUTINE');
      expect(found).toHaveLength(1);
      return found;
    }, 30_000);
    expect(message!.payload.data).toMatchObject({ memberId, plan: 'LA-CARE', rule: 'R-AUTH-ROUTINE', deadlineKey: 'R-AUTH-ROUTINE', responsibleParty: 'plan' });
    // No PHI: none of the member's name, CIN, date of birth or phone.
    for (const phi of [body.member.cin, body.member.name.given, body.member.name.family, body.member.dateOfBirth, body.member.contact.phone]) expect(message!.body).not.toContain(phi);
    // A forged signature is refused by the same library.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 9).toString('base64')}`).verify(receiver.received[0]!.body, receiver.received[0]!.headers)).toThrow();
    const log = await eventually(async () => {
      const res = await sys.request('GET', `/v1/webhooks/${webhookId}/deliveries`, undefined, await bearer(PLAN));
      const entry = res.body.deliveries.find((d: { deliveryId: string }) => d.deliveryId === message!.id);
      expect(entry?.status).toBe('delivered');
      return entry;
    });
    expect(log).toMatchObject({ eventType: 'deadline.breached', attempts: 1, lastStatus: 204 });
  });

  it('ECM-RULES §1: a breach followed by its withdrawal (a timely decision documented late); both delivered', async () => {
    const { memberId } = await breachedReferral();
    await settle(() => expect(messages('deadline.breached', memberId).filter((m) => m.payload.data.rule === 'R-AUTH-ROUTINE')).toHaveLength(1), 30_000);
    const breach = messages('deadline.breached', memberId).find((m) => m.payload.data.rule === 'R-AUTH-ROUTINE')!;
    // Decided one minute before the due instant, documented now.
    const decidedAt = new Date(Date.parse(breach.payload.data.dueAt as string) - 60_000).toISOString();
    const res = await sys.request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [withdrawal] = await settle(() => {
      const found = messages('deadline.breach_withdrawn', memberId);
      expect(found).toHaveLength(1);
      return found;
    }, 30_000);
    expect(withdrawal!.payload.data).toMatchObject({ memberId, rule: 'R-AUTH-ROUTINE', deadlineKey: 'R-AUTH-ROUTINE', breachedAt: new Date(Date.parse(breach.payload.data.breachedAt as string)).toISOString(), reason: 'act dated on time, documented late' });
    expect(withdrawal!.id).not.toBe(breach.id);
  });
});
