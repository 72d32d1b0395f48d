/**
 * Who was assigned to the member and who was named their Lead Care Manager.
 *
 * Provider assignments are current facts (an answer arrives after the assignment, or is deemed by a
 * timer), so they come from the journey's snapshot — the current assignment plus the earlier ones —
 * and upsert guarded by the snapshot's sequence. Lead Care Manager namings are events, one row per
 * accepted naming, keyed by the event key; the caseload itself (R-CASELOAD-50) stays in
 * lead_care_manager_caseloads, written by src/infra/caseload.
 */
import type { PoolClient } from 'pg';
import type { JourneySnapshot } from '../../src/core/domain/care-record-snapshot';
import type { ProviderAssignment } from '../../src/core/domain/journey-state';
import { actedAt, stringField } from './project-detail';
import type { JourneyEventRecord } from './types';

/** One row per (provider, instant): a repeat in the snapshot keeps its last (newest) version. */
function distinctAssignments(journey: JourneySnapshot): ProviderAssignment[] {
  const all = [...journey.pastAssignments, ...(journey.assignment ? [journey.assignment] : [])];
  const byKey = new Map<string, ProviderAssignment>();
  for (const a of all) byKey.set(`${a.providerId}\u0000${Date.parse(a.assignedAt)}`, a);
  return [...byKey.values()];
}

/**
 * Writes `provider_assignments` (R-ASSIGN: to whom and when; R-DECLINE-1BD: the answer, its reason,
 * and whether silence was deemed acceptance) from the journey's snapshot.
 */
export async function projectProviderAssignments(client: PoolClient, event: JourneyEventRecord, journey: JourneySnapshot): Promise<void> {
  const assignments = distinctAssignments(journey);
  if (assignments.length === 0) return;
  await client.query(
    `INSERT INTO provider_assignments (referral_key, provider_id, assigned_at, member_id, response, responded_at,
                                       response_reason, deemed, sequence)
     SELECT $1, a.provider_id, a.assigned_at, $2, a.response, a.responded_at, a.response_reason, a.deemed, $3
     FROM unnest($4::text[], $5::timestamptz[], $6::text[], $7::timestamptz[], $8::text[], $9::boolean[])
       AS a (provider_id, assigned_at, response, responded_at, response_reason, deemed)
     ON CONFLICT (referral_key, provider_id, assigned_at) DO UPDATE SET
       response = EXCLUDED.response, responded_at = EXCLUDED.responded_at, response_reason = EXCLUDED.response_reason,
       deemed = EXCLUDED.deemed, sequence = EXCLUDED.sequence, updated_at = now()
     WHERE provider_assignments.sequence < EXCLUDED.sequence`,
    [
      event.referralKey, event.memberId, journey.sequence,
      assignments.map((a) => a.providerId),
      assignments.map((a) => a.assignedAt),
      assignments.map((a) => a.response?.response ?? null),
      assignments.map((a) => a.response?.at ?? null),
      assignments.map((a) => a.response?.reason ?? null),
      assignments.map((a) => a.response?.deemed === true),
    ],
  );
}

/**
 * Writes one `lead_care_manager_namings` row for a 'lead-care-manager' event (R-LCM-72H: when;
 * R-ONE-LCM: the naming that replaced any earlier one). The provider comes from the snapshot, so
 * histories written before snapshots leave it NULL.
 */
export async function projectLeadCareManagerNaming(client: PoolClient, event: JourneyEventRecord): Promise<void> {
  const careManagerId = stringField(event.detail, 'careManagerId');
  if (!careManagerId) return;
  const named = event.journey?.leadCareManager;
  const providerId = named?.careManagerId === careManagerId ? named.providerId : event.journey?.assignment?.providerId;
  await client.query(
    `INSERT INTO lead_care_manager_namings (referral_key, event_key, member_id, care_manager_id, provider_id, named_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (referral_key, event_key) DO NOTHING`,
    [event.referralKey, event.eventKey, event.memberId, careManagerId, providerId ?? null, actedAt(event)],
  );
}
