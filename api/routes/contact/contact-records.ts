/**
 * The care record's contact facts of a member: demographics as the referral gave them, and each
 * piece the provider recorded (preferences, representative, data sharing) as its latest recording
 * says, with who recorded it and when. PHI: read only behind the access guard, which audits it.
 */
import type { Pool } from 'pg';

/** Who recorded a piece, and when (the member's word `at`; the server's `recordedAt`). */
interface Recorded {
  readonly at: string;
  readonly recordedBy: string;
  readonly recordedByOrganisation: string;
  readonly recordedAt: string;
}

/** The member's contact facts. */
export interface MemberContact {
  readonly name: { readonly given: string; readonly family: string };
  readonly language?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: string;
  readonly contactPreferences: (Record<string, unknown> & Recorded) | null;
  readonly authorizedRepresentative: (Record<string, unknown> & Recorded) | null;
  readonly dataSharingAuthorization: (Record<string, unknown> & Recorded) | null;
}

interface RecordRow {
  preferences: Record<string, unknown> | null;
  authorized_representative: { value: Record<string, unknown> | null } | null;
  data_sharing: Record<string, unknown> | null;
  recorded_by: string;
  recorded_by_org: string;
  recorded_at: Date;
}

/** The member's contact, or undefined when the care record has no such member. */
export async function memberContact(pool: Pool, memberId: string): Promise<MemberContact | undefined> {
  const member = await pool.query<{ given_name: string; family_name: string; language: string | null; contact: { phone?: string; email?: string; address?: string } }>(
    'SELECT given_name, family_name, language, contact FROM members WHERE member_id = $1',
    [memberId],
  );
  const m = member.rows[0];
  if (!m) return undefined;
  const { rows } = await pool.query<RecordRow>(
    `SELECT preferences, authorized_representative, data_sharing, recorded_by, recorded_by_org, recorded_at
       FROM member_contact_records WHERE member_id = $1 ORDER BY seq`,
    [memberId],
  );
  let contactPreferences: MemberContact['contactPreferences'] = null;
  let authorizedRepresentative: MemberContact['authorizedRepresentative'] = null;
  let dataSharingAuthorization: MemberContact['dataSharingAuthorization'] = null;
  for (const r of rows) {
    const who = (piece: Record<string, unknown>) => ({ ...piece, recordedBy: r.recorded_by, recordedByOrganisation: r.recorded_by_org, recordedAt: r.recorded_at.toISOString() }) as Record<string, unknown> & Recorded;
    if (r.preferences) contactPreferences = who(r.preferences);
    if (r.authorized_representative) authorizedRepresentative = r.authorized_representative.value ? who(r.authorized_representative.value) : null;
    if (r.data_sharing) dataSharingAuthorization = who(r.data_sharing);
  }
  return {
    name: { given: m.given_name, family: m.family_name },
    ...(m.language ? { language: m.language } : {}),
    ...(m.contact.phone ? { phone: m.contact.phone } : {}),
    ...(m.contact.email ? { email: m.contact.email } : {}),
    ...(m.contact.address ? { address: m.contact.address } : {}),
    contactPreferences,
    authorizedRepresentative,
    dataSharingAuthorization,
  };
}
