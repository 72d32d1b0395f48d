/**
 * Journeys written straight into the care record, for tests of what reads it (worklists, contact,
 * lookups): the same rows the journey's activities write, without running a journey for each.
 */
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { deriveMemberId, deriveReferralKey } from '../../src/infra/identity';
import { TEST_MEMBER_ID_KEY } from './test-system';
import { uniqueCin } from './referrals';

/** One deadline row. */
export interface SeedDeadline {
  readonly key: string;
  readonly rule: string;
  readonly party: 'plan' | 'provider' | 'lead_care_manager';
  readonly dueAt: number;
  readonly status?: 'open' | 'met' | 'breached' | 'cancelled';
  readonly fulfilledAt?: number;
}

/** A journey to write. */
export interface SeedJourney {
  readonly plan?: string;
  readonly providerId?: string;
  readonly careManagerId?: string;
  readonly stage?: string;
  readonly cin?: string;
  readonly referralId?: string;
  readonly deadlines?: readonly SeedDeadline[];
}

/** What was written. */
export interface SeededJourney {
  readonly memberId: string;
  readonly referralKey: string;
  readonly cin: string;
  readonly referralId: string;
  readonly plan: string;
}

/** Writes a member, their referral, the journey's current facts and its deadlines. */
export async function seedJourney(pool: Pool, j: SeedJourney = {}): Promise<SeededJourney> {
  const plan = j.plan ?? 'LA-CARE';
  const cin = j.cin ?? uniqueCin();
  const referralId = j.referralId ?? `REF-SEED-${randomBytes(6).toString('hex')}`;
  const memberId = deriveMemberId(TEST_MEMBER_ID_KEY, plan, cin);
  const referralKey = deriveReferralKey(TEST_MEMBER_ID_KEY, plan, referralId);
  await pool.query(
    `INSERT INTO members (member_id, plan, cin, given_name, family_name, date_of_birth, language, contact)
     VALUES ($1, $2, $3, 'Rosalind', 'Quintero-Vasquez', '1961-04-17', 'Spanish', $4) ON CONFLICT DO NOTHING`,
    [memberId, plan, cin, { phone: '+1-213-555-0142', address: '1200 W 7th St, Los Angeles, CA 90017' }],
  );
  await pool.query(
    `INSERT INTO referrals (referral_key, plan, referral_id, member_id, received_at, source, expedited, presumptive)
     VALUES ($1, $2, $3, $4, now(), 'community', false, false)`,
    [referralKey, plan, referralId, memberId],
  );
  await pool.query(
    `INSERT INTO member_journeys (referral_key, member_id, plan, received_at, stage, provider_id, care_manager_id)
     VALUES ($1, $2, $3, now(), $4, $5, $6)`,
    [referralKey, memberId, plan, j.stage ?? 'OUTREACH', j.providerId ?? null, j.careManagerId ?? null],
  );
  for (const d of j.deadlines ?? []) {
    const status = d.status ?? 'open';
    await pool.query(
      `INSERT INTO deadlines (referral_key, deadline_key, member_id, rule, party, started_at, due_at, status, breached_at, fulfilled_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9)`,
      [referralKey, d.key, memberId, d.rule, d.party, new Date(d.dueAt), status, status === 'breached' ? new Date(d.dueAt) : null, d.fulfilledAt === undefined ? null : new Date(d.fulfilledAt)],
    );
  }
  return { memberId, referralKey, cin, referralId, plan };
}
