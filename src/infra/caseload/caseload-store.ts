/**
 * Lead Care Manager caseloads in the care record (R-CASELOAD-50, R-ONE-LCM): this module names a
 * Lead Care Manager; caseload-release.ts frees a slot, caseload-queries.ts reads the caseloads.
 *
 * Two phases, so that no race and no refused naming can push a Lead Care Manager past the limit:
 *
 * 1. {@link reserveLeadCareManager}: the API holds a slot BEFORE it sends the naming to the
 *    member's journey. A 51st member is refused here with a reason, and the journey's history is
 *    untouched. The slot is a pending row that counts against the new Lead Care Manager at once;
 *    the member's current Lead Care Manager (if any) keeps theirs for now.
 * 2. Then exactly one of:
 *    - {@link confirmLeadCareManager}: the journey accepted the naming; its activity makes the
 *      pending row the member's one active assignment and releases the previous one as
 *      `replaced`, in one transaction (R-ONE-LCM);
 *    - {@link cancelReservation}: the journey refused it; the API deletes the pending row. The
 *      previous assignment was never touched, so there is nothing to restore and nothing that a
 *      reservation made meanwhile could have taken from it.
 *
 * Why not replace the previous Lead Care Manager already at reservation (one phase)? Its freed
 * slot could then be taken by another member before a refused naming is cancelled, and restoring
 * the previous assignment would make 51 (or, not restoring it, leave the member with none).
 *
 * A naming the journey accepted must be confirmed before the journey releases it: the journey
 * runs its effects in order, so confirming as an effect of the naming guarantees this. The API may
 * also confirm after a successful Update (confirming is idempotent). A reservation left pending by
 * a crash between reserving and naming keeps its slot (the safe side) until a retry with the same
 * key settles it or a reconciler finds it with `pendingReservations` (caseload-queries.ts).
 *
 * Locking (see migrations/1795420900000_caseload.sql): a reservation locks its Lead Care
 * Manager's row in `lead_care_managers`, then counts and inserts in the same transaction; confirm
 * and release take a per-member advisory lock. Every transaction takes at most one of these.
 */
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../db/transaction';
import { lockMember, requireInstant, requireText, type CaseloadRow } from './caseload-rows';

/** R-CASELOAD-50: a Lead Care Manager has at most 50 enrolled members, counted across all plans (Guide §4.6). */
export const CASELOAD_LIMIT = 50;

/** A request to name `careManagerId` as the member's Lead Care Manager. */
export interface LeadCareManagerReservation {
  readonly careManagerId: string;
  readonly memberId: string;
  readonly plan: string;
  readonly providerId: string;
  /** The naming instant (ISO 8601), the action's `at`. */
  readonly at: string;
  /**
   * Globally unique idempotency key of the naming, e.g. `${memberId}:${actionKey}`. The same key
   * again answers the first successful outcome without a second row.
   */
  readonly reservationKey: string;
  /** Default {@link CASELOAD_LIMIT}. */
  readonly limit?: number;
}

/** Whether the slot is held. A refusal stores nothing, so a retry is judged afresh. */
export type ReservationOutcome =
  | {
      readonly ok: true;
      /** The Lead Care Manager's caseload including this member. */
      readonly caseload: number;
      /** The member's active Lead Care Manager when reserved, replaced once the naming is confirmed. */
      readonly replacedCareManagerId?: string;
    }
  | { readonly ok: false; readonly reason: 'caseload_full'; readonly caseload: number; readonly limit: number };

/** What {@link confirmLeadCareManager} did. */
export type ConfirmOutcome =
  | { readonly confirmed: true; readonly careManagerId: string; readonly replacedCareManagerId?: string }
  | { readonly confirmed: false; readonly reason: 'not_found' };

/** What {@link cancelReservation} did: `confirmed` means the journey accepted it, so it stays. */
export type CancelOutcome = { readonly outcome: 'cancelled' | 'not_found' | 'confirmed' };

