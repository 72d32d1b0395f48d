/**
 * Whose member this is, from the care record: the plan of the member's latest journey, the
 * provider currently assigned and the Lead Care Manager. Access checks read this and never
 * Temporal, so an access decision costs one indexed query.
 */
import type { Pool } from 'pg';
import type { Principal } from '../../src/infra/auth/principal';

/** The parties of a member's latest journey. */
export interface MemberParties {
  readonly plan: string;
  readonly providerId?: string;
  readonly careManagerId?: string;
}

/** The member's parties, or undefined when the care record has no journey for them. */
export async function memberParties(pool: Pool, memberId: string): Promise<MemberParties | undefined> {
  const { rows } = await pool.query<{ plan: string; provider_id: string | null; care_manager_id: string | null }>(
    `SELECT plan, provider_id, care_manager_id FROM member_journeys
     WHERE member_id = $1 ORDER BY received_at DESC, referral_key LIMIT 1`,
    [memberId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { plan: row.plan, ...(row.provider_id ? { providerId: row.provider_id } : {}), ...(row.care_manager_id ? { careManagerId: row.care_manager_id } : {}) };
}

/**
 * Whether the caller may see the member at all: a plan its own members, a provider the members
 * currently assigned to it, ops everyone.
 */
export function canSee(principal: Principal, parties: MemberParties): boolean {
  switch (principal.role) {
    case 'ops':
      return true;
    case 'plan':
      return parties.plan === principal.organisation;
    case 'provider':
      return parties.providerId === principal.organisation;
  }
}
