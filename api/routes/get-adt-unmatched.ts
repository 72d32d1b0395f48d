/** `GET /v1/adt/unmatched`: ADT messages kept for reconciliation because no open journey took them. */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../auth/caller';
import type { RouteDependencies } from '../dependencies';
import { parseQuery } from '../validation';
import { safeString } from '../text';
import { ORGANISATION_CODE_PATTERN } from '../../src/infra/identity';

/** Optionally one plan (a plan caller always sees only its own); `limit` up to 500. */
export const listUnmatchedAdtQuery = z.strictObject({
  plan: safeString().regex(ORGANISATION_CODE_PATTERN).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Newest first; audited per message, before the answer. */
export function getAdtUnmatched({ pool }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const query = parseQuery(listUnmatchedAdtQuery, req);
    const principal = callerOf(res);
    const plan = principal.role === 'plan' ? principal.organisation : (query.plan ?? null);
    const { rows } = await pool.query<{ memberId: string } & Record<string, unknown>>(
      `SELECT control_id AS "messageId", plan, event_type AS "eventType", format, member_id AS "memberId",
              facility_id AS "facilityId", reason, received_at AS "receivedAt", event->'member'->>'cin' AS cin, event->>'visitId' AS "visitId"
       FROM adt_messages WHERE status = 'unmatched' AND ($1::text IS NULL OR plan = $1)
       ORDER BY received_at DESC LIMIT $2`,
      [plan, query.limit],
    );
    // Each message names its member by CIN: every one the caller is about to see is in the audit
    // trail first, one row per message naming the member its CIN derives (like GET /v1/members).
    if (rows.length) {
      await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, memberIds: rows.map((r) => r.memberId), action: 'listUnmatchedAdt', outcome: 'allowed' });
    }
    res.json({ unmatched: rows });
  };
}