/** A reservation key used again for a different naming: a caller bug, never an answer. */
export class ReservationKeyConflictError extends Error {
  override readonly name = 'ReservationKeyConflictError';
  constructor(readonly reservationKey: string) {
    super(`reservation key ${reservationKey} was already used for a different Lead Care Manager naming`);
  }
}

const RESERVATION_KEY_CONSTRAINT = 'lead_care_manager_caseloads_reservation_key_key';

/**
 * R-CASELOAD-50: holds a slot with the Lead Care Manager for the member, or refuses with
 * `caseload_full`. A member who already holds a slot with this Lead Care Manager (active, or
 * another reservation in flight) takes no second one; the reservation is still recorded so that
 * its naming can be confirmed or cancelled on its own.
 */
export async function reserveLeadCareManager(pool: Pool, r: LeadCareManagerReservation): Promise<ReservationOutcome> {
  for (const [field, value] of [
    ['careManagerId', r.careManagerId],
    ['memberId', r.memberId],
    ['plan', r.plan],
    ['providerId', r.providerId],
    ['reservationKey', r.reservationKey],
  ] as const) {
    requireText(field, value);
  }
  const atMs = requireInstant('at', r.at);
  const limit = r.limit ?? CASELOAD_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, not ${limit}`);

  // One retry: the same key reserved at the same moment for another Lead Care Manager (so under
  // another lock) collides on the key; the retry then sees the first row and reports the conflict.
  for (let attempt = 0; ; attempt++) {
    try {
      return await inTransaction(pool, (client) => reserveLocked(client, r, atMs, limit));
    } catch (err) {
      if (attempt === 0 && (err as { constraint?: string }).constraint === RESERVATION_KEY_CONSTRAINT) continue;
      throw err;
    }
  }
}

async function reserveLocked(client: PoolClient, r: LeadCareManagerReservation, atMs: number, limit: number): Promise<ReservationOutcome> {
  // The lock: every reservation for this Lead Care Manager waits here for the one before it.
  await client.query('INSERT INTO lead_care_managers (care_manager_id) VALUES ($1) ON CONFLICT DO NOTHING', [r.careManagerId]);
  await client.query('SELECT 1 FROM lead_care_managers WHERE care_manager_id = $1 FOR UPDATE', [r.careManagerId]);

  const { rows: earlier } = await client.query<CaseloadRow>('SELECT * FROM lead_care_manager_caseloads WHERE reservation_key = $1', [r.reservationKey]);
  const replay = earlier[0];
  if (replay) {
    const same =
      replay.member_id === r.memberId &&
      replay.care_manager_id === r.careManagerId &&
      replay.plan === r.plan &&
      replay.provider_id === r.providerId &&
      replay.assigned_at.getTime() === atMs;
    if (!same) throw new ReservationKeyConflictError(r.reservationKey);
    return okOutcome(replay.reserved_caseload, replay.previous_care_manager_id);
  }

  const { rows: counted } = await client.query<{ caseload: number; holds: boolean | null }>(
    `SELECT count(DISTINCT member_id)::int AS caseload, bool_or(member_id = $2) AS holds
       FROM lead_care_manager_caseloads
      WHERE care_manager_id = $1 AND released_at IS NULL`,
    [r.careManagerId, r.memberId],
  );
  const current = counted[0]?.caseload ?? 0;
  const holds = counted[0]?.holds === true;
  if (!holds && current >= limit) return { ok: false, reason: 'caseload_full', caseload: current, limit };
  const caseload = holds ? current : current + 1;

  const { rows: active } = await client.query<{ care_manager_id: string }>(
    `SELECT care_manager_id FROM lead_care_manager_caseloads
      WHERE member_id = $1 AND confirmed_at IS NOT NULL AND released_at IS NULL`,
    [r.memberId],
  );
  const activeId = active[0]?.care_manager_id;
  const previous = activeId !== undefined && activeId !== r.careManagerId ? activeId : null;

  await client.query(
    `INSERT INTO lead_care_manager_caseloads
       (reservation_key, care_manager_id, member_id, plan, provider_id, assigned_at, reserved_caseload, previous_care_manager_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [r.reservationKey, r.careManagerId, r.memberId, r.plan, r.providerId, r.at, caseload, previous],
  );
  return okOutcome(caseload, previous);
}

