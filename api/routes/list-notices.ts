/**
 * `GET /v1/notices`: Notices of Action (R-DENIAL-NOA) from the care record, newest first, with
 * their delivery status, so a plan can see what went out and what still has to. A plan sees its
 * own plan's notices, a provider those of the members currently assigned to it (as for
 * `GET /v1/members/:memberId`), ops all. Keyset-paginated by recording order; every member whose
 * notice the caller is about to see is in the audit trail first.
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { ORGANISATION_CODE_PATTERN } from '../../src/infra/identity';
import { appendAudit } from '../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../auth/caller';
import type { RouteDependencies } from '../dependencies';
import { ApiError, ApiErrorCode } from '../problem';
import { parseQuery } from '../validation';
import { safeString } from '../text';
import { NOTICE_COLUMNS, noticeView, type NoticeRow } from './notice-view';

/** Filters and the page. */
export const listNoticesQuery = z.strictObject({
  plan: safeString().regex(ORGANISATION_CODE_PATTERN).optional(),
  status: z.enum(['pending', 'sent', 'failed']).optional().meta({ description: 'Delivery status.' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: safeString().regex(/^[1-9][0-9]{0,17}$/).optional(),
});

/** The list handler. */
export function listNotices({ pool }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const q = parseQuery(listNoticesQuery, req);
    const principal = callerOf(res);
    // The caller's scope is a filter the caller cannot widen; asking for another plan is refused.
    const ownPlan = principal.role === 'plan' ? principal.organisation : undefined;
    if (ownPlan && q.plan && q.plan !== ownPlan) throw new ApiError(ApiErrorCode.OrganisationNotAllowed, 'the list is limited to your own plan');
    const provider = principal.role === 'provider' ? principal.organisation : null;
    const { rows } = await pool.query<NoticeRow>(
      `SELECT ${NOTICE_COLUMNS} FROM notices_of_action n
       WHERE ($1::text IS NULL OR n.plan = $1)
         AND ($2::text IS NULL OR n.delivery_status = $2)
         AND ($3::bigint IS NULL OR n.seq < $3)
         AND ($4::text IS NULL OR (
               SELECT mj.provider_id FROM member_journeys mj WHERE mj.member_id = n.member_id
               ORDER BY mj.received_at DESC, mj.referral_key LIMIT 1) = $4)
       ORDER BY n.seq DESC LIMIT $5`,
      [ownPlan ?? q.plan ?? null, q.status ?? null, q.cursor ?? null, provider, q.limit + 1],
    );
    const page = rows.slice(0, q.limit);
    if (page.length) {
      await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, memberIds: [...new Set(page.map((r) => r.member_id))], action: 'listNotices', outcome: 'allowed' });
    }
    res.json({
      notices: page.map(noticeView),
      ...(rows.length > q.limit ? { nextCursor: page.at(-1)!.seq } : {}),
    });
  };
}
