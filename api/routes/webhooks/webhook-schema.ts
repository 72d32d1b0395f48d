/** Request schemas of the webhook routes (issue 14 §3). Strict: unknown fields refused. */
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../../src/contracts/webhook-delivery';
import { safeString } from '../../text';

/** A subscription's ID: `wh_` + 32 hex digits. */
export const WEBHOOK_ID_PATTERN = /^wh_[0-9a-f]{32}$/;
/** A delivery's ID (the Standard Webhooks `webhook-id`): `msg_` + 32 hex digits. */
export const DELIVERY_ID_PATTERN = /^msg_[0-9a-f]{32}$/;

export const createWebhookBody = z.strictObject({
  url: safeString().max(2048).pipe(z.url({ protocol: /^https?$/ })),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length).refine((t) => new Set(t).size === t.length, 'each event type once'),
});

export const listDeliveriesQuery = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: safeString().regex(/^[0-9]{1,18}$/).optional(),
});

/**
 * https only, so payloads and signatures never cross a network in clear; plain http to the
 * machine itself (localhost, 127.0.0.1, ::1) only where the deployment allows it (development).
 */
export function urlAllowed(url: string, allowLoopbackHttp: boolean): boolean {
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:') return true;
  return allowLoopbackHttp && parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}
