/**
 * Webhook deliveries retried in real time (issue 14 §3), on the Temporal dev server (the
 * time-skipping server would skip the backoffs): a receiver down for a while and back, and a
 * worker crash mid-delivery. The breach is emitted by the very activity a journey's breach runs
 * (escalateDeadlineBreach), on a journey written to the care record; each message's signature is
 * verified with the `standardwebhooks` library.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createJourneyWorker } from '../../worker/create-worker';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { createLogger } from '../../src/infra/logger';
import { webhookSecretKey } from '../../src/infra/webhooks/secret-box';
import { bearer, caller, createTestDatabase, startTestSystem, TEST_MEMBER_ID_KEY, TEST_PAYLOAD_KEYS, type TestDatabase, type TestSystem } from '../support/test-system';
import { eventually } from '../support/journey-test';
import { seedJourney } from '../support/care-record-seed';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/** Waits (in real time) until a check of what the receiver got passes. */
const settle = <T>(probe: () => T, timeout: number): Promise<T> => vi.waitFor(probe, { timeout, interval: 100 });

const QUEUE = 'ecm-webhook-retries-test';
const RETRY = { initialIntervalMs: 200, maximumIntervalMs: 1_000, attemptTimeoutMs: 3_000, giveUpAfterMs: 24 * 3_600_000 };
const PROVIDER = caller('provider', 'PROV-HOOKS');

