/**
 * `GET /v1/webhooks/:webhookId/deliveries` (the delivery log, newest first) and
 * `POST /v1/webhooks/:webhookId/deliveries/:deliveryId/replay` (issue 14 §3): a failed delivery is
 * sent again under the same delivery ID (`webhook-id`), by a new run of its workflow.
 */
import type { RequestHandler } from 'express';
import { startDelivery } from '../../../src/infra/webhooks/start-deliveries';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { parseQuery, safePathParam } from '../../validation';
import { auditWebhook, ownWebhook } from './webhook-owner';
import { DELIVERY_ID_PATTERN, listDeliveriesQuery } from './webhook-schema';

interface DeliveryRow {
  delivery_id: string;
  seq: string;
  status: string;
  attempts: number;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  replays: number;
  created_at: Date;
  event_type: string;
  payload: unknown;
}

export function listWebhookDeliveries({ pool }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const { webhookId } = await ownWebhook(pool, req, res, 'listWebhookDeliveries');
    const q = parseQuery(listDeliveriesQuery, req);
    const { rows } = await pool.query<DeliveryRow>(
      `SELECT d.delivery_id, d.seq, d.status, d.attempts, d.last_attempt_at, d.last_status, d.last_error, d.delivered_at, d.replays, d.created_at, e.event_type, e.payload
         FROM webhook_deliveries d JOIN webhook_events e USING (event_key)
        WHERE d.webhook_id = $1 AND ($2::text IS NULL OR d.status = $2) AND ($3::bigint IS NULL OR d.seq < $3)
        ORDER BY d.seq DESC LIMIT $4`,
      [webhookId, q.status ?? null, q.cursor ?? null, q.limit + 1],
    );
    await auditWebhook(pool, res, 'listWebhookDeliveries');
    const page = rows.slice(0, q.limit);
    res.json({
      deliveries: page.map((r) => ({
        deliveryId: r.delivery_id,
        eventType: r.event_type,
        status: r.status,
        attempts: r.attempts,
        ...(r.last_attempt_at ? { lastAttemptAt: r.last_attempt_at.toISOString() } : {}),
        ...(r.last_status !== null ? { lastStatus: r.last_status } : {}),
        ...(r.last_error ? { lastError: r.last_error } : {}),
        ...(r.delivered_at ? { deliveredAt: r.delivered_at.toISOString() } : {}),
        replays: r.replays,
        createdAt: r.created_at.toISOString(),
        payload: r.payload,
      })),
      ...(rows.length > q.limit ? { nextCursor: page.at(-1)!.seq } : {}),
    });
  };
}

export function replayWebhookDelivery({ pool, journeys, webhooks }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const { webhookId } = await ownWebhook(pool, req, res, 'replayWebhookDelivery');
    const deliveryId = safePathParam(req, 'deliveryId');
    const found = DELIVERY_ID_PATTERN.test(deliveryId)
      ? (await pool.query<{ status: string }>('SELECT status FROM webhook_deliveries WHERE delivery_id = $1 AND webhook_id = $2', [deliveryId, webhookId])).rows[0]
      : undefined;
    if (!found) throw new ApiError(ApiErrorCode.WebhookNotFound, 'no such delivery of this webhook');
    // One replay at a time: only a failed delivery goes back to pending, and the update says which replay this is.
    const { rows } = await pool.query<{ replays: number }>(
      `UPDATE webhook_deliveries SET status = 'pending', replays = replays + 1 WHERE delivery_id = $1 AND status = 'failed' RETURNING replays`,
      [deliveryId],
    );
    if (!rows[0]) throw new ApiError(ApiErrorCode.DeliveryNotFailed, `the delivery is ${found.status}; only a failed delivery can be replayed`);
    await startDelivery({ client: journeys.client, taskQueue: webhooks?.taskQueue ?? journeys.taskQueue, secretKey: Buffer.alloc(0), ...(webhooks?.retry ? { retry: webhooks.retry } : {}) }, deliveryId, rows[0].replays);
    await auditWebhook(pool, res, 'replayWebhookDelivery');
    res.status(202).json({ deliveryId, status: 'pending', replay: rows[0].replays });
  };
}
