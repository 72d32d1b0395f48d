/** The caseload table's row, the per-member lock and the argument checks every caseload operation shares. */
import type { PoolClient } from 'pg';

/** First key of the two-key advisory locks that serialise one member's confirmations and releases ("LCM1"). */
const MEMBER_LOCK_NAMESPACE = 0x4c434d31;

/** A row of `lead_care_manager_caseloads` as node-postgres returns it. */
export interface CaseloadRow {
  reservation_key: string;
  care_manager_id: string;
  member_id: string;
  plan: string;
  provider_id: string;
  assigned_at: Date;
  reserved_caseload: number;
  previous_care_manager_id: string | null;
  confirmed_at: Date | null;
  released_at: Date | null;
}

/** Serialises one member's confirmations and releases for the rest of the transaction. */
export async function lockMember(client: PoolClient, memberId: string): Promise<void> {
  // Hash collisions only make two members wait for each other, never break the rule.
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MEMBER_LOCK_NAMESPACE, memberId]);
}

/** The store is the last line before SQL: a blank ID would file a slot under nobody. */
export function requireText(field: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${field} must be a non-empty string`);
}

/** Parses an ISO 8601 instant argument, refusing one `Date.parse` cannot read. */
export function requireInstant(field: string, value: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${field} must be an ISO 8601 instant, not ${String(value)}`);
  return ms;
}
