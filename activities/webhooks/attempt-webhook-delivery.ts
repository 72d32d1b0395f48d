/**
 * One attempt at a webhook delivery: the Standard Webhooks message (`webhook-id` = the delivery
 * ID, the same on every attempt and replay; `webhook-timestamp` = this attempt; `webhook-signature`
 * by the `standardwebhooks` library with the subscription's secret), POSTed to the subscription's
 * URL. A 2xx delivers it; anything else is logged and thrown, and Temporal retries with backoff.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { Webhook } from 'standardwebhooks';
import { openSecret } from '../../src/infra/webhooks/secret-box';
import type { Logger } from '../../src/infra/logger';

interface DeliveryRow {
  status: string;
  url: string;
  secret_ciphertext: string;
  deleted_at: Date | null;
  payload: unknown;
}

/** Records one attempt's outcome in the delivery log. */
async function logAttempt(pool: Pool, deliveryId: string, outcome: { status?: number; error?: string; delivered: boolean }): Promise<void> {
  await pool.query(
    `UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = now(), last_status = $2, last_error = $3,
            status = CASE WHEN $4 THEN 'delivered' ELSE status END, delivered_at = CASE WHEN $4 THEN now() ELSE delivered_at END
      WHERE delivery_id = $1`,
    [deliveryId, outcome.status ?? null, outcome.error ?? null, outcome.delivered],
  );
}

/** The attempt. Throws a retryable failure unless the receiver took the message. */
export async function attemptWebhookDelivery(pool: Pool, log: Logger, secretKey: Buffer, { deliveryId }: { readonly deliveryId: string }): Promise<void> {
  const { rows } = await pool.query<DeliveryRow>(
    `SELECT d.status, s.url, s.secret_ciphertext, s.deleted_at, e.payload
       FROM webhook_deliveries d JOIN webhook_subscriptions s USING (webhook_id) JOIN webhook_events e USING (event_key)
      WHERE d.delivery_id = $1`,
    [deliveryId],
  );
  const row = rows[0];
  if (!row) throw ApplicationFailure.nonRetryable(`webhook delivery ${deliveryId} is not in the care record`, 'WebhookDropped');
  // Delivered by an earlier attempt whose completion was lost (a worker crash): nothing to do.
  if (row.status === 'delivered') return;
  if (row.deleted_at) {
    await pool.query(`UPDATE webhook_deliveries SET status = 'failed', last_error = 'subscription deleted' WHERE delivery_id = $1 AND status = 'pending'`, [deliveryId]);
    throw ApplicationFailure.nonRetryable('the subscription was deleted', 'WebhookDropped');
  }
  const body = JSON.stringify(row.payload);
  const sentAt = new Date();
  const signature = new Webhook(openSecret(secretKey, row.secret_ciphertext)).sign(deliveryId, sentAt, body);
  const context = Context.current();
  const timeoutMs = Math.max(1_000, (context.info.startToCloseTimeoutMs ?? 30_000) - 500);
  let status: number | undefined;
  try {
    const res = await fetch(row.url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        'webhook-id': deliveryId,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': signature,
        'user-agent': 'ecm-backbone-webhooks/1',
      },
      body,
      signal: AbortSignal.any([context.cancellationSignal, AbortSignal.timeout(timeoutMs)]),
    });
    status = res.status;
    await res.body?.cancel();
  } catch (err) {
    // The receiver's address and our payload stay out of the log: the error's class says enough.
    const error = `request failed: ${(err as Error).name}${(err as { cause?: { code?: string } }).cause?.code ? ` (${(err as { cause: { code: string } }).cause.code})` : ''}`;
    await logAttempt(pool, deliveryId, { error, delivered: false });
    throw ApplicationFailure.retryable(error, 'WebhookReceiverUnavailable');
  }
  const delivered = status >= 200 && status < 300;
  await logAttempt(pool, deliveryId, { status, delivered, ...(delivered ? {} : { error: `receiver answered ${status}` }) });
  if (!delivered) {
    log.info({ deliveryId, status, attempt: context.info.attempt }, 'webhook not accepted; will retry');
    throw ApplicationFailure.retryable(`receiver answered ${status}`, 'WebhookRejected');
  }
}

/** The retry window closed without a 2xx: the delivery is failed, ready for a replay. */
export async function markWebhookDeliveryFailed(pool: Pool, { deliveryId }: { readonly deliveryId: string }): Promise<void> {
  await pool.query(`UPDATE webhook_deliveries SET status = 'failed' WHERE delivery_id = $1 AND status = 'pending'`, [deliveryId]);
}
