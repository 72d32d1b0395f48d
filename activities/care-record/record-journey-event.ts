import type { Pool, PoolClient } from 'pg';
import type { Deadline } from '../../src/core/domain/deadline';
import type { JourneyEventRecord } from './types';
import type { JourneySnapshot } from '../../src/core/domain/care-record-snapshot';
import { projectCareRecord } from './project-care-record';
import { inTransaction } from '../../src/infra/db/transaction';

/** The journey's current facts; a snapshot older than the stored one (by sequence) changes nothing. */
async function upsertMemberJourney(client: PoolClient, event: JourneyEventRecord, j: JourneySnapshot): Promise<void> {
  await client.query(
    `UPDATE member_journeys SET
       stage = $2, ended = $3, provider_id = $4, care_manager_id = $5, overdue = $6,
       next_due_at = $7, next_due_rule = $8, sequence = $9, updated_at = now()
     WHERE referral_key = $1 AND member_id = $10 AND sequence < $9`,
    [
      event.referralKey, j.stage, j.ended, j.assignment?.providerId ?? null, j.leadCareManager?.careManagerId ?? null, j.overdue,
      j.nextDueAt ?? null, j.nextDueRule ?? null, j.sequence, event.memberId,
    ],
  );
}

async function upsertDeadline(client: PoolClient, memberId: string, referralKey: string, d: Deadline): Promise<void> {
  await client.query(
    `INSERT INTO deadlines (referral_key, deadline_key, member_id, rule, party, started_at, due_at, status,
                            fulfilled_at, breached_at, cancelled_at, cancel_reason, closed_without_act,
                            documented_late, documented_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (referral_key, deadline_key) DO UPDATE SET
       started_at = EXCLUDED.started_at, due_at = EXCLUDED.due_at, status = EXCLUDED.status,
       fulfilled_at = EXCLUDED.fulfilled_at, breached_at = EXCLUDED.breached_at,
       cancelled_at = EXCLUDED.cancelled_at, cancel_reason = EXCLUDED.cancel_reason,
       closed_without_act = EXCLUDED.closed_without_act, documented_late = EXCLUDED.documented_late,
       documented_at = EXCLUDED.documented_at, updated_at = now()`,
    [
      referralKey, d.key, memberId, d.rule, d.party, d.startedAt, d.dueAt, d.status,
      d.fulfilledAt ?? null, d.breachedAt ?? null, d.cancelledAt ?? null, d.cancelReason ?? null, d.closedWithoutAct ?? null,
      d.documentedLate === true, d.documentedAt ?? null,
    ],
  );
}

/**
 * Writes one accepted action (or clock event) and the deadlines it changed, in one transaction.
 * The event row is keyed by its event key, so a retry writes nothing twice; deadline rows take
 * the latest state, which a retry repeats harmlessly.
 */
export async function recordJourneyEvent(pool: Pool, event: JourneyEventRecord): Promise<void> {
  await inTransaction(pool, (client) => writeJourneyEvent(client, event));
}

/** The rows of {@link recordJourneyEvent}, inside a transaction the caller holds. */
export async function writeJourneyEvent(client: PoolClient, event: JourneyEventRecord): Promise<void> {
  await client.query(
    `INSERT INTO journey_events (member_id, referral_key, event_key, kind, stage, occurred_at, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (referral_key, event_key) DO NOTHING`,
    [event.memberId, event.referralKey, event.eventKey, event.kind, event.stage, event.occurredAt, event.detail],
  );
  for (const deadline of event.deadlines) await upsertDeadline(client, event.memberId, event.referralKey, deadline);
  if (event.journey) await upsertMemberJourney(client, event, event.journey);
  await projectCareRecord(client, event);
}
