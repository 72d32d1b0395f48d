/**
 * `POST/GET/DELETE /v1/webhooks` (issue 14 §3): an organisation's webhook subscriptions. The
 * signing secret (Standard Webhooks `whsec_…`) is answered once, at creation, and kept sealed.
 */
import type { RequestHandler } from 'express';
import { randomBytes } from 'node:crypto';
import { newWebhookSecret, sealSecret, webhookSecretKey } from '../../../src/infra/webhooks/secret-box';
import { callerOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { parseBody } from '../../validation';
import { auditWebhook, ownWebhook } from './webhook-owner';
import { createWebhookBody, urlAllowed } from './webhook-schema';

interface SubscriptionRow {
  webhook_id: string;
  url: string;
  event_types: string[];
  created_at: Date;
  created_by: string;
}

const view = (r: SubscriptionRow) => ({ webhookId: r.webhook_id, url: r.url, eventTypes: r.event_types, createdAt: r.created_at.toISOString(), createdBy: r.created_by, links: { deliveries: `/v1/webhooks/${r.webhook_id}/deliveries` } });

export function createWebhook({ pool, config, webhooks }: RouteDependencies): RequestHandler {
  const key = webhookSecretKey(config.memberIdKey);
  return async (req, res) => {
    const body = parseBody(createWebhookBody, req);
    if (!urlAllowed(body.url, webhooks?.allowLoopbackHttp === true)) {
      throw new ApiError(ApiErrorCode.InvalidBody, '1 field(s) failed validation', { errors: [{ path: 'url', message: 'an https URL without credentials (plain http only to localhost in development)' }] });
    }
    const principal = callerOf(res);
    const secret = newWebhookSecret();
    const { rows } = await pool.query<SubscriptionRow>(
      `INSERT INTO webhook_subscriptions (webhook_id, organisation, role, url, event_types, secret_ciphertext, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING webhook_id, url, event_types, created_at, created_by`,
      [`wh_${randomBytes(16).toString('hex')}`, principal.organisation, principal.role, body.url, body.eventTypes, sealSecret(key, secret), principal.subject],
    );
    await auditWebhook(pool, res, 'createWebhook');
    res.setHeader('Cache-Control', 'no-store').json({ ...view(rows[0]!), secret });
  };
}

export function listWebhooks({ pool }: RouteDependencies): RequestHandler {
  return async (_req, res) => {
    const principal = callerOf(res);
    const { rows } = await pool.query<SubscriptionRow>(
      `SELECT webhook_id, url, event_types, created_at, created_by FROM webhook_subscriptions
        WHERE organisation = $1 AND role = $2 AND deleted_at IS NULL ORDER BY created_at, webhook_id`,
      [principal.organisation, principal.role],
    );
    await auditWebhook(pool, res, 'listWebhooks');
    res.json({ webhooks: rows.map(view) });
  };
}

export function deleteWebhook({ pool }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const { webhookId } = await ownWebhook(pool, req, res, 'deleteWebhook');
    // Kept, not removed: the delivery log still names it. Pending deliveries stop at their next attempt.
    await pool.query('UPDATE webhook_subscriptions SET deleted_at = now() WHERE webhook_id = $1 AND deleted_at IS NULL', [webhookId]);
    await auditWebhook(pool, res, 'deleteWebhook');
    res.json({ webhookId, deleted: true });
  };
}
