/**
 * R-DENIAL-NOA: delivers one recorded Notice of Action through the configured transport and
 * records the outcome: `sent` with when, or `failed` with when and a code; every attempt counted.
 *
 * Idempotent: the notice's row is locked for the attempt, and a notice already `sent` is left
 * alone, so a retried activity (or two racing ones) send it once. A failure is recorded and not
 * thrown: the journey (and the API call waiting on it) must not stall on a mail outage; the next
 * run of the activity for the notice tries again.
 */
import type { Pool } from 'pg';
import type { Logger } from '../../src/infra/logger';
import { resolvePlanPolicy } from '../../src/core/plan-policies';
import { renderLetter } from '../../src/core/notices/render-letter';
import { inTransaction } from '../../src/infra/db/transaction';
import { NoticeDeliveryError, type NoticeDelivery } from './notice-transport';

interface NoticeRow {
  notice_id: string;
  member_id: string;
  plan: string;
  notice_type: 'denial' | 'discontinuation';
  reason: string;
  decided_at: Date;
  created_at: Date;
  recipients: string[];
  appeal_rights: string | null;
  delivery_status: 'pending' | 'sent' | 'failed';
  given_name: string;
  family_name: string;
  contact: { address?: string } | null;
  source: string;
  referring_provider_id: string | null;
}

/** What the outcome was, for the caller; the row says the same. */
export type DeliveryOutcome = 'sent' | 'already_sent' | 'failed' | 'left_pending';

/** Sends the notice unless it was sent already. */
export async function deliverNotice(pool: Pool, log: Logger, delivery: NoticeDelivery, noticeId: string): Promise<DeliveryOutcome> {
  const transport = delivery.transport;
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<NoticeRow>(
      `SELECT n.notice_id, n.member_id, n.plan, n.notice_type, n.reason, n.decided_at, n.created_at, n.recipients,
              n.appeal_rights, n.delivery_status, m.given_name, m.family_name, m.contact, r.source, r.referring_provider_id
       FROM notices_of_action n
       JOIN members m ON m.member_id = n.member_id
       JOIN referrals r ON r.referral_key = n.referral_key
       WHERE n.notice_id = $1
       FOR UPDATE OF n`,
      [noticeId],
    );
    const row = rows[0];
    if (!row) throw new Error(`notice ${noticeId} is not in the care record`);
    if (row.delivery_status === 'sent' || !transport || row.appeal_rights === null) {
      return row.delivery_status === 'sent' ? 'already_sent' : 'left_pending';
    }
    const text = renderLetter({
      noticeId: row.notice_id,
      memberId: row.member_id,
      noticeType: row.notice_type,
      reason: row.reason,
      decidedAt: row.decided_at,
      noticeDate: row.created_at,
      recipients: row.recipients,
      timeZone: resolvePlanPolicy(delivery.plans, row.plan).calendar.timeZone,
      planName: delivery.plans[row.plan]?.notice?.planName ?? row.plan,
      appealRights: row.appeal_rights,
      member: { given: row.given_name, family: row.family_name, ...(row.contact?.address ? { address: row.contact.address } : {}) },
      ...requesterOf(row),
    });
    let outcome: DeliveryOutcome;
    try {
      const { reference } = await transport.deliver({ noticeId: row.notice_id, plan: row.plan, text });
      await client.query(
        `UPDATE notices_of_action
         SET delivery_status = 'sent', sent_at = now(), last_attempt_at = now(), delivery_attempts = delivery_attempts + 1,
             delivery_error = NULL, transport = $2, delivery_reference = $3
         WHERE notice_id = $1`,
        [noticeId, transport.name, reference],
      );
      outcome = 'sent';
    } catch (err) {
      const code = err instanceof NoticeDeliveryError ? err.code : 'transport_error';
      await client.query(
        `UPDATE notices_of_action
         SET delivery_status = 'failed', failed_at = now(), last_attempt_at = now(), delivery_attempts = delivery_attempts + 1,
             delivery_error = $2, transport = $3
         WHERE notice_id = $1`,
        [noticeId, code, transport.name],
      );
      // IDs and the code only: the letter and the member's details stay out of the logs.
      log.warn({ noticeId, plan: row.plan, transport: transport.name, code }, 'notice of action not delivered');
      outcome = 'failed';
    }
    return outcome;
  });
}

/** The requester, in words without PHI: the referring provider's ID, or the kind of referral; none when the member asked. */
function requesterOf(row: NoticeRow): { requester?: string } {
  if (row.referring_provider_id) return { requester: `ECM provider ${row.referring_provider_id}` };
  return row.source === 'self' ? {} : { requester: `the ${row.source.replace(/_/g, ' ')} referral source` };
}
