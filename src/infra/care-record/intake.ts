/**
 * Issue 16 §1: intake's care-record work in one round trip. One statement decides whether the
 * referral is new, seen before, or refused because the member's journey is open under another
 * referral, writes the member, the referral and the journey's REFERRED row when it is new, and
 * appends the request's audit row in all three cases, so the access decision and what it let in
 * commit together. A single statement is atomic on its own: no BEGIN/COMMIT round trips.
 */
import type { Pool } from 'pg';
import type { ReferralRecord } from '../../core/domain/referral-record';

/** The audit row of the intake request (see api/audit/audit-trail.ts for its meaning). */
export interface IntakeAuditRow {
  readonly requestId: string;
  readonly clientRequestId?: string;
  readonly actorId: string;
  readonly actorRole: string | null;
  readonly actorOrg: string | null;
  readonly action: string;
}

/** What the care record said of the referral. */
export type IntakeOutcome =
  /** This request wrote the referral: its journey is to be started. */
  | { readonly kind: 'new' }
  /** The referral was on record before this request: whose it is and its first delivery's fingerprint. */
  | { readonly kind: 'seen'; readonly memberId: string; readonly fingerprint: string | null }
  /** Nothing written: the care record shows the member's journey open under another referral. */
  | { readonly kind: 'open-elsewhere' }
  /** Nothing written: a concurrent delivery of this referral is writing it; read it again. */
  | { readonly kind: 'being-written' };

// The parameters of INSERT … SELECT are not typed by their target columns, hence the casts.
// The referral CTE reads `open_journey` and the others read `referral`, which orders them: a
// referral on record, or an open journey of another referral, leaves every table as it was.
const INTAKE_STATEMENT = `
WITH open_journey AS (
  SELECT 1 FROM member_journeys WHERE member_id = $4 AND NOT ended AND referral_key <> $1 LIMIT 1
), referral AS (
  INSERT INTO referrals (referral_key, plan, referral_id, member_id, received_at, source, expedited, presumptive,
                         referring_provider_id, populations_of_focus, fingerprint)
  SELECT $1::text, $2::text, $3::text, $4::text, $5::timestamptz, $6::text, $7::boolean, $8::boolean, $9::text, $10::text[], $11::text
  WHERE NOT EXISTS (SELECT 1 FROM open_journey)
  ON CONFLICT (referral_key) DO NOTHING
  RETURNING referral_key
), member AS (
  -- The latest referral carries the freshest demographics, so the member row follows it.
  INSERT INTO members (member_id, plan, cin, given_name, family_name, date_of_birth, language, contact)
  SELECT $4::text, $2::text, $12::text, $13::text, $14::text, $15::date, $16::text, $17::jsonb FROM referral
  ON CONFLICT (member_id) DO UPDATE SET
    given_name = EXCLUDED.given_name, family_name = EXCLUDED.family_name,
    date_of_birth = EXCLUDED.date_of_birth, language = EXCLUDED.language,
    contact = EXCLUDED.contact, updated_at = now()
), journey AS (
  -- The journey's row starts at REFERRED; every later write moves it on (sequence 0 loses to all).
  INSERT INTO member_journeys (referral_key, member_id, plan, received_at, stage)
  SELECT $1::text, $4::text, $2::text, $5::timestamptz, 'REFERRED' FROM referral
  ON CONFLICT (referral_key) DO NOTHING
), audit AS (
  INSERT INTO audit_events (request_id, client_request_id, actor_id, actor_role, actor_org, member_id, action, outcome)
  VALUES ($18, $19, $20, $21, $22, $4, $23, 'allowed')
)
SELECT EXISTS (SELECT 1 FROM referral) AS written, EXISTS (SELECT 1 FROM open_journey) AS open_elsewhere,
       r.member_id, r.fingerprint
FROM (SELECT 1) AS one LEFT JOIN referrals r ON r.referral_key = $1`;

/**
 * Records a referral received through the API with its audit row, in one statement (prepared once
 * per connection: it is the largest statement intake sends, and every referral sends it).
 */
export async function receiveReferral(pool: Pool, referral: ReferralRecord & { readonly fingerprint: string }, audit: IntakeAuditRow): Promise<IntakeOutcome> {
  const { member } = referral;
  const { rows } = await pool.query<{ written: boolean; open_elsewhere: boolean; member_id: string | null; fingerprint: string | null }>({
    name: 'intake-receive-referral',
    text: INTAKE_STATEMENT,
    values: [
      referral.referralKey, referral.plan, referral.referralId, referral.memberId, referral.receivedAt, referral.source,
      referral.expedited, referral.presumptive, referral.referringProviderId ?? null, referral.populationsOfFocus, referral.fingerprint,
      member.cin, member.name.given, member.name.family, member.dateOfBirth, member.language ?? null, member.contact ?? {},
      audit.requestId, audit.clientRequestId ?? null, audit.actorId, audit.actorRole, audit.actorOrg, audit.action,
    ],
  });
  const row = rows[0]!;
  // The statement's snapshot predates its own insert: a row it sees was there before.
  if (row.member_id !== null) return { kind: 'seen', memberId: row.member_id, fingerprint: row.fingerprint };
  if (row.written) return { kind: 'new' };
  if (row.open_elsewhere) return { kind: 'open-elsewhere' };
  return { kind: 'being-written' };
}
