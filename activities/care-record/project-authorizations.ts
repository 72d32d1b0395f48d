/**
 * The plan's authorization and the authorization periods, from the journey's snapshot. Both are
 * current facts rather than events (a reauthorization adds a period; a deemed or corrected
 * decision replaces the row), so each write upserts and the snapshot's sequence decides: an older
 * snapshot delivered late leaves the newer row alone, and a retry (same sequence) changes nothing.
 */
import type { PoolClient } from 'pg';
import type { JourneySnapshot } from '../../src/core/domain/care-record-snapshot';
import type { JourneyEventRecord } from './types';

/**
 * Writes `authorizations` (R-AUTH-PRESUMPTIVE, R-DENIAL-NOA: decision, when, presumptive, reason)
 * and `authorization_periods` (R-AUTH-12M for the initial period, R-REAUTH-6M for each
 * reauthorization) from the journey's snapshot.
 */
export async function projectAuthorization(client: PoolClient, event: JourneyEventRecord, journey: JourneySnapshot): Promise<void> {
  const { authorization: decision, authorizationPeriods: periods } = journey;
  if (decision) {
    await client.query(
      `INSERT INTO authorizations (referral_key, member_id, decision, decided_at, presumptive, reason, sequence)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (referral_key) DO UPDATE SET
         decision = EXCLUDED.decision, decided_at = EXCLUDED.decided_at, presumptive = EXCLUDED.presumptive,
         reason = EXCLUDED.reason, sequence = EXCLUDED.sequence, updated_at = now()
       WHERE authorizations.sequence < EXCLUDED.sequence`,
      [event.referralKey, event.memberId, decision.decision, decision.decidedAt, decision.presumptive, decision.reason ?? null, journey.sequence],
    );
  }
  if (periods.length > 0) {
    await client.query(
      `INSERT INTO authorization_periods (referral_key, number, member_id, kind, start_date, end_date, sequence)
       SELECT $1, p.number, $2, p.kind, p.start_date, p.end_date, $3
       FROM unnest($4::integer[], $5::text[], $6::date[], $7::date[]) AS p (number, kind, start_date, end_date)
       ON CONFLICT (referral_key, number) DO UPDATE SET
         kind = EXCLUDED.kind, start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
         sequence = EXCLUDED.sequence, updated_at = now()
       WHERE authorization_periods.sequence < EXCLUDED.sequence`,
      [
        event.referralKey, event.memberId, journey.sequence,
        periods.map((p) => p.number), periods.map((p) => p.kind), periods.map((p) => p.start), periods.map((p) => p.end),
      ],
    );
  }
}
