/**
 * The care record's referral rows, one store for both writers: the API's intake (which checks,
 * writes and, when its journey cannot start, withdraws) and the worker's `recordReferral` activity.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool } from 'pg';
import { inTransaction } from '../db/transaction';
import type { ReferralRecord } from '../../core/domain/referral-record';

/** Rolls back the member row's refresh when the referral was already on record. */
class AlreadyOnRecord extends Error {}

/**
 * Writes the member and the referral; a second delivery of the same referral changes nothing.
 * Resolves `true` when this call wrote the referral, `false` when it was already on record. A
 * referral key on record for another member is a data error, never retried: one member's facts
 * are never filed under another's journey.
 */
export async function recordReferral(pool: Pool, referral: ReferralRecord & { readonly fingerprint?: string }): Promise<boolean> {
  try {
    await inTransaction(pool, async (client) => {
      const { member } = referral;
      // The latest referral carries the freshest demographics, so the member row follows it.
      await client.query(
        `INSERT INTO members (member_id, plan, cin, given_name, family_name, date_of_birth, language, contact)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (member_id) DO UPDATE SET
           given_name = EXCLUDED.given_name, family_name = EXCLUDED.family_name,
           date_of_birth = EXCLUDED.date_of_birth, language = EXCLUDED.language,
           contact = EXCLUDED.contact, updated_at = now()`,
        [referral.memberId, referral.plan, member.cin, member.name.given, member.name.family, member.dateOfBirth, member.language ?? null, member.contact ?? {}],
      );
      const written = await client.query(
        `INSERT INTO referrals (referral_key, plan, referral_id, member_id, received_at, source, expedited, presumptive,
                                referring_provider_id, populations_of_focus, fingerprint)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (referral_key) DO NOTHING`,
        [
          referral.referralKey, referral.plan, referral.referralId, referral.memberId, referral.receivedAt, referral.source,
          referral.expedited, referral.presumptive, referral.referringProviderId ?? null, referral.populationsOfFocus,
          referral.fingerprint ?? null,
        ],
      );
      if (!written.rowCount) {
        const owner = await client.query<{ member_id: string }>('SELECT member_id FROM referrals WHERE referral_key = $1', [referral.referralKey]);
        if (owner.rows[0] && owner.rows[0].member_id !== referral.memberId) {
          throw ApplicationFailure.nonRetryable('the referral ID is on record for another member', 'ReferralConflict');
        }
        // Already on record for this member: nothing of the member's own row changes either.
        throw new AlreadyOnRecord();
      }
      // The journey's row starts at REFERRED; every later write moves it on (sequence 0 loses to all).
      await client.query(
        `INSERT INTO member_journeys (referral_key, member_id, plan, received_at, stage)
         VALUES ($1, $2, $3, $4, 'REFERRED')
         ON CONFLICT (referral_key) DO NOTHING`,
        [referral.referralKey, referral.memberId, referral.plan, referral.receivedAt],
      );
    });
    return true;
  } catch (err) {
    if (err instanceof AlreadyOnRecord) return false;
    throw err;
  }
}

/** The referral as the care record knows it: whose it is, and the fingerprint of its first delivery. */
export async function referralOnRecord(pool: Pool, referralKey: string): Promise<{ readonly memberId: string; readonly fingerprint: string | null } | undefined> {
  const { rows } = await pool.query<{ member_id: string; fingerprint: string | null }>('SELECT member_id, fingerprint FROM referrals WHERE referral_key = $1', [referralKey]);
  return rows[0] ? { memberId: rows[0].member_id, fingerprint: rows[0].fingerprint } : undefined;
}

/**
 * Takes back a referral that was written but whose journey could not start (another referral's
 * journey for the member won a race), so the refusal leaves the care record as it was.
 */
export async function withdrawReferral(pool: Pool, referralKey: string, memberId: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    const events = await client.query('SELECT 1 FROM journey_events WHERE referral_key = $1 LIMIT 1', [referralKey]);
    if (!events.rowCount) {
      await client.query('DELETE FROM member_journeys WHERE referral_key = $1 AND member_id = $2', [referralKey, memberId]);
      await client.query('DELETE FROM referrals WHERE referral_key = $1 AND member_id = $2', [referralKey, memberId]);
    }
  });
}
