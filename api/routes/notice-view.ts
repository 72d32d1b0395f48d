/**
 * R-DENIAL-NOA: a Notice of Action as the API shows it, from the care record: what was decided,
 * why, when, for whom, and whether and when it was sent. Never the letter (which carries the
 * member's name and address); the appeal-rights statement is named by its template.
 */
import type { Pool } from 'pg';

/** The columns a view is made from. */
export const NOTICE_COLUMNS = `n.seq, n.notice_id, n.member_id, n.plan, n.notice_type, n.reason, n.decided_at, n.recipients, n.template,
  n.created_at, n.delivery_status, n.delivery_attempts, n.last_attempt_at, n.sent_at, n.failed_at, n.delivery_error, n.transport`;

/** One row of {@link NOTICE_COLUMNS}. */
export interface NoticeRow {
  seq: string;
  notice_id: string;
  member_id: string;
  plan: string;
  notice_type: string;
  reason: string;
  decided_at: Date;
  recipients: string[];
  template: string | null;
  created_at: Date;
  delivery_status: 'pending' | 'sent' | 'failed';
  delivery_attempts: number;
  last_attempt_at: Date | null;
  sent_at: Date | null;
  failed_at: Date | null;
  delivery_error: string | null;
  transport: string | null;
}

/** The answer's shape of one notice. */
export function noticeView(r: NoticeRow) {
  return {
    noticeId: r.notice_id,
    memberId: r.member_id,
    plan: r.plan,
    type: r.notice_type,
    reason: r.reason,
    decidedAt: r.decided_at.toISOString(),
    recipients: r.recipients,
    // Which "Your Rights" statement it carried: the default (APL 21-011) or the plan's own.
    ...(r.template ? { appealRightsTemplate: r.template } : {}),
    recordedAt: r.created_at.toISOString(),
    delivery: {
      status: r.delivery_status,
      attempts: r.delivery_attempts,
      ...(r.transport ? { transport: r.transport } : {}),
      ...(r.last_attempt_at ? { lastAttemptAt: r.last_attempt_at.toISOString() } : {}),
      ...(r.sent_at ? { sentAt: r.sent_at.toISOString() } : {}),
      ...(r.failed_at ? { failedAt: r.failed_at.toISOString() } : {}),
      ...(r.delivery_error && r.delivery_status === 'failed' ? { error: r.delivery_error } : {}),
    },
    links: { member: `/v1/members/${r.member_id}` },
  };
}

/** Every notice of a member, oldest first. */
export async function noticesOfMember(pool: Pool, memberId: string): Promise<ReturnType<typeof noticeView>[]> {
  const { rows } = await pool.query<NoticeRow>(`SELECT ${NOTICE_COLUMNS} FROM notices_of_action n WHERE n.member_id = $1 ORDER BY n.seq`, [memberId]);
  return rows.map(noticeView);
}
