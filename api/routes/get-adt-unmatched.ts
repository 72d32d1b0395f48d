/** `GET /v1/adt/unmatched`: ADT messages kept for reconciliation because no open journey took them. */
import type { RequestHandler } from 'express';
import type { RouteDependencies } from '../dependencies';

/** Newest first, optionally for one plan; `limit` up to 500. */
export function getAdtUnmatched({ pool }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const plan = typeof req.query.plan === 'string' ? req.query.plan : undefined;
    const limit = Math.min(Math.max(Number(req.query.limit ?? 100) || 100, 1), 500);
    const { rows } = await pool.query(
      `SELECT control_id AS "messageId", plan, event_type AS "eventType", format, member_id AS "memberId",
              facility_id AS "facilityId", reason, received_at AS "receivedAt", event->'member'->>'cin' AS cin, event->>'visitId' AS "visitId"
       FROM adt_messages WHERE status = 'unmatched' AND ($1::text IS NULL OR plan = $1)
       ORDER BY received_at DESC LIMIT $2`,
      [plan ?? null, limit],
    );
    res.json({ unmatched: rows });
  };
}
