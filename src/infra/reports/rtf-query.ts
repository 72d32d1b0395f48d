/**
 * The RTF's facts: one row per journey assigned to the provider at some time in the month (an
 * assignment made before the month ended, not declined, neither replaced by another provider's
 * nor ended before the month began), with the latest acts dated before the month's end. One SQL
 * statement over the care record; never Temporal.
 */
import type { RtfFacts } from '../../core/reports/rtf-record';

const TERMINAL = `'DENIED','DECLINED','UNREACHABLE','GRADUATED','DISCONTINUED','TRANSFERRED'`;

/** $1 provider, $2 month start, $3 month end, $4 plan or NULL for every plan. */
export const RTF_SQL = `
WITH spans AS (
  SELECT a.referral_key, a.member_id, a.provider_id, a.assigned_at, a.response,
         lead(a.assigned_at) OVER (PARTITION BY a.referral_key ORDER BY a.assigned_at) AS replaced_at
    FROM provider_assignments a
   WHERE a.referral_key IN (SELECT referral_key FROM provider_assignments WHERE provider_id = $1 AND assigned_at < $3)
)
SELECT s.referral_key, j.plan, m.member_id, m.cin, m.family_name, m.given_name,
       m.contact->>'address' AS address, m.contact->>'phone' AS phone,
       r.populations_of_focus, j.stage, ended.at AS ended_at, ended.kind AS ended_kind, ended.reason AS ended_reason,
       optin.at AS opted_in_at, cp.acuity, cp.at AS care_plan_at, cc.at AS case_conference_at,
       asm.started_at, asm.completed_at, reached.at AS reached_at, reached.method AS reached_method,
       lcm.care_manager_id, clr.status AS referral_status, clr.status_at AS referral_status_at, clr.closure_reason
  FROM spans s
  JOIN member_journeys j ON j.referral_key = s.referral_key
  JOIN referrals r ON r.referral_key = s.referral_key
  JOIN members m ON m.member_id = s.member_id
  LEFT JOIN LATERAL (
    SELECT e.occurred_at AS at, e.kind, e.detail->>'reason' AS reason FROM journey_events e
     WHERE e.referral_key = s.referral_key AND e.stage IN (${TERMINAL}) ORDER BY e.occurred_at LIMIT 1) ended ON true
  LEFT JOIN LATERAL (
    SELECT min(c.at) AS at FROM consents c WHERE c.referral_key = s.referral_key AND c.kind = 'opt_in' AND c.at < $3) optin ON true
  LEFT JOIN LATERAL (
    SELECT p.at, p.acuity FROM care_plan_revisions p WHERE p.referral_key = s.referral_key AND p.at < $3 ORDER BY p.at DESC LIMIT 1) cp ON true
  LEFT JOIN LATERAL (
    SELECT max(e.occurred_at) AS at FROM journey_events e
     WHERE e.referral_key = s.referral_key AND e.kind = 'case-conference' AND e.occurred_at < $3) cc ON true
  LEFT JOIN assessments asm ON asm.referral_key = s.referral_key
  LEFT JOIN LATERAL (
    SELECT o.at, o.method FROM outreach_attempts o
     WHERE o.referral_key = s.referral_key AND o.result = 'reached' AND o.at < $3 ORDER BY o.at DESC LIMIT 1) reached ON true
  LEFT JOIN LATERAL (
    SELECT n.care_manager_id FROM lead_care_manager_namings n
     WHERE n.referral_key = s.referral_key AND n.named_at < $3 AND (n.provider_id = $1 OR n.provider_id IS NULL)
     ORDER BY n.named_at DESC LIMIT 1) lcm ON true
  LEFT JOIN LATERAL (
    SELECT c.status, c.status_at, c.closure_reason FROM community_referrals c
     WHERE c.referral_key = s.referral_key AND c.status_at < $3 ORDER BY c.status_at DESC, c.community_referral_id DESC LIMIT 1) clr ON true
 WHERE s.provider_id = $1 AND s.assigned_at < $3
   AND s.response IS DISTINCT FROM 'declined'
   AND (s.replaced_at IS NULL OR s.replaced_at >= $2)
   AND (ended.at IS NULL OR ended.at >= $2)
   AND ($4::text IS NULL OR j.plan = $4)
 ORDER BY j.plan, m.family_name, m.given_name, m.member_id`;

/** A row of {@link RTF_SQL}. */
export interface RtfRow {
  readonly referral_key: string;
  readonly plan: string;
  readonly member_id: string;
  readonly cin: string;
  readonly family_name: string;
  readonly given_name: string;
  readonly address: string | null;
  readonly phone: string | null;
  readonly populations_of_focus: string[];
  readonly stage: string;
  readonly ended_at: Date | null;
  readonly ended_kind: string | null;
  readonly ended_reason: string | null;
  readonly opted_in_at: Date | null;
  readonly acuity: string | null;
  readonly care_plan_at: Date | null;
  readonly case_conference_at: Date | null;
  readonly started_at: Date | null;
  readonly completed_at: Date | null;
  readonly reached_at: Date | null;
  readonly reached_method: string | null;
  readonly care_manager_id: string | null;
  readonly referral_status: string | null;
  readonly referral_status_at: Date | null;
  readonly closure_reason: string | null;
}

const ms = (d: Date | null): number | undefined => (d ? d.getTime() : undefined);

/** Why the journey was discontinued, as R-DISCONTINUE names it; none for an end that is not a discontinuation. */
function discontinuationReasonOf(row: RtfRow): string | undefined {
  if (row.stage !== 'DISCONTINUED' && row.stage !== 'TRANSFERRED') return undefined;
  if (row.ended_kind === 'opt-out') return 'member_no_longer_wishes';
  return row.ended_reason ?? (row.stage === 'TRANSFERRED' ? 'left_plan' : undefined);
}

/** The row's facts for the pure mapping. */
export function rtfFactsOf(row: RtfRow): RtfFacts {
  const o = <K extends string, V>(key: K, value: V | null | undefined) => (value === null || value === undefined ? {} : ({ [key]: value } as Record<K, V>));
  return {
    plan: row.plan, cin: row.cin, familyName: row.family_name, givenName: row.given_name,
    ...o('address', row.address), ...o('phone', row.phone),
    populationsOfFocus: row.populations_of_focus, stage: row.stage,
    ...o('endedAtMs', ms(row.ended_at)), ...o('optedInAtMs', ms(row.opted_in_at)), ...o('acuity', row.acuity),
    ...o('carePlanAtMs', ms(row.care_plan_at)), ...o('caseConferenceAtMs', ms(row.case_conference_at)),
    ...o('assessmentStartedAtMs', ms(row.started_at)), ...o('assessmentCompletedAtMs', ms(row.completed_at)),
    ...o('lastReachedAtMs', ms(row.reached_at)), ...o('lastReachedMethod', row.reached_method),
    ...o('careManagerId', row.care_manager_id), ...o('discontinuationReason', discontinuationReasonOf(row)),
    ...o('referralStatus', row.referral_status), ...o('referralStatusAtMs', ms(row.referral_status_at)), ...o('referralClosureReason', row.closure_reason),
  };
}
