/**
 * The due-soon warning (issue 14 §3) on the time-skipping server: a timer named after its rule
 * fires at the deadline's due-soon instant, and `deadline.due_soon` reaches real HTTP receivers of
 * the plan and the assigned provider, signed per Standard Webhooks and verified with the library,
 * before the deadline is due. A deadline settled before its due-soon instant is never warned of.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { actAt, assignedJourney, deadlineOf, eventually, iso, useJourneySystem } from '../support/journey-test';
import { bearer, caller, TEST_PAYLOAD_KEYS, type TestSystem } from '../support/test-system';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

// Accepted Wed 2030-11-13 09:00 PT: R-LCM-72H due Sat 2030-11-16 09:00 PT, due soon 24 h before.
const ACCEPTED = '2030-11-13T09:00:00.000-08:00';
const LCM_DUE = '2030-11-16T09:00:00.000-08:00';
const DUE_SOON = '2030-11-15T09:00:00.000-08:00';
const SUMMARY = 'R-LCM-72H due-soon 2030-11-15T09:00-08:00';
const RETRY = { initialIntervalMs: 200, maximumIntervalMs: 1_000, attemptTimeoutMs: 3_000, giveUpAfterMs: 24 * 3_600_000 };
const codec = encryptingDataConverter(TEST_PAYLOAD_KEYS).payloadCodecs![0]!;

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
const millis = (t: { seconds?: unknown; nanos?: number | null }): number => Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);

/** The journey's history with each timer's summary decoded (summaries are sealed by the codec, as every payload). */
async function timersOf(sys: TestSystem, memberId: string): Promise<{ events: HistoryEvent[]; started: { timerId: string; summary: string; event: HistoryEvent }[] }> {
  const history = await sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId)).fetchHistory();
  const events = history.events ?? [];
  const started = [];
  for (const event of events) {
    const summary = event.userMetadata?.summary;
    if (!event.timerStartedEventAttributes || !summary) continue;
    const [plain] = await codec.decode([summary]);
    started.push({ timerId: event.timerStartedEventAttributes.timerId!, summary: defaultPayloadConverter.fromPayload<string>(plain!), event });
  }
  return { events, started };
}

/** The due-soon timer of R-LCM-72H, once the journey has started it. */
async function dueSoonTimer(sys: TestSystem, memberId: string) {
  return eventually(async () => {
    const timers = await timersOf(sys, memberId);
    const timer = timers.started.find((t) => t.summary === SUMMARY);
    expect(timer, JSON.stringify(timers.started.map((t) => t.summary))).toBeDefined();
    return { ...timer!, events: timers.events };
  });
}

