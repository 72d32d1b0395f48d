/**
 * R-CLAIMS-60D in the care record: the provider-month's clock as the workflow last saw it, its
 * breach escalated to the provider (an outbox row, like deadline_escalations), and the escalation
 * withdrawn when a submission dated on time turns up after the alarm (ECM-RULES §1).
 */
import type { Pool } from 'pg';
import type { Deadline } from '../../src/core/domain/deadline';
import type { Logger } from '../../src/infra/logger';

/** One provider-month and its deadline. */
export interface ClaimsMonthRecord {
  readonly plan: string;
  readonly providerId: string;
  readonly month: string;
  readonly deadline: Deadline;
}

/** Writes the month's clock; a retry writes the same row. */
export async function recordClaimsMonth(pool: Pool, record: ClaimsMonthRecord & { readonly event: string }): Promise<void> {
  const d = record.deadline;
  await pool.query(
    `INSERT INTO claims_months (plan, provider_id, service_month, deadline_key, due_at, status, fulfilled_at, breached_at, documented_late, documented_at, last_event)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (plan, provider_id, service_month) DO UPDATE SET
       due_at = EXCLUDED.due_at, status = EXCLUDED.status, fulfilled_at = EXCLUDED.fulfilled_at, breached_at = EXCLUDED.breached_at,
       documented_late = EXCLUDED.documented_late, documented_at = EXCLUDED.documented_at, last_event = EXCLUDED.last_event, updated_at = now()`,
    [record.plan, record.providerId, record.month, d.key, d.dueAt, d.status, d.fulfilledAt ?? null, d.breachedAt ?? null, d.documentedLate === true, d.documentedAt ?? null, record.event],
  );
}

/** R-CLAIMS-60D breached: one outbox row for the provider; a standing one is left alone. */
export async function escalateClaimsBreach(pool: Pool, log: Logger, record: ClaimsMonthRecord): Promise<void> {
  const d = record.deadline;
  const inserted = await pool.query(
    `INSERT INTO claims_escalations (plan, provider_id, service_month, rule, party, due_at, breached_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (plan, provider_id, service_month) DO UPDATE SET
       breached_at = EXCLUDED.breached_at, delivered_at = NULL, withdrawn_at = NULL, withdrawal_reason = NULL, created_at = now()
     WHERE claims_escalations.withdrawn_at IS NOT NULL`,
    [record.plan, record.providerId, record.month, d.rule, d.party, d.dueAt, d.breachedAt ?? d.dueAt],
  );
  if (inserted.rowCount) {
    log.warn({ rule: d.rule, party: d.party, plan: record.plan, providerId: record.providerId, month: record.month, dueAt: d.dueAt }, 'claims deadline breached; escalated to the provider');
  }
}

/** ECM-RULES §1: the submission was dated on time; the alarm is withdrawn (a retry changes nothing). */
export async function withdrawClaimsEscalation(pool: Pool, log: Logger, record: ClaimsMonthRecord): Promise<void> {
  const withdrawn = await pool.query(
    `UPDATE claims_escalations SET withdrawn_at = $4, withdrawal_reason = 'act dated on time, documented late'
      WHERE plan = $1 AND provider_id = $2 AND service_month = $3 AND withdrawn_at IS NULL`,
    [record.plan, record.providerId, record.month, record.deadline.documentedAt ?? new Date().toISOString()],
  );
  if (withdrawn.rowCount) log.info({ rule: record.deadline.rule, plan: record.plan, providerId: record.providerId, month: record.month }, 'claims escalation withdrawn');
}
