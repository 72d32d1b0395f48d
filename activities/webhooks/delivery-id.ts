import { createHash } from 'node:crypto';

/**
 * The delivery's ID, also its Standard Webhooks `webhook-id` and its workflow's ID: a hash of the
 * event key and the subscription, so however often an event is emitted (a retried activity, a
 * worker crash) each subscription has one delivery ID for it.
 */
export function deliveryIdOf(eventKey: string, webhookId: string): string {
  return `msg_${createHash('sha256').update(`${eventKey}\u0000${webhookId}`).digest('hex').slice(0, 32)}`;
}
