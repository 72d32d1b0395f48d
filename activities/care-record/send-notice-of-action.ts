import type { Pool } from 'pg';
import type { NoticeOfActionRecord } from './types';

/**
 * R-DENIAL-NOA: queues the Notice of Action, with appeal rights, for the member and the requester.
 * The row is the notice of record; the mailing vendor's integration stamps `sent_at`.
 */
export async function sendNoticeOfAction(pool: Pool, notice: NoticeOfActionRecord): Promise<void> {
  await pool.query(
    `INSERT INTO notices_of_action (notice_key, member_id, referral_key, notice_type, reason, decided_at, recipients)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (notice_key) DO NOTHING`,
    [notice.noticeKey, notice.memberId, notice.referralKey, notice.noticeType, notice.reason, notice.decidedAt, notice.recipients],
  );
}
