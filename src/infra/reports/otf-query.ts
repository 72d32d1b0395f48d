/**
 * The OTF's facts: every outreach attempt made in the month while the member was assigned to the
 * provider (the assignment in force at the attempt's instant), from the care record.
 */

/** $1 provider, $2 month start, $3 month end, $4 plan or NULL. */
export const OTF_SQL = `
SELECT o.member_id, j.plan, m.cin, m.given_name, m.family_name, o.at, o.method, o.result, o.minutes
  FROM outreach_attempts o
  JOIN member_journeys j ON j.referral_key = o.referral_key
  JOIN members m ON m.member_id = o.member_id
  JOIN LATERAL (
    SELECT a.provider_id FROM provider_assignments a
     WHERE a.referral_key = o.referral_key AND a.assigned_at <= o.at ORDER BY a.assigned_at DESC LIMIT 1) a ON true
 WHERE o.at >= $2 AND o.at < $3 AND a.provider_id = $1 AND ($4::text IS NULL OR j.plan = $4)
 ORDER BY o.at, o.member_id, o.event_key`;

/** A row of {@link OTF_SQL}. */
export interface OtfRow {
  readonly member_id: string;
  readonly plan: string;
  readonly cin: string;
  readonly given_name: string;
  readonly family_name: string;
  readonly at: Date;
  readonly method: string;
  readonly result: string;
  readonly minutes: number;
}
