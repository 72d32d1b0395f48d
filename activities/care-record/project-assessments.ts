/**
 * The comprehensive assessment: when it began and was completed (current facts, from the journey's
 * snapshot, guarded by its sequence), and each member-requested delay (events, one row per
 * 'assessment-delay', keyed by the event key).
 */
import type { PoolClient } from 'pg';
import type { JourneySnapshot } from '../../src/core/domain/care-record-snapshot';
import { stringField } from './project-detail';
import type { JourneyEventRecord } from './types';

/**
 * Writes `assessments` (R-ASSESS-START: started_at; R-ASSESS-COMPLETE: completed_at). The row
 * appears at enrollment with both NULL — an assessment owed and not yet begun.
 */
export async function projectAssessment(client: PoolClient, event: JourneyEventRecord, journey: JourneySnapshot): Promise<void> {
  const { assessment } = journey;
  if (!assessment) return;
  await client.query(
    `INSERT INTO assessments (referral_key, member_id, started_at, completed_at, sequence)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (referral_key) DO UPDATE SET
       started_at = EXCLUDED.started_at, completed_at = EXCLUDED.completed_at, sequence = EXCLUDED.sequence, updated_at = now()
     WHERE assessments.sequence < EXCLUDED.sequence`,
    [event.referralKey, event.memberId, assessment.startedAt ?? null, assessment.completedAt ?? null, journey.sequence],
  );
}

/**
 * Writes `assessment_delays` for an 'assessment-delay' event (R-ASSESS-COMPLETE: the member asked,
 * the reason is documented, and the due date moves to the agreed date).
 */
export async function projectAssessmentDelay(client: PoolClient, event: JourneyEventRecord): Promise<void> {
  const requestedAt = stringField(event.detail, 'requestedAt');
  const reason = stringField(event.detail, 'reason');
  const agreedDate = stringField(event.detail, 'agreedDate');
  if (!requestedAt || !reason || !agreedDate) return;
  await client.query(
    `INSERT INTO assessment_delays (referral_key, event_key, member_id, requested_at, reason, agreed_date)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (referral_key, event_key) DO NOTHING`,
    [event.referralKey, event.eventKey, event.memberId, requestedAt, reason, agreedDate],
  );
}
