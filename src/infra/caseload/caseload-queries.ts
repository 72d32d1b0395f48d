/** Reads of the caseload table: a Lead Care Manager's count, a member's active one, reservations left pending. */
import type { Pool } from 'pg';
import { requireInstant, type CaseloadRow } from './caseload-rows';

/** The member's current, confirmed Lead Care Manager. */
export interface ActiveLeadCareManager {
  readonly careManagerId: string;
  readonly plan: string;
  readonly providerId: string;
  /** ISO 8601, UTC. */
  readonly assignedAt: string;
  readonly reservationKey: string;
}

/** A reservation neither confirmed nor cancelled yet. */
export interface PendingReservation {
  readonly reservationKey: string;
  readonly careManagerId: string;
  readonly memberId: string;
  /** ISO 8601, UTC: when the store recorded it. */
  readonly reservedAt: string;
}

/** R-CASELOAD-50: the members holding a slot with this Lead Care Manager (active or reserved), across all plans. */
export async function caseloadOf(pool: Pool, careManagerId: string): Promise<number> {
  const { rows } = await pool.query<{ caseload: number }>(
    'SELECT count(DISTINCT member_id)::int AS caseload FROM lead_care_manager_caseloads WHERE care_manager_id = $1 AND released_at IS NULL',
    [careManagerId],
  );
  return rows[0]?.caseload ?? 0;
}

/** R-ONE-LCM: the member's one confirmed Lead Care Manager, if any. */
export async function activeLeadCareManagerOf(pool: Pool, memberId: string): Promise<ActiveLeadCareManager | undefined> {
  const { rows } = await pool.query<CaseloadRow>(
    'SELECT * FROM lead_care_manager_caseloads WHERE member_id = $1 AND confirmed_at IS NOT NULL AND released_at IS NULL',
    [memberId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    careManagerId: row.care_manager_id,
    plan: row.plan,
    providerId: row.provider_id,
    assignedAt: row.assigned_at.toISOString(),
    reservationKey: row.reservation_key,
  };
}

/** Reservations recorded before `reservedBefore` and neither confirmed nor cancelled: for a reconciler. */
export async function pendingReservations(pool: Pool, q: { readonly reservedBefore: string }): Promise<PendingReservation[]> {
  requireInstant('reservedBefore', q.reservedBefore);
  const { rows } = await pool.query<{ reservation_key: string; care_manager_id: string; member_id: string; reserved_at: Date }>(
    `SELECT reservation_key, care_manager_id, member_id, reserved_at FROM lead_care_manager_caseloads
      WHERE confirmed_at IS NULL AND reserved_at < $1 ORDER BY reserved_at`,
    [q.reservedBefore],
  );
  return rows.map((row) => ({
    reservationKey: row.reservation_key,
    careManagerId: row.care_manager_id,
    memberId: row.member_id,
    reservedAt: row.reserved_at.toISOString(),
  }));
}