function okOutcome(caseload: number, previous: string | null): ReservationOutcome {
  return { ok: true, caseload, ...(previous !== null ? { replacedCareManagerId: previous } : {}) };
}

/**
 * R-ONE-LCM: the journey accepted the naming; the reservation becomes the member's one active
 * Lead Care Manager and the previous one is released as `replaced`, effective at the naming
 * instant. Idempotent: a confirmed (or since released) reservation answers `confirmed` again.
 */
export async function confirmLeadCareManager(pool: Pool, c: { readonly reservationKey: string }): Promise<ConfirmOutcome> {
  requireText('reservationKey', c.reservationKey);
  const { rows: found } = await pool.query<{ member_id: string }>('SELECT member_id FROM lead_care_manager_caseloads WHERE reservation_key = $1', [c.reservationKey]);
  const memberId = found[0]?.member_id;
  if (memberId === undefined) return { confirmed: false, reason: 'not_found' };

  return inTransaction(pool, async (client) => {
    await lockMember(client, memberId);
    const { rows } = await client.query<CaseloadRow>('SELECT * FROM lead_care_manager_caseloads WHERE reservation_key = $1', [c.reservationKey]);
    const row = rows[0];
    if (!row) return { confirmed: false, reason: 'not_found' }; // cancelled meanwhile
    if (row.confirmed_at) {
      const { rows: replaced } = await client.query<{ care_manager_id: string }>(
        'SELECT care_manager_id FROM lead_care_manager_caseloads WHERE replaced_by_key = $1 ORDER BY id DESC LIMIT 1',
        [c.reservationKey],
      );
      return confirmedOutcome(row.care_manager_id, replaced[0]?.care_manager_id);
    }
    const { rows: released } = await client.query<{ care_manager_id: string }>(
      `UPDATE lead_care_manager_caseloads
          SET released_at = $2, release_reason = 'replaced', replaced_by_key = $3
        WHERE member_id = $1 AND confirmed_at IS NOT NULL AND released_at IS NULL
        RETURNING care_manager_id`,
      [memberId, row.assigned_at, c.reservationKey],
    );
    await client.query('UPDATE lead_care_manager_caseloads SET confirmed_at = now() WHERE reservation_key = $1', [c.reservationKey]);
    return confirmedOutcome(row.care_manager_id, released[0]?.care_manager_id);
  });
}

/** A naming of the same Lead Care Manager again replaces the row but not the person: no `replacedCareManagerId`. */
function confirmedOutcome(careManagerId: string, replacedId: string | undefined): ConfirmOutcome {
  return { confirmed: true, careManagerId, ...(replacedId !== undefined && replacedId !== careManagerId ? { replacedCareManagerId: replacedId } : {}) };
}

/**
 * The journey refused the naming: the pending reservation is deleted, so a refused action leaves
 * no slot taken, and the member's previous Lead Care Manager, never touched, stays. A confirmed
 * reservation is not cancelled (release it instead). Idempotent.
 */
export async function cancelReservation(pool: Pool, c: { readonly reservationKey: string }): Promise<CancelOutcome> {
  requireText('reservationKey', c.reservationKey);
  const deleted = await pool.query('DELETE FROM lead_care_manager_caseloads WHERE reservation_key = $1 AND confirmed_at IS NULL', [c.reservationKey]);
  if (deleted.rowCount) return { outcome: 'cancelled' };
  const kept = await pool.query('SELECT 1 FROM lead_care_manager_caseloads WHERE reservation_key = $1', [c.reservationKey]);
  return { outcome: kept.rowCount ? 'confirmed' : 'not_found' };
}
