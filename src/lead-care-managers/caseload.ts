/**
 * Lead Care Manager caseloads in the care record. The API reserves a slot before it asks the
 * journey to name a Lead Care Manager, so a 51st member is refused before anything reaches the
 * workflow, and no race can push a caseload past the limit.
 */
import type { Pool, PoolClient } from 'pg';

/** R-CASELOAD-50: at most 50 enrolled members per Lead Care Manager, counted across all plans. */
export const CASELOAD_LIMIT = 50;

/** A request to give a member this Lead Care Manager. */
export interface CaseloadReservation {
  readonly reservationKey: string;
  readonly memberId: string;
  readonly careManagerId: string;
  readonly plan: string;
  readonly providerId: string;
  readonly at: string;
  readonly limit?: number;
}

/** The outcome: the slot is held, or the caseload is full. */
export type ReservationOutcome =
  | { readonly ok: true; readonly caseload: number; readonly replacedCareManagerId?: string }
  | { readonly ok: false; readonly reason: 'caseload_full'; readonly caseload: number; readonly limit: number };

async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Serialises everything about one member and one Lead Care Manager for the transaction. Locks are
 * always taken member first, then Lead Care Manager, so two transactions cannot deadlock.
 */
async function lock(client: PoolClient, memberId: string, careManagerId: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('ecm-member:' || $1))`, [memberId]);
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('ecm-lcm:' || $1))`, [careManagerId]);
}

async function activeCount(client: PoolClient, careManagerId: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM lead_care_manager_assignments WHERE care_manager_id = $1 AND released_at IS NULL',
    [careManagerId],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Holds a slot for the member with this Lead Care Manager (R-CASELOAD-50), replacing the member's
 * previous one in the same transaction (R-ONE-LCM). Idempotent by reservation key.
 */
export async function reserveCaseloadSlot(pool: Pool, r: CaseloadReservation): Promise<ReservationOutcome> {
  const limit = r.limit ?? CASELOAD_LIMIT;
  return inTransaction(pool, async (client) => {
    await lock(client, r.memberId, r.careManagerId);
    const again = await client.query('SELECT 1 FROM lead_care_manager_assignments WHERE reservation_key = $1', [r.reservationKey]);
    if (again.rowCount) return { ok: true, caseload: await activeCount(client, r.careManagerId) };
    const { rows: current } = await client.query<{ care_manager_id: string }>(
      'SELECT care_manager_id FROM lead_care_manager_assignments WHERE member_id = $1 AND released_at IS NULL',
      [r.memberId],
    );
    const previous = current[0]?.care_manager_id;
    if (previous === r.careManagerId) return { ok: true, caseload: await activeCount(client, r.careManagerId) };
    const caseload = await activeCount(client, r.careManagerId);
    if (caseload >= limit) return { ok: false, reason: 'caseload_full', caseload, limit };
    if (previous) {
      await client.query(
        `UPDATE lead_care_manager_assignments SET released_at = $2, release_reason = 'replaced', replaced_by_key = $3
         WHERE member_id = $1 AND released_at IS NULL`,
        [r.memberId, r.at, r.reservationKey],
      );
    }
    await client.query(
      `INSERT INTO lead_care_manager_assignments (reservation_key, member_id, care_manager_id, plan, provider_id, assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [r.reservationKey, r.memberId, r.careManagerId, r.plan, r.providerId, r.at],
    );
    return { ok: true, caseload: caseload + 1, ...(previous ? { replacedCareManagerId: previous } : {}) };
  });
}

/**
 * Undoes a reservation whose naming the journey then refused, restoring the member's previous
 * Lead Care Manager, so a refused action leaves no slot taken. Idempotent.
 */
export async function cancelCaseloadReservation(pool: Pool, reservationKey: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ member_id: string; care_manager_id: string }>(
      'SELECT member_id, care_manager_id FROM lead_care_manager_assignments WHERE reservation_key = $1 AND released_at IS NULL',
      [reservationKey],
    );
    const held = rows[0];
    if (!held) return;
    await lock(client, held.member_id, held.care_manager_id);
    await client.query('DELETE FROM lead_care_manager_assignments WHERE reservation_key = $1', [reservationKey]);
    await client.query(
      `UPDATE lead_care_manager_assignments SET released_at = NULL, release_reason = NULL, replaced_by_key = NULL
       WHERE replaced_by_key = $1`,
      [reservationKey],
    );
  });
}

/** Frees the member's slot with this Lead Care Manager (the journey ended, the provider changed). Idempotent. */
export async function releaseCaseloadSlot(pool: Pool, release: { memberId: string; careManagerId: string; at: string; reason: string }): Promise<void> {
  await pool.query(
    `UPDATE lead_care_manager_assignments SET released_at = $3, release_reason = $4
     WHERE member_id = $1 AND care_manager_id = $2 AND released_at IS NULL`,
    [release.memberId, release.careManagerId, release.at, release.reason],
  );
}

/** The Lead Care Manager's current caseload, across all plans. */
export async function caseloadOf(pool: Pool, careManagerId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM lead_care_manager_assignments WHERE care_manager_id = $1 AND released_at IS NULL',
    [careManagerId],
  );
  return rows[0]?.n ?? 0;
}