describe('due-soon warnings', () => {
  const { sys, db } = useJourneySystem({ webhooks: { retry: RETRY } });
  let planReceiver: WebhookReceiver;
  let providerReceiver: WebhookReceiver;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    planReceiver = await startWebhookReceiver();
    providerReceiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await planReceiver?.stop();
    await providerReceiver?.stop();
  });

  /** The plan's and the provider's subscriptions to `deadline.due_soon` (kept in the file's database). */
  async function subscribe(): Promise<void> {
    if (secrets.plan) return;
    for (const [who, principal, receiver] of [['plan', caller('plan', 'LA-CARE'), planReceiver], ['provider', caller('provider', 'PROV-ACME'), providerReceiver]] as const) {
      const res = await sys().request('POST', '/v1/webhooks', { url: receiver.url, eventTypes: ['deadline.due_soon'] }, await bearer(principal));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      secrets[who] = res.body.secret;
    }
  }

  /** The verified due-soon warnings a receiver got for a member (each signature checked by the library). */
  function warnings(receiver: WebhookReceiver, secret: string, memberId: string) {
    return receiver.received
      .map((r) => ({ body: r.body, payload: new Webhook(secret).verify(r.body, r.headers) as { type: string; timestamp: string; data: Record<string, unknown> } }))
      .filter((m) => m.payload.type === 'deadline.due_soon' && m.payload.data.memberId === memberId);
  }

  async function acceptedJourney(): Promise<string> {
    await subscribe();
    const memberId = await assignedJourney(sys(), ACCEPTED, ACCEPTED);
    expect((await actAt(sys(), memberId, '/assignment/response', ACCEPTED, { response: 'accepted', at: ACCEPTED })).status).toBe(200);
    expect((await deadlineOf(sys(), memberId, 'R-LCM-72H')).dueAt).toBe(LCM_DUE);
    return memberId;
  }

  const eventKeyOf = async (memberId: string): Promise<string> => {
    const { rows } = await db().pool.query<{ referral_key: string }>('SELECT referral_key FROM member_journeys WHERE member_id = $1', [memberId]);
    return `deadline.due_soon:${rows[0]!.referral_key}:R-LCM-72H:${Date.parse(LCM_DUE)}`;
  };

  it('R-LCM-72H: the warning timer fires exactly at the due-soon instant, not a minute before, and plan and provider get a signed deadline.due_soon before the deadline', async () => {
    const memberId = await acceptedJourney();
    const timer = await dueSoonTimer(sys(), memberId);
    // The edge: the timer is set to fire at the due-soon instant to the millisecond, counted from
    // the workflow's clock when it was started (the workflow task's start).
    const taskStarted = timer.events.filter((e) => e.workflowTaskStartedEventAttributes && Number(e.eventId) < Number(timer.event.eventId)).at(-1)!;
    const fireMs = millis(taskStarted.eventTime!) + millis(timer.event.timerStartedEventAttributes!.startToFireTimeout!);
    expect(fireMs).toBe(Date.parse(DUE_SOON));

    // One minute before: nothing has fired, nothing is recorded, nothing delivered.
    await sys().skipTo(Date.parse(DUE_SOON) - 60_000);
    const before = await timersOf(sys(), memberId);
    expect(before.events.some((e) => e.timerFiredEventAttributes?.timerId === timer.timerId)).toBe(false);
    expect((await db().pool.query('SELECT 1 FROM webhook_events WHERE event_key = $1', [await eventKeyOf(memberId)])).rowCount).toBe(0);
    expect(warnings(planReceiver, secrets.plan!, memberId)).toEqual([]);
    // The observation was made while the server's clock was still before the instant.
    expect(await sys().now()).toBeLessThan(Date.parse(DUE_SOON));

    // At the instant: delivered to both, the deadline still open.
    await sys().skipTo(Date.parse(DUE_SOON));
    const [toPlan] = await vi.waitFor(() => {
      const got = warnings(planReceiver, secrets.plan!, memberId);
      expect(got).toHaveLength(1);
      return got;
    }, { timeout: 30_000, interval: 100 });
    await vi.waitFor(() => expect(warnings(providerReceiver, secrets.provider!, memberId)).toHaveLength(1), { timeout: 30_000, interval: 100 });
    expect(toPlan!.payload.data).toEqual({
      memberId, plan: 'LA-CARE', providerId: 'PROV-ACME', rule: 'R-LCM-72H', deadlineKey: 'R-LCM-72H', responsibleParty: 'provider', dueAt: LCM_DUE, dueSoonAt: DUE_SOON,
    });
    expect(Date.parse(toPlan!.payload.timestamp)).toBe(Date.parse(DUE_SOON));
    expect(Date.parse(toPlan!.payload.timestamp)).toBeLessThan(Date.parse(LCM_DUE));
    expect((await deadlineOf(sys(), memberId, 'R-LCM-72H')).status).toBe('open');
    expect((await timersOf(sys(), memberId)).events.some((e) => e.timerFiredEventAttributes?.timerId === timer.timerId)).toBe(true);
    // A forged signature is refused by the same library.
    expect(() => new Webhook(secrets.provider!).verify(toPlan!.body, planReceiver.received.at(-1)!.headers)).toThrow();
  });

  it('R-LCM-72H: a Lead Care Manager named a minute before the due-soon instant settles the deadline; its warning timer is cancelled and nothing is sent', async () => {
    const memberId = await acceptedJourney();
    const timer = await dueSoonTimer(sys(), memberId);
    const at = iso(Date.parse(DUE_SOON) - 60_000);
    expect((await actAt(sys(), memberId, '/lead-care-manager', at, { careManagerId: 'LCM-0042', at })).status).toBe(200);
    await eventually(async () => expect((await timersOf(sys(), memberId)).events.some((e) => e.timerCanceledEventAttributes?.timerId === timer.timerId)).toBe(true));
    await sys().skipTo(Date.parse(LCM_DUE) + 60_000);
    expect((await deadlineOf(sys(), memberId, 'R-LCM-72H')).status).toBe('met');
    const { events } = await timersOf(sys(), memberId);
    expect(events.some((e) => e.timerFiredEventAttributes?.timerId === timer.timerId)).toBe(false);
    expect((await db().pool.query('SELECT 1 FROM webhook_events WHERE event_key = $1', [await eventKeyOf(memberId)])).rowCount).toBe(0);
  });
});
