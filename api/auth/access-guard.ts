/**
 * Enforces a route's access (route-table.ts) for the authenticated caller, in this order:
 *   1. role: a role the route does not serve is refused 403;
 *   2. organisation: a plan acting for another plan is refused 403;
 *   3. member: a member the caller may not see answers exactly as a member that does not exist,
 *      404, so IDs cannot be probed;
 *   4. Lead Care Manager (R-ONE-LCM): a token of one Lead Care Manager acts only on their members.
 * Every decision is appended to the audit trail before it takes effect.
 */
import type { Request, RequestHandler } from 'express';
import type { Pool } from 'pg';
import { appendAudit } from '../audit/audit-trail';
import { deriveMemberId, MEMBER_ID_PATTERN } from '../../src/infra/identity';
import { ApiError, ApiErrorCode } from '../problem';
import type { RouteSpec } from '../route-spec';
import { memberIdParam } from '../validation';
import { callerOf, clientRequestIdOf, requestIdOf } from './caller';
import { canSee, memberParties } from './member-visibility';

/** The guard for one route. */
export function accessGuard(spec: RouteSpec, pool: Pool, memberIdKey: string, onDenied: (reason: string) => void): RequestHandler {
  return async (req, res, next) => {
    const principal = callerOf(res);
    const deny = async (error: ApiError, reason: string, memberId?: string): Promise<never> => {
      onDenied(reason);
      await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, memberIds: memberId ? [memberId] : [], action: spec.operationId, outcome: 'denied', reason });
      throw error;
    };
    if (!spec.access.roles.includes(principal.role)) {
      await deny(new ApiError(ApiErrorCode.RoleNotAllowed, `the ${principal.role} role may not call ${spec.operationId}`), ApiErrorCode.RoleNotAllowed, rawMemberId(req));
    }
    if (principal.role === 'plan' && spec.access.plansNamed) {
      const foreign = spec.access.plansNamed(req).some((plan) => typeof plan === 'string' && plan !== principal.organisation);
      if (foreign) await deny(new ApiError(ApiErrorCode.OrganisationNotAllowed, 'a plan may act only for its own members'), ApiErrorCode.OrganisationNotAllowed);
    }
    let memberId: string | undefined;
    if (spec.path.includes(':memberId')) {
      memberId = memberIdParam(req);
      const parties = await memberParties(pool, memberId);
      if (!parties || !canSee(principal, parties)) {
        await deny(new ApiError(ApiErrorCode.MemberNotFound, `no journey exists for member ${memberId}`), 'member_not_visible', parties ? memberId : undefined);
      }
      if (spec.access.leadCareManagerOnly && principal.careManagerId && parties?.careManagerId && parties.careManagerId !== principal.careManagerId) {
        await deny(new ApiError(ApiErrorCode.NotLeadCareManager, 'only the member’s Lead Care Manager may do this (R-ONE-LCM)'), ApiErrorCode.NotLeadCareManager, memberId);
      }
      const named = spec.access.careManagerNamed?.(req);
      if (principal.careManagerId && typeof named === 'string' && named.trim() !== principal.careManagerId) {
        await deny(new ApiError(ApiErrorCode.NotLeadCareManager, 'a Lead Care Manager’s token may name only that Lead Care Manager (R-ONE-LCM)'), ApiErrorCode.NotLeadCareManager, memberId);
      }
    }
    const bodyMember = spec.access.memberNamed?.(req);
    if (!memberId && bodyMember && typeof bodyMember.plan === 'string' && typeof bodyMember.cin === 'string') {
      // The same derivation intake uses, so the audit row names the member the referral starts.
      memberId = deriveMemberId(memberIdKey, bodyMember.plan, bodyMember.cin.trim());
    }
    if (!spec.access.auditsReadsItself) {
      await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, memberIds: memberId ? [memberId] : [], action: spec.operationId, outcome: 'allowed' });
    }
    next();
  };
}

/** The member ID of the path when it is well-formed, for the audit of a denial. */
function rawMemberId(req: Request): string | undefined {
  const id = req.params.memberId;
  return typeof id === 'string' && MEMBER_ID_PATTERN.test(id) ? id : undefined;
}
