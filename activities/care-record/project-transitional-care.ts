/**
 * Transitional-care episodes, their hospital visits and their tasks, from the episode's snapshot
 * carried by every `transitional-care:<kind>` event. All three are current facts, upserted and
 * guarded by the episode's own sequence (the episode workflow counts its writes as the journey
 * does), so a retried write changes nothing and an older snapshot delivered late never overwrites
 * a newer. Visits and tasks carry only opaque keys: no visit number, no identifiers.
 */
import type { PoolClient } from 'pg';
import type { EpisodeSnapshot } from '../../src/core/domain/care-record-snapshot';
import type { JourneyEventRecord } from './types';

async function upsertEpisode(client: PoolClient, event: JourneyEventRecord, episode: EpisodeSnapshot): Promise<void> {
  await client.query(
    `INSERT INTO transitional_care_episodes (episode_key, member_id, referral_key, status, risk_band, opened_at, closed_at, overdue, sequence)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (episode_key) DO UPDATE SET
       status = EXCLUDED.status, risk_band = EXCLUDED.risk_band, closed_at = EXCLUDED.closed_at,
       overdue = EXCLUDED.overdue, sequence = EXCLUDED.sequence, updated_at = now()
     WHERE transitional_care_episodes.sequence < EXCLUDED.sequence`,
    [
      episode.episodeKey, event.memberId, event.referralKey, episode.status, episode.riskBand ?? null,
      event.occurredAt, episode.closedAt ?? null, episode.overdue, episode.sequence,
    ],
  );
  // The episode opened with the first event the record heard of, whichever order the writes came in.
  await client.query(`UPDATE transitional_care_episodes SET opened_at = $2 WHERE episode_key = $1 AND opened_at > $2`, [
    episode.episodeKey,
    event.occurredAt,
  ]);
}

async function upsertVisits(client: PoolClient, episode: EpisodeSnapshot): Promise<void> {
  const { visits } = episode;
  if (visits.length === 0) return;
  await client.query(
    `INSERT INTO transitional_care_visits (episode_key, visit_key, facility_id, patient_class, admitted_at, discharged_at,
                                          disposition, cancelled, sequence)
     SELECT $1, v.visit_key, v.facility_id, v.patient_class, v.admitted_at, v.discharged_at, v.disposition, v.cancelled, $2
     FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[], $9::boolean[])
       AS v (visit_key, facility_id, patient_class, admitted_at, discharged_at, disposition, cancelled)
     ON CONFLICT (episode_key, visit_key) DO UPDATE SET
       facility_id = EXCLUDED.facility_id, patient_class = EXCLUDED.patient_class, admitted_at = EXCLUDED.admitted_at,
       discharged_at = EXCLUDED.discharged_at, disposition = EXCLUDED.disposition, cancelled = EXCLUDED.cancelled,
       sequence = EXCLUDED.sequence, updated_at = now()
     WHERE transitional_care_visits.sequence < EXCLUDED.sequence`,
    [
      episode.episodeKey, episode.sequence,
      visits.map((v) => v.visitKey),
      visits.map((v) => v.facilityId),
      visits.map((v) => v.patientClass),
      visits.map((v) => v.admittedAt ?? null),
      visits.map((v) => v.dischargedAt ?? null),
      visits.map((v) => v.disposition ?? null),
      visits.map((v) => v.cancelled === true),
    ],
  );
}

async function upsertTasks(client: PoolClient, episode: EpisodeSnapshot): Promise<void> {
  const { tasks } = episode;
  if (tasks.length === 0) return;
  await client.query(
    `INSERT INTO transitional_care_tasks (episode_key, task, status, at, by, reason, sequence)
     SELECT $1, t.task, t.status, t.at, t.by, t.reason, $2
     FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[]) AS t (task, status, at, by, reason)
     ON CONFLICT (episode_key, task) DO UPDATE SET
       status = EXCLUDED.status, at = EXCLUDED.at, by = EXCLUDED.by, reason = EXCLUDED.reason,
       sequence = EXCLUDED.sequence, updated_at = now()
     WHERE transitional_care_tasks.sequence < EXCLUDED.sequence`,
    [
      episode.episodeKey, episode.sequence,
      tasks.map((t) => t.task),
      tasks.map((t) => t.status),
      tasks.map((t) => t.at ?? null),
      tasks.map((t) => t.by ?? null),
      tasks.map((t) => t.reason ?? null),
    ],
  );
}

/**
 * Writes `transitional_care_episodes` (R-TCS-24H / R-TCS-7D / R-TCS-30D status and overdue flag;
 * R-TCS-DRA: the Modified LACE risk band), `transitional_care_visits`, and
 * `transitional_care_tasks` (R-TCS-TASKS: each task done or not applicable with a reason).
 */
export async function projectEpisode(client: PoolClient, event: JourneyEventRecord, episode: EpisodeSnapshot): Promise<void> {
  await upsertEpisode(client, event, episode);
  await upsertVisits(client, episode);
  await upsertTasks(client, episode);
}
