/**
 * Whose subscription this is. A subscription belongs to one organisation; any other caller is
 * answered as if it did not exist (404), and the decision is audited either way.
 */
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { appendAudit } from '../../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../../auth/caller';
import { ApiError, ApiErrorCode } from '../../problem';
import { safePathParam } from '../../validation';
import { WEBHOOK_ID_PATTERN } from './webhook-schema';

/** Audits an allowed webhook operation (no member is touched). */
export async function auditWebhook(pool: Pool, res: Response, action: string): Promise<void> {
  await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal: callerOf(res), memberIds: [], action, outcome: 'allowed' });
}

/** The path's subscription if it is the caller's organisation's and not deleted; else audited 404. */
export async function ownWebhook(pool: Pool, req: Request, res: Response, action: string): Promise<{ webhookId: string; url: string }> {
  const principal = callerOf(res);
  const webhookId = safePathParam(req, 'webhookId');
  const { rows } = WEBHOOK_ID_PATTERN.test(webhookId)
    ? await pool.query<{ url: string }>('SELECT url FROM webhook_subscriptions WHERE webhook_id = $1 AND organisation = $2 AND role = $3 AND deleted_at IS NULL', [webhookId, principal.organisation, principal.role])
    : { rows: [] };
  if (!rows[0]) {
    await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, memberIds: [], action, outcome: 'denied', reason: 'webhook_not_visible' });
    throw new ApiError(ApiErrorCode.WebhookNotFound, 'no such webhook subscription');
  }
  return { webhookId, url: rows[0].url };
}
