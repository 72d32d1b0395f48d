/**
 * Emits an event to the organisations it concerns (issue 14 §3): the event row, one delivery per
 * subscription of those organisations to its type, and the delivery workflows, started from this
 * same activity. Every step is keyed by the event key, so a retried emission (or one repeated
 * after a worker crash) leaves one event, one delivery per subscription, one delivery ID each.
 * Payloads carry identifiers and rule facts only, never PHI.
 */
import type { Pool } from 'pg';
import type { Logger } from '../../src/infra/logger';
import type { WebhookEventType } from '../../src/contracts/webhook-delivery';
import { deliveryIdOf } from './delivery-id';
import { startPendingDeliveries } from '../../src/infra/webhooks/start-deliveries';
import type { WebhookDependencies } from '../../src/infra/webhooks/webhook-dependencies';

/** A value a payload may carry: identifiers, rule IDs, instants, flags. */
export type EventFact = string | number | boolean | null | readonly string[];

/** One event for organisations. */
export interface OrganisationEvent {
  readonly type: WebhookEventType;
  /** What the event is about, stable across retries: e.g. `deadline.due_soon:<referral key>:<deadline key>:<due instant>`. */
  readonly eventKey: string;
  /** ISO 8601 instant the event happened. */
  readonly occurredAt: string;
  /** Who is told: each organisation's subscriptions to `type` get a delivery. */
  readonly organisations: readonly { readonly role: 'plan' | 'provider'; readonly organisation: string }[];
  /** The payload's `data`: identifiers and rule facts only (member ID, rule, deadline key, instants). */
  readonly data: Readonly<Record<string, EventFact>>;
}

/** What webhook emission needs. Without `webhooks` the rows are written and the workflows not started (an outbox). */
export interface EmitterDependencies {
  readonly pool: Pool;
  readonly log: Logger;
  readonly webhooks?: WebhookDependencies;
}

/** Emits the event; answers the delivery IDs (one per matching subscription). */
export async function emitOrganisationEvent({ pool, log, webhooks }: EmitterDependencies, event: OrganisationEvent): Promise<{ deliveryIds: string[] }> {
  const payload = { type: event.type, timestamp: event.occurredAt, data: event.data };
  await pool.query(
    `INSERT INTO webhook_events (event_key, event_type, occurred_at, payload) VALUES ($1, $2, $3, $4) ON CONFLICT (event_key) DO NOTHING`,
    [event.eventKey, event.type, event.occurredAt, payload],
  );
  const { rows } = await pool.query<{ webhook_id: string }>(
    `SELECT s.webhook_id FROM webhook_subscriptions s
       JOIN unnest($1::text[], $2::text[]) AS o (role, organisation) ON o.role = s.role AND o.organisation = s.organisation
      WHERE s.deleted_at IS NULL AND $3 = ANY (s.event_types)`,
    [event.organisations.map((o) => o.role), event.organisations.map((o) => o.organisation), event.type],
  );
  const deliveryIds = rows.map((r) => deliveryIdOf(event.eventKey, r.webhook_id));
  if (rows.length) {
    await pool.query(
      `INSERT INTO webhook_deliveries (delivery_id, webhook_id, event_key)
       SELECT d, w, $3 FROM unnest($1::text[], $2::text[]) AS x (d, w) ON CONFLICT DO NOTHING`,
      [deliveryIds, rows.map((r) => r.webhook_id), event.eventKey],
    );
  }
  if (!webhooks) {
    if (rows.length) log.warn({ eventType: event.type, deliveries: rows.length }, 'webhook deliveries recorded; no Temporal client to start them');
    return { deliveryIds };
  }
  await startPendingDeliveries(pool, webhooks, event.eventKey);
  return { deliveryIds };
}
