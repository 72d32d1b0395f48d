/** R-CASELOAD-50: freeing a Lead Care Manager's slot when the member's assignment ends. */
import type { Pool } from 'pg';
import { inTransaction } from '../db/transaction';
import { lockMember, requireInstant, requireText } from './caseload-rows';

/** A release of the member's active assignment. */
export interface LeadCareManagerRelease {
  readonly memberId: string;
  /** ISO 8601. */
  readonly at: string;
  /** E.g. `discontinued`, `graduated`, `provider changed`. */
  readonly reason: string;
  /** Release only if this is the member's active Lead Care Manager (a stale release is then a no-op). */
  readonly careManagerId?: string;
  /** Release only if the active assignment came from this reservation. */
  readonly reservationKey?: string;
}

/** What {@link releaseLeadCareManager} did. */
export type ReleaseOutcome = { readonly released: false } | { readonly released: true; readonly careManagerId: string };

/**
 * Releases the member's active assignment (the member left ECM, the provider changed), freeing
 * the slot. Reservations still pending are settled by their own confirm or cancel. Idempotent.
 */
export async function releaseLeadCareManager(pool: Pool, r: LeadCareManagerRelease): Promise<ReleaseOutcome> {
  requireText('memberId', r.memberId);
  requireText('reason', r.reason);
  requireInstant('at', r.at);
  return inTransaction(pool, async (client) => {
    await lockMember(client, r.memberId);
    const { rows } = await client.query<{ care_manager_id: string }>(
      `UPDATE lead_care_manager_caseloads SET released_at = $2, release_reason = $3
        WHERE member_id = $1 AND confirmed_at IS NOT NULL AND released_at IS NULL
          AND ($4::text IS NULL OR care_manager_id = $4)
          AND ($5::text IS NULL OR reservation_key = $5)
        RETURNING care_manager_id`,
      [r.memberId, r.at, r.reason, r.careManagerId ?? null, r.reservationKey ?? null],
    );
    const careManagerId = rows[0]?.care_manager_id;
    return careManagerId === undefined ? { released: false } : { released: true, careManagerId };
  });
}
