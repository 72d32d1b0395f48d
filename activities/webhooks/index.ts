/**
 * The webhook activities (issue 14 §3): emitting an event to the organisations it concerns, and
 * the delivery workflow's attempt and bookkeeping. Workflows import the `WebhookActivities` type only.
 */
import type { Pool } from 'pg';
import type { Logger } from '../../src/infra/logger';
import { attemptWebhookDelivery, markWebhookDeliveryFailed } from './attempt-webhook-delivery';
import { emitOrganisationEvent, type OrganisationEvent } from './emit-organisation-event';
import type { WebhookDependencies } from '../../src/infra/webhooks/webhook-dependencies';

export type { OrganisationEvent } from './emit-organisation-event';
export type { WebhookDependencies } from '../../src/infra/webhooks/webhook-dependencies';

/** Builds the webhook activities. Without `webhooks`, events are recorded and never delivered. */
export function createWebhookActivities(pool: Pool, log: Logger, webhooks?: WebhookDependencies) {
  return {
    /** Emits an event (the journey's due-soon warning calls this): one delivery per subscription, its workflow started. */
    emitOrganisationEvent: (event: OrganisationEvent): Promise<{ deliveryIds: string[] }> => emitOrganisationEvent({ pool, log, ...(webhooks ? { webhooks } : {}) }, event),
    attemptWebhookDelivery: (input: { readonly deliveryId: string }): Promise<void> => {
      if (!webhooks) throw new Error('webhook delivery needs the webhook secret key; the worker was built without webhooks');
      return attemptWebhookDelivery(pool, log, webhooks.secretKey, input);
    },
    markWebhookDeliveryFailed: (input: { readonly deliveryId: string }): Promise<void> => markWebhookDeliveryFailed(pool, input),
  };
}

/** The activity interface the delivery workflow proxies. */
export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
