/**
 * Outreach attempts, one row per accepted 'outreach-attempt' event. The journey keeps only the
 * attempts of its current outreach (and drops them on continue-as-new); the care record keeps every
 * one, because R-OUTREACH-30D and R-UNREACHABLE are proved by the documented attempts themselves.
 */
import type { PoolClient } from 'pg';
import { actedAt, numberField, stringField } from './project-detail';
import type { JourneyEventRecord } from './types';

/**
 * Writes `outreach_attempts` (R-OUTREACH-30D: timestamp, method, result and minutes of each attempt,
 * with who logged it) for an 'outreach-attempt' event; a retry or redelivery adds nothing.
 */
export async function projectOutreachAttempt(client: PoolClient, event: JourneyEventRecord): Promise<void> {
  const method = stringField(event.detail, 'method');
  const result = stringField(event.detail, 'result');
  const minutes = numberField(event.detail, 'minutes');
  if (!method || !result || minutes === undefined) return;
  await client.query(
    `INSERT INTO outreach_attempts (referral_key, event_key, member_id, at, method, result, minutes, actor)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (referral_key, event_key) DO NOTHING`,
    [event.referralKey, event.eventKey, event.memberId, actedAt(event), method, result, minutes, stringField(event.detail, 'actor') ?? null],
  );
}
