import type { Pool } from 'pg';
import type { ReferralRecord } from './types';

/** Writes the member and the referral; a second delivery of the same referral changes nothing. */
export async function recordReferral(pool: Pool, referral: ReferralRecord): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
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
    await client.query(
      `INSERT INTO referrals (referral_key, plan, referral_id, member_id, received_at, source, expedited, presumptive,
                              referring_provider_id, populations_of_focus)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (referral_key) DO NOTHING`,
      [
        referral.referralKey, referral.plan, referral.referralId, referral.memberId, referral.receivedAt, referral.source,
        referral.expedited, referral.presumptive, referral.referringProviderId ?? null, referral.populationsOfFocus,
      ],
    );
    // The journey's row starts at REFERRED; every later write moves it on (sequence 0 loses to all).
    await client.query(
      `INSERT INTO member_journeys (referral_key, member_id, plan, received_at, stage)
       VALUES ($1, $2, $3, $4, 'REFERRED')
       ON CONFLICT (referral_key) DO NOTHING`,
      [referral.referralKey, referral.memberId, referral.plan, referral.receivedAt],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
