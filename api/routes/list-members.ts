/**
 * `GET /v1/members`: the caller's members, from the care record only (never Temporal visibility),
 * each with its latest journey. A plan sees its members, a provider those currently assigned to
 * it, ops everyone. Keyset-paginated by member ID, so pages stay stable while journeys move on.
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { JOURNEY_STAGES } from '../../src/core/domain/journey-stage';
import { appendAudit } from '../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../auth/caller';
import type { RouteDependencies } from '../dependencies';
import { ApiError, ApiErrorCode } from '../problem';
import { parseQuery } from '../validation';
import { safeString } from '../text';
import { MEMBER_ID_PATTERN, ORGANISATION_CODE_PATTERN } from '../../src/infra/identity';
import { resolvePlanPolicy } from '../../src/core/plan-policies';
import { formatInstant } from '../../src/core/domain/deadline';

/** Filters and the page. */
export const listMembersQuery = z.strictObject({
  plan: safeString().regex(ORGANISATION_CODE_PATTERN).optional(),
  provider: safeString().regex(ORGANISATION_CODE_PATTERN).optional(),
  stage: z.enum(JOURNEY_STAGES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The last member ID of the previous page (`nextCursor`). */
  cursor: safeString().regex(MEMBER_ID_PATTERN).optional(),
});

interface Row {
  member_id: string;
  plan: string;
  stage: string;
  ended: boolean;
  provider_id: string | null;
  care_manager_id: string | null;
  overdue: boolean;
  next_due_at: Date | null;
  next_due_rule: string | null;
  received_at: Date;
}

/** The list handler. */
export function listMembers({ pool, config }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const q = parseQuery(listMembersQuery, req);
    const principal = callerOf(res);
    // The caller's scope is a filter the caller cannot widen; asking for another organisation is refused.
    const ownPlan = principal.role === 'plan' ? principal.organisation : undefined;
    const ownProvider = principal.role === 'provider' ? principal.organisation : undefined;
    if ((ownPlan && q.plan && q.plan !== ownPlan) || (ownProvider && q.provider && q.provider !== ownProvider)) {
      throw new ApiError(ApiErrorCode.OrganisationNotAllowed, 'the list is limited to your own organisation');
    }
    const plan = ownPlan ?? q.plan ?? null;
    const provider = ownProvider ?? q.provider ?? null;
    const { rows } = await pool.query<Row>(
      `WITH latest AS (
         SELECT DISTINCT ON (member_id) * FROM member_journeys
         WHERE ($1::text IS NULL OR plan = $1) AND ($6::text IS NULL OR member_id > $6)
         ORDER BY member_id, received_at DESC, referral_key
       )
       SELECT member_id, plan, stage, ended, provider_id, care_manager_id, overdue, next_due_at, next_due_rule, received_at
       FROM latest
       WHERE ($2::text IS NULL OR provider_id = $2) AND ($3::text IS NULL OR stage = $3) AND ($4::boolean IS NULL OR overdue = $4)
       ORDER BY member_id LIMIT $5`,
      [plan, provider, q.stage ?? null, q.overdue === undefined ? null : q.overdue === 'true', q.limit + 1, q.cursor ?? null],
    );
    const page = rows.slice(0, q.limit);
    // Every member the caller is about to see is in the audit trail first.
    if (page.length) {
      await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, memberIds: page.map((r) => r.member_id), action: 'listMembers', outcome: 'allowed' });
    }
    // Instants in the member's plan zone, as the member's detail answers them, so the two agree.
    const zoned = (at: Date, plan: string): string => formatInstant(at.getTime(), resolvePlanPolicy(config.plans, plan).calendar.timeZone);
    res.json({
      members: page.map((r) => ({
        memberId: r.member_id,
        plan: r.plan,
        stage: r.stage,
        ended: r.ended,
        referralReceivedAt: zoned(r.received_at, r.plan),
        ...(r.provider_id ? { providerId: r.provider_id } : {}),
        ...(r.care_manager_id ? { leadCareManagerId: r.care_manager_id } : {}),
        overdue: r.overdue,
        ...(r.next_due_at ? { nextDeadline: { rule: r.next_due_rule, dueAt: zoned(r.next_due_at, r.plan) } } : {}),
        links: { journey: `/v1/members/${r.member_id}` },
      })),
      ...(rows.length > q.limit ? { nextCursor: page.at(-1)!.member_id } : {}),
    });
  };
}
