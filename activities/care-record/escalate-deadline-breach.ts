import type { Pool, PoolClient } from 'pg';
import type { Logger } from '../../src/infra/logger';
import type { DeadlineEscalation } from './types';

/**
 * Tells the party responsible for a breached deadline: one outbox row per breach (the delivery
 * channel reads it), and a log line that names the rule and the opaque member ID, nothing more.
 */
export async function escalateDeadlineBreach(pool: Pool, log: Logger, escalation: DeadlineEscalation): Promise<void> {
  if (await insertEscalation(pool, escalation)) logEscalation(log, escalation);
}

/** The outbox row of a breach, by whoever holds the connection; true when a new alarm stands. */
export async function insertEscalation(db: Pool | PoolClient, escalation: DeadlineEscalation): Promise<boolean> {
  const { deadline } = escalation;
  const inserted = await db.query(
    `INSERT INTO deadline_escalations (referral_key, deadline_key, member_id, rule, party, plan, provider_id, due_at, breached_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (referral_key, deadline_key) DO UPDATE SET
       due_at = EXCLUDED.due_at, breached_at = EXCLUDED.breached_at, delivered_at = NULL,
       withdrawn_at = NULL, withdrawal_reason = NULL, withdrawal_delivered_at = NULL, created_at = now()
     -- A withdrawn alarm whose re-counted clock ran out again is a new breach; a standing one is left alone.
     WHERE deadline_escalations.withdrawn_at IS NOT NULL`,
    [
      escalation.referralKey, deadline.key, escalation.memberId, deadline.rule, deadline.party, escalation.plan,
      escalation.providerId ?? null, deadline.dueAt, deadline.breachedAt ?? deadline.dueAt,
    ],
  );
  return Boolean(inserted.rowCount);
}

/** The log line of a new alarm: the rule and the opaque member ID, nothing more. */
export function logEscalation(log: Logger, escalation: DeadlineEscalation): void {
  const { deadline } = escalation;
  log.warn(
    { rule: deadline.rule, party: deadline.party, memberId: escalation.memberId, plan: escalation.plan, dueAt: deadline.dueAt },
    'deadline breached; escalated to the responsible party',
  );
}
