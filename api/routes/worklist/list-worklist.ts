/**
 * `GET /v1/worklist` (issue 14): the caller's open and breached deadlines, one item per deadline,
 * soonest first: the rule, the act that meets it, the due instant, `overdue` / `due_soon` / `open`,
 * the responsible party, the member's ID and stage, the Lead Care Manager. From the care record
 * only, never Temporal per row. A plan sees all its members' items, its own rules included
 * (R-AUTH-*, R-ASSIGN, R-PROVIDER-CHANGE-30D, R-AUTH-LAPSE); a provider the provider's and Lead
 * Care Managers' items of its assigned members; a token of one Lead Care Manager (`lcm`) only
 * that Lead Care Manager's members.
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { appendAudit } from '../../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { parseQuery } from '../../validation';
import { safeString } from '../../text';
import { instantSchema } from '../../timestamp';
import { ORGANISATION_CODE_PATTERN } from '../../../src/infra/identity';
import { resolvePlanPolicy } from '../../../src/core/plan-policies';
import { formatInstant } from '../../../src/core/domain/deadline';
import { DEADLINE_RULES, type DeadlineRuleId } from '../../../src/core/domain/rules';
import type { Principal } from '../../../src/infra/auth/principal';
import { decodeCursor, encodeCursor } from './worklist-cursor';
import { queryWorklist, WORKLIST_STATUSES, type WorklistScope } from './worklist-query';

const ruleIds = Object.keys(DEADLINE_RULES) as [DeadlineRuleId, ...DeadlineRuleId[]];

/** Filters and the page. Strict: an unknown parameter is refused, never ignored. */
export const worklistQuery = z.strictObject({
  provider: safeString().regex(ORGANISATION_CODE_PATTERN).optional(),
  leadCareManager: safeString().regex(/^[A-Za-z0-9_.:-]{1,64}$/).optional(),
  plan: safeString().regex(ORGANISATION_CODE_PATTERN).optional(),
  rule: z.enum(ruleIds).optional(),
  status: z.enum(WORKLIST_STATUSES).optional(),
  /** Only items due strictly before this instant (ISO 8601 with an offset). */
  dueBefore: instantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `nextCursor` of the previous page. */
  cursor: safeString().max(400).optional(),
});

/** The caller's scope with its filters inside it; a filter outside the scope is refused 403. */
function scopeOf(principal: Principal, q: z.infer<typeof worklistQuery>): WorklistScope {
  const outside = (code: ApiErrorCode, detail: string): never => {
    throw new ApiError(code, detail);
  };
  if (principal.role === 'plan') {
    if (q.plan && q.plan !== principal.organisation) outside(ApiErrorCode.OrganisationNotAllowed, 'the worklist is limited to your own organisation');
    return { plan: principal.organisation, ...(q.provider ? { provider: q.provider } : {}), ...(q.leadCareManager ? { leadCareManager: q.leadCareManager } : {}) };
  }
  if (principal.role === 'provider') {
    if (q.provider && q.provider !== principal.organisation) outside(ApiErrorCode.OrganisationNotAllowed, 'the worklist is limited to your own organisation');
    if (principal.careManagerId && q.leadCareManager && q.leadCareManager !== principal.careManagerId) {
      outside(ApiErrorCode.NotLeadCareManager, 'a Lead Care Manager’s token sees only that Lead Care Manager’s worklist');
    }
    const leadCareManager = principal.careManagerId ?? q.leadCareManager;
    // The plan's own clocks (authorization, assignment, reauthorization) are not the provider's work.
    return { provider: principal.organisation, parties: ['provider', 'lead_care_manager'], ...(q.plan ? { plan: q.plan } : {}), ...(leadCareManager ? { leadCareManager } : {}) };
  }
  return { ...(q.plan ? { plan: q.plan } : {}), ...(q.provider ? { provider: q.provider } : {}), ...(q.leadCareManager ? { leadCareManager: q.leadCareManager } : {}) };
}

/** The worklist handler. */
export function listWorklist({ pool, config, clock }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const q = parseQuery(worklistQuery, req);
    const principal = callerOf(res);
    const scope = scopeOf(principal, q);
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    const nowMs = await clock();
    const rows = await queryWorklist(pool, config.plans, nowMs, scope, {
      ...(q.rule ? { rule: q.rule } : {}),
      ...(q.status ? { status: q.status } : {}),
      ...(q.dueBefore ? { dueBeforeMs: Date.parse(q.dueBefore) } : {}),
    }, q.limit, after);
    const page = rows.slice(0, q.limit);
    // Every member the caller is about to see is in the audit trail first.
    if (page.length) {
      await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, memberIds: [...new Set(page.map((r) => r.member_id))], action: 'listWorklist', outcome: 'allowed' });
    }
    const last = page.at(-1);
    res.json({
      items: page.map((r) => {
        const rule = DEADLINE_RULES[r.rule as DeadlineRuleId];
        return {
          rule: r.rule,
          act: rule?.title ?? r.rule,
          ...(rule ? { source: rule.source } : {}),
          dueAt: formatInstant(r.due_at.getTime(), resolvePlanPolicy(config.plans, r.plan).calendar.timeZone),
          status: r.item_status,
          responsibleParty: r.party,
          memberId: r.member_id,
          stage: r.stage,
          plan: r.plan,
          ...(r.provider_id ? { providerId: r.provider_id } : {}),
          ...(r.care_manager_id ? { leadCareManagerId: r.care_manager_id } : {}),
          deadlineKey: r.deadline_key,
          ...(r.pending_tasks?.length ? { pendingTasks: r.pending_tasks } : {}),
          links: { journey: `/v1/members/${r.member_id}` },
        };
      }),
      ...(rows.length > q.limit && last ? { nextCursor: encodeCursor({ dueMs: last.due_at.getTime(), referralKey: last.referral_key, deadlineKey: last.deadline_key }) } : {}),
    });
  };
}
