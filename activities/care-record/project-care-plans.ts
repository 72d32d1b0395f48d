/**
 * Care-plan revisions with their SMART goals. The journey keeps only a revision's number, date,
 * goal count and acuity; the content — problems, interventions, barriers, goals — is PHI and lives
 * here only. A revision is an event (keyed by its event key, never overwritten); its version number
 * is the journey's, read from the snapshot taken right after the revision was recorded.
 */
import type { PoolClient } from 'pg';
import { actedAt, objectArrayField, stringArrayField, stringField } from './project-detail';
import type { JourneyEventRecord } from './types';

interface Goal {
  readonly description: string;
  readonly measure: string;
  readonly targetDate: string;
}

function goalsOf(event: JourneyEventRecord): Goal[] | undefined {
  const goals = objectArrayField(event.detail, 'goals');
  if (!goals) return undefined;
  const read = goals.map((g) => ({ description: stringField(g, 'description'), measure: stringField(g, 'measure'), targetDate: stringField(g, 'targetDate') }));
  return read.every((g): g is Goal => g.description !== undefined && g.measure !== undefined && g.targetDate !== undefined) ? read : undefined;
}

/**
 * Writes `care_plan_revisions` and `care_plan_goals` for a 'care-plan' event (R-CAREPLAN-14D: at
 * least 2 SMART goals with measure and target date, plus problems, interventions, barriers and
 * acuity). Histories written before snapshots carry no version number, so their care plans stay in
 * journey_events only rather than be numbered by guess.
 */
export async function projectCarePlanRevision(client: PoolClient, event: JourneyEventRecord): Promise<void> {
  const version = event.journey?.carePlan?.version;
  const acuity = stringField(event.detail, 'acuity');
  const goals = goalsOf(event);
  const problems = stringArrayField(event.detail, 'problems');
  const interventions = stringArrayField(event.detail, 'interventions');
  const barriers = stringArrayField(event.detail, 'barriers');
  if (version === undefined || !acuity || !goals || !problems || !interventions || !barriers) return;
  const inserted = await client.query(
    `INSERT INTO care_plan_revisions (referral_key, version, event_key, member_id, at, acuity, reason, problems, interventions, barriers)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT DO NOTHING`,
    [
      event.referralKey, version, event.eventKey, event.memberId, actedAt(event), acuity,
      stringField(event.detail, 'revisionReason') ?? null, problems, interventions, barriers,
    ],
  );
  // Written before in this same transaction, goals included: a retry has nothing to add.
  if (inserted.rowCount === 0 || goals.length === 0) return;
  await client.query(
    `INSERT INTO care_plan_goals (referral_key, version, ordinal, description, measure, target_date)
     SELECT $1, $2, g.ordinal, g.description, g.measure, g.target_date
     FROM unnest($3::text[], $4::text[], $5::date[]) WITH ORDINALITY AS g (description, measure, target_date, ordinal)
     ON CONFLICT (referral_key, version, ordinal) DO NOTHING`,
    [event.referralKey, version, goals.map((g) => g.description), goals.map((g) => g.measure), goals.map((g) => g.targetDate)],
  );
}
