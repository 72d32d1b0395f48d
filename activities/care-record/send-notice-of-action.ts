import type { Pool } from 'pg';
import type { Logger } from '../../src/infra/logger';
import { noticeTemplateFor } from '../../src/core/notices/notice-template';
import { deliverNotice } from '../notices/deliver-notice';
import { noticeIdOf } from '../notices/notice-id';
import type { NoticeDelivery } from '../notices/notice-transport';
import type { NoticeOfActionRecord } from './types';

/**
 * R-DENIAL-NOA: records the Notice of Action (decision, reason, date, recipients, and the
 * appeal-rights statement from the plan's template) as `pending`, then delivers it through the
 * configured transport and records `sent` or `failed`. Answers the notice's ID.
 *
 * The notice key is unique within its journey (referral_key, notice_key), not globally: an event
 * key made from route + body does not name the member, so two members denied with byte-identical
 * bodies share it, and each must still get their own notice.
 */
export async function sendNoticeOfAction(pool: Pool, log: Logger, delivery: NoticeDelivery, notice: NoticeOfActionRecord): Promise<string> {
  const noticeId = noticeIdOf(notice.referralKey, notice.noticeKey);
  const { rows } = await pool.query<{ plan: string; member_id: string }>('SELECT plan, member_id FROM referrals WHERE referral_key = $1', [notice.referralKey]);
  const referral = rows[0];
  // A notice names its member: it must be the journey's own (opaque IDs only in the message).
  if (!referral) throw new Error(`notice ${noticeId}: journey ${notice.referralKey} is not in the care record`);
  if (referral.member_id !== notice.memberId) throw new Error(`notice ${noticeId}: journey ${notice.referralKey} belongs to another member`);
  const template = noticeTemplateFor(delivery.plans, referral.plan);
  await pool.query(
    `INSERT INTO notices_of_action (notice_id, notice_key, member_id, referral_key, plan, notice_type, reason, decided_at, recipients, template, appeal_rights)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (referral_key, notice_key) DO NOTHING`,
    [noticeId, notice.noticeKey, notice.memberId, notice.referralKey, referral.plan, notice.noticeType, notice.reason, notice.decidedAt, notice.recipients, template.id, template.appealRights],
  );
  await deliverNotice(pool, log, delivery, noticeId);
  return noticeId;
}
