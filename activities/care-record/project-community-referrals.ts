/**
 * Closed-loop referrals (Guide §8.7, §10): the referral's current facts, from the journey's
 * snapshot, written on each 'community-referral' or 'community-referral-status' event and guarded
 * by the snapshot's sequence. The status history itself is the journey's events.
 */
import type { PoolClient } from 'pg';
import type { JourneyEventRecord } from './types';

/** Upserts every referral the snapshot carries; a retry or an older snapshot changes nothing. */
export async function projectCommunityReferrals(client: PoolClient, event: JourneyEventRecord): Promise<void> {
  const journey = event.journey;
  if (!journey?.communityReferrals) return;
  for (const r of journey.communityReferrals) {
    await client.query(
      `INSERT INTO community_referrals (referral_key, community_referral_id, member_id, referred_to, service_type, referred_at,
                                        status, status_at, closure_reason, note, sequence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (referral_key, community_referral_id) DO UPDATE SET
         status = EXCLUDED.status, status_at = EXCLUDED.status_at, closure_reason = EXCLUDED.closure_reason,
         note = EXCLUDED.note, sequence = EXCLUDED.sequence, updated_at = now()
       WHERE community_referrals.sequence < EXCLUDED.sequence`,
      [event.referralKey, r.id, event.memberId, r.referredTo, r.serviceType, r.referredAt, r.status, r.statusAt, r.closureReason ?? null, r.note ?? null, journey.sequence],
    );
  }
}
