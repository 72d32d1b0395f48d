/**
 * `GET /v1/reconciliation-items?provider=&open=`: R-DISCONTINUE items from the plans' files. A
 * provider sees its own (naming another provider is refused), a plan those of its members (any
 * provider, or one), ops all. The items name members, so the read is audited per member.
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { listReconciliationItems } from '../../../src/infra/care-record/reconciliation-items';
import { appendAudit } from '../../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { parseQuery } from '../../validation';
import { text } from '../../text';

export const reconciliationItemsQuery = z.strictObject({
  provider: text({ max: 64 }).regex(/^[A-Za-z0-9_.-]+$/, 'a provider ID').optional(),
  open: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export function listReconciliation({ pool }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const principal = callerOf(res);
    const query = parseQuery(reconciliationItemsQuery, req);
    const audit = (outcome: 'allowed' | 'denied', memberIds: readonly string[], reason?: string) =>
      appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, memberIds, action: 'listReconciliationItems', outcome, ...(reason ? { reason } : {}) });
    if (principal.role === 'provider' && query.provider !== undefined && query.provider !== principal.organisation) {
      await audit('denied', [], ApiErrorCode.OrganisationNotAllowed);
      throw new ApiError(ApiErrorCode.OrganisationNotAllowed, 'a provider sees only its own reconciliation items');
    }
    const items = await listReconciliationItems(pool, {
      ...(principal.role === 'provider' ? { providerId: principal.organisation } : query.provider ? { providerId: query.provider } : {}),
      ...(principal.role === 'plan' ? { plan: principal.organisation } : {}),
      ...(query.open ? { open: query.open === 'true' } : {}),
      limit: query.limit,
    });
    await audit('allowed', [...new Set(items.map((i) => i.memberId))]);
    res.json({ items });
  };
}