describe('webhook deliveries retried in real time', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let receiver: WebhookReceiver;
  let secret: string;

  const webhooks = () => ({ client: sys.client, taskQueue: QUEUE, secretKey: webhookSecretKey(TEST_MEMBER_ID_KEY), retry: RETRY });

  async function startDeliveryWorker(): Promise<void> {
    worker = await createJourneyWorker({
      connection: sys.env.nativeConnection, namespace: 'default', taskQueue: QUEUE, pool: db.pool, log: createLogger('silent'),
      workflowBundlePath: inject('workflowBundlePath'), dataConverter: encryptingDataConverter(TEST_PAYLOAD_KEYS), webhooks: webhooks(),
    });
    running = worker.run();
  }
  async function stopDeliveryWorker(): Promise<void> {
    worker?.shutdown();
    await running;
    worker = undefined;
  }

  /** A breached R-LCM-72H of a provider's member, escalated by the journey's own activity. */
  async function breach(retry = RETRY): Promise<{ memberId: string; deliveryId: string }> {
    const dueAt = Date.now() - 60_000;
    const journey = await seedJourney(db.pool, { providerId: PROVIDER.organisation, deadlines: [{ key: 'R-LCM-72H', rule: 'R-LCM-72H', party: 'provider', dueAt, status: 'breached' }] });
    const iso = new Date(dueAt).toISOString();
    const activities = createActivities({ pool: db.pool, log: createLogger('silent'), webhooks: { ...webhooks(), retry } });
    await activities.escalateDeadlineBreach({
      memberId: journey.memberId, referralKey: journey.referralKey, plan: 'LA-CARE', providerId: PROVIDER.organisation,
      deadline: { key: 'R-LCM-72H', rule: 'R-LCM-72H', party: 'provider', startedAt: iso, dueAt: iso, status: 'breached', breachedAt: iso },
    });
    const { rows } = await db.pool.query(`SELECT delivery_id FROM webhook_deliveries d JOIN webhook_events e USING (event_key) WHERE e.payload->'data'->>'memberId' = $1`, [journey.memberId]);
    expect(rows).toHaveLength(1);
    return { memberId: journey.memberId, deliveryId: rows[0].delivery_id };
  }

  const verifiedFor = (memberId: string) =>
    receiver.received
      .filter((r) => r.body.includes(memberId))
      .map((r) => ({ id: r.headers['webhook-id'], payload: new Webhook(secret).verify(r.body, r.headers) as { type: string; data: Record<string, unknown> } }));

  beforeAll(async () => {
    db = await createTestDatabase();
    sys = await startTestSystem(db, { server: 'dev', webhooks: { taskQueue: QUEUE, retry: RETRY } });
    await startDeliveryWorker();
    receiver = await startWebhookReceiver();
    const res = await sys.request('POST', '/v1/webhooks', { url: receiver.url, eventTypes: ['deadline.breached'] }, await bearer(PROVIDER));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    secret = res.body.secret;
  });
  afterAll(async () => {
    receiver?.release(204);
    await stopDeliveryWorker();
    await receiver?.stop();
    await sys?.close();
    await db?.close();
  });

  it('R-LCM-72H: a receiver down for a while gets the breach once it is back, under the same delivery ID, every attempt logged', async () => {
    await receiver.stop();
    const { memberId, deliveryId } = await breach();
    // Refused connections are attempts in the log, retried with backoff.
    await eventually(async () => {
      const { rows } = await db.pool.query('SELECT attempts, last_error, status FROM webhook_deliveries WHERE delivery_id = $1', [deliveryId]);
      expect(rows[0]).toMatchObject({ status: 'pending', last_error: expect.stringMatching(/^request failed/) });
      expect(rows[0].attempts).toBeGreaterThanOrEqual(3);
    }, 60_000);
    await receiver.start();
    await eventually(async () => expect((await db.pool.query('SELECT status FROM webhook_deliveries WHERE delivery_id = $1', [deliveryId])).rows[0].status).toBe('delivered'), 60_000);
    const got = verifiedFor(memberId);
    expect(got.map((m) => m.id)).toEqual([deliveryId]);
    expect(got[0]!.payload).toMatchObject({ type: 'deadline.breached', data: { memberId, rule: 'R-LCM-72H', providerId: 'PROV-HOOKS', responsibleParty: 'provider' } });
    // Emitting the same breach again (a retried activity) is the same event and delivery: nothing new is sent.
    const log = await sys.request('GET', `/v1/webhooks/${(await db.pool.query('SELECT webhook_id FROM webhook_deliveries WHERE delivery_id = $1', [deliveryId])).rows[0].webhook_id}/deliveries`, undefined, await bearer(PROVIDER));
    expect(log.body.deliveries.find((d: { deliveryId: string }) => d.deliveryId === deliveryId)).toMatchObject({ status: 'delivered', lastStatus: 204 });
  });

  it('a worker crash mid-delivery: the restarted worker sends it again, and every message the receiver saw carries the one delivery ID', async () => {
    let first = true;
    receiver.answer = () => (first ? ((first = false), 'hang') : 204);
    const { memberId, deliveryId } = await breach();
    await settle(() => expect(receiver.received.some((r) => r.body.includes(memberId))).toBe(true), 60_000);
    // The request is at the receiver, unanswered: the worker goes down under it, then comes back.
    await stopDeliveryWorker();
    receiver.release(204);
    await startDeliveryWorker();
    await eventually(async () => expect((await db.pool.query('SELECT status FROM webhook_deliveries WHERE delivery_id = $1', [deliveryId])).rows[0].status).toBe('delivered'), 60_000);
    const got = verifiedFor(memberId);
    expect(got.length).toBeGreaterThanOrEqual(2);
    expect(new Set(got.map((m) => m.id))).toEqual(new Set([deliveryId]));
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM webhook_deliveries d JOIN webhook_events e USING (event_key) WHERE e.payload->'data'->>'memberId' = $1`, [memberId])).rows[0].n).toBe(1);
  });

  it('a delivery refused until its retry window closes is failed; a replay sends it again under the same delivery ID', async () => {
    receiver.answer = () => 503;
    // The product's window is 24 h; this delivery's is 3 s, so the test waits seconds.
    const { memberId, deliveryId } = await breach({ ...RETRY, giveUpAfterMs: 3_000 });
    const webhookId = (await db.pool.query('SELECT webhook_id FROM webhook_deliveries WHERE delivery_id = $1', [deliveryId])).rows[0].webhook_id as string;
    const replayPath = `/v1/webhooks/${webhookId}/deliveries/${deliveryId}/replay`;
    await eventually(async () => expect((await db.pool.query('SELECT status FROM webhook_deliveries WHERE delivery_id = $1', [deliveryId])).rows[0].status).toBe('failed'), 60_000);
    const log = await sys.request('GET', `/v1/webhooks/${webhookId}/deliveries?status=failed`, undefined, await bearer(PROVIDER));
    expect(log.body.deliveries.find((d: { deliveryId: string }) => d.deliveryId === deliveryId)).toMatchObject({ status: 'failed', lastStatus: 503, lastError: 'receiver answered 503' });
    receiver.answer = () => 204;
    // Another organisation cannot see it, let alone replay it.
    expect((await sys.request('POST', replayPath, undefined, await bearer(caller('provider', 'PROV-OTHER')))).status).toBe(404);
    const replay = await sys.request('POST', replayPath, undefined, await bearer(PROVIDER));
    expect([replay.status, replay.body]).toEqual([202, { deliveryId, status: 'pending', replay: 1 }]);
    await eventually(async () => expect((await db.pool.query('SELECT status, replays FROM webhook_deliveries WHERE delivery_id = $1', [deliveryId])).rows[0]).toEqual({ status: 'delivered', replays: 1 }), 60_000);
    // A delivered one is not replayed again.
    expect((await sys.request('POST', replayPath, undefined, await bearer(PROVIDER))).body.code).toBe('delivery_not_failed');
    const ids = verifiedFor(memberId).map((m) => m.id);
    expect(new Set(ids)).toEqual(new Set([deliveryId]));
  });
});
