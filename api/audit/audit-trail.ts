/**
 * The audit trail: one append-only row per access decision, written before the decision takes
 * effect (before a record is read, an action sent, or a refusal answered), so no access happens
 * that the trail does not show. What the action did is in `journey_events`, under its idempotency
 * key; the request ID ties the two and the request log together.
 */
import type { Pool } from 'pg';
import type { Principal } from '../../src/infra/auth/principal';

/** One access decision. */
export interface AuditEntry {
  /** The server's request ID, never the client's. */
  readonly requestId: string;
  /** The client's `X-Request-Id`, kept beside the server's (its word only). */
  readonly clientRequestId?: string;
  readonly principal?: Principal;
  /** The members whose record is touched: none for an action on no member, several for a list. */
  readonly memberIds: readonly string[];
  /** The route's operation ID. */
  readonly action: string;
  readonly outcome: 'allowed' | 'denied';
  /** For a denial, the machine-readable reason. */
  readonly reason?: string;
}

/** Appends the decision: one row per member, or one row naming no member. */
export async function appendAudit(pool: Pool, entry: AuditEntry): Promise<void> {
  const members = entry.memberIds.length ? entry.memberIds : [null];
  const p = entry.principal;
  await pool.query(
    `INSERT INTO audit_events (request_id, client_request_id, actor_id, actor_role, actor_org, member_id, action, outcome, reason)
     SELECT $1, $9, $2, $3, $4, m, $5, $6, $7 FROM unnest($8::text[]) AS m`,
    [entry.requestId, p?.subject ?? 'anonymous', p?.role ?? null, p?.organisation ?? null, entry.action, entry.outcome, entry.reason ?? null, members, entry.clientRequestId ?? null],
  );
}
