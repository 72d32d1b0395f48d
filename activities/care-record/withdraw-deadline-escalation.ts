import type { Pool } from 'pg';
import type { Logger } from '../../src/infra/logger';
import type { EscalationWithdrawal } from './types';

/**
 * ECM-RULES §1: the escalation of a breach that turned out not to be one (its act was dated on
 * time and documented late) is withdrawn. The outbox row keeps the breach and says when and why it
 * was withdrawn, and the delivery channel tells the party, as it told them of the breach. A retry
 * changes nothing: only a standing escalation is withdrawn.
 */
export async function withdrawDeadlineEscalation(pool: Pool, log: Logger, withdrawal: EscalationWithdrawal): Promise<void> {
  const { deadline } = withdrawal;
  const reason = deadline.status === 'met' ? 'act dated on time, documented late' : deadline.status === 'open' ? 'clock re-counted from a later start' : 'no longer applies';
  const withdrawn = await pool.query(
    `UPDATE deadline_escalations SET withdrawn_at = $4, withdrawal_reason = $5, withdrawal_delivered_at = NULL
      WHERE referral_key = $1 AND deadline_key = $2 AND member_id = $3 AND withdrawn_at IS NULL`,
    [withdrawal.referralKey, deadline.key, withdrawal.memberId, deadline.documentedAt ?? new Date().toISOString(), reason],
  );
  if (withdrawn.rowCount) {
    log.info({ rule: deadline.rule, party: deadline.party, memberId: withdrawal.memberId }, 'deadline escalation withdrawn; the party is told');
  }
}
