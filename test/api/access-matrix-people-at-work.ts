/**
 * The access matrix's states and calls for issue 14's routes (worklist, contact and lookup,
 * webhooks), kept beside access-matrix.test.ts so that file stays about the matrix itself.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Principal } from '../../src/infra/auth/principal';
import { assignedJourney, iso } from '../support/journey-test';
import { referralBody, uniqueCin } from '../support/referrals';
import { bearer, type TestSystem } from '../support/test-system';

/** What a call of these routes needs. */
export interface PeopleAtWorkTarget {
  readonly memberId?: string;
  readonly cin?: string;
  readonly webhookId?: string;
  readonly deliveryId?: string;
}

const nowIso = async (sys: TestSystem) => iso(await sys.now());
const NO_WEBHOOK = `wh_${'0'.repeat(32)}`;

/** The member and subscription states these routes start from. */


let receiver: Promise<Server> | undefined;

/** A loopback receiver answering 204 to everything, started once and never holding the process open. */
async function acceptingReceiver(): Promise<string> {
  receiver ??= new Promise<Server>((resolve) => {
    const server = createServer((req, res) => {
      req.resume();
      res.writeHead(204).end();
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
    server.unref();
  });
  const { port } = (await receiver).address() as AddressInfo;
  return `http://127.0.0.1:${port}/ecm`;
}

export function peopleAtWorkStates(PLAN: Principal, PROVIDER: Principal) {
  const states = {
  /** Assigned to the own provider, its CIN known (POST /v1/members/search). */
  assignedWithCin: async (sys: TestSystem): Promise<PeopleAtWorkTarget> => {
    const at = await nowIso(sys);
    const cin = uniqueCin();
    return { memberId: await assignedJourney(sys, at, at, PROVIDER.organisation, { member: { ...(referralBody(at).member as object), cin } }), cin };
  },
  /**
   * A webhook subscription of the own plan (to an event no test emits). Its receiver is a live
   * loopback one that takes every delivery: a replayed delivery then ends at once. A receiver that
   * refused would leave its delivery workflow retrying, and on the time-skipping server a retrying
   * activity moves the clock, under the later tests' feet.
   */
  webhook: async (sys: TestSystem): Promise<PeopleAtWorkTarget> => {
    const res = await sys.request('POST', '/v1/webhooks', { url: await acceptingReceiver(), eventTypes: ['reconciliation.opened'] }, await bearer(PLAN));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { webhookId: res.body.webhookId };
  },
  /** A failed delivery of the own plan's subscription, ready to replay. */
  failedDelivery: async (sys: TestSystem): Promise<PeopleAtWorkTarget> => {
    const { webhookId } = await states.webhook(sys);
    const eventKey = `matrix:${randomUUID()}`;
    const deliveryId = `msg_${randomUUID().replace(/-/g, '')}`;
    await sys.pool.query(`INSERT INTO webhook_events (event_key, event_type, occurred_at, payload) VALUES ($1, 'reconciliation.opened', now(), '{}')`, [eventKey]);
    await sys.pool.query(`INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_key, status) VALUES ($1, $2, $3, 'failed')`, [deliveryId, webhookId, eventKey]);
    return { webhookId, deliveryId };
  },
  };
  return states;
}

/** How to call each of these operations successfully, from the state it needs. */
export const PEOPLE_AT_WORK_FIXTURES = {
  listWorklist: { from: 'assigned', call: () => ({ path: '/v1/worklist?limit=200' }) },
  searchMembers: { from: 'assignedWithCin', call: (t) => ({ path: '/v1/members/search', body: { plan: 'LA-CARE', cin: t.cin ?? '00000000Z' } }) },
  getMemberContact: { from: 'assigned', call: () => ({ path: 'contact' }) },
  recordContactPreferences: { from: 'assigned', call: (_t, at) => ({ path: 'contact-preferences', body: { at, preferences: { methods: ['phone'] } } }) },
  createWebhook: { from: 'none', call: () => ({ path: '/v1/webhooks', body: { url: 'https://hooks.example.org/ecm', eventTypes: ['reconciliation.opened'] } }) },
  listWebhooks: { from: 'none', call: () => ({ path: '/v1/webhooks' }) },
  deleteWebhook: { from: 'webhook', call: (t) => ({ path: `/v1/webhooks/${t.webhookId ?? NO_WEBHOOK}` }) },
  listWebhookDeliveries: { from: 'webhook', call: (t) => ({ path: `/v1/webhooks/${t.webhookId ?? NO_WEBHOOK}/deliveries` }) },
  replayWebhookDelivery: { from: 'failedDelivery', call: (t) => ({ path: `/v1/webhooks/${t.webhookId ?? NO_WEBHOOK}/deliveries/${t.deliveryId ?? `msg_${'0'.repeat(32)}`}/replay` }) },
} as const satisfies Record<string, { readonly from: string; readonly call: (t: PeopleAtWorkTarget, at: string) => { readonly path: string; readonly body?: Record<string, unknown> } }>;
