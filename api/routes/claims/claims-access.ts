/**
 * Who may read a provider's claims month: the provider itself, or a plan for its own members at
 * one of its providers (one that served them in the month). Anything else answers exactly like a
 * month that does not exist (404), and the attempt is on record.
 */
import type { Response } from 'express';
import { appendAudit } from '../../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { plansServedBy } from '../../../src/infra/billing/provider-month';

/** The plan and provider a caller may read, and how to audit the read. */
export interface ClaimsMonthScope {
  readonly plan: string;
  readonly providerId: string;
  readonly month: string;
  readonly audit: (memberIds: readonly string[]) => Promise<void>;
}

/** Resolves the month the caller may read, or refuses (403 another plan named, 404 not the caller's). */
export async function claimsMonthScope(
  deps: RouteDependencies,
  res: Response,
  action: string,
  q: { readonly provider: string; readonly month: string; readonly plan?: string | undefined },
): Promise<ClaimsMonthScope> {
  const principal = callerOf(res);
  const audit = { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, action };
  const served = await plansServedBy(deps.pool, q.provider, q.month);
  let plan = q.plan;
  let owned: boolean;
  if (principal.role === 'plan') {
    if (plan && plan !== principal.organisation) {
      await appendAudit(deps.pool, { ...audit, memberIds: [], outcome: 'denied', reason: ApiErrorCode.OrganisationNotAllowed });
      throw new ApiError(ApiErrorCode.OrganisationNotAllowed, 'a plan reads only its own members’ claims');
    }
    plan = principal.organisation;
    owned = served.includes(plan);
  } else {
    owned = principal.role === 'provider' && q.provider === principal.organisation;
    plan ??= served[0];
  }
  if (!owned) {
    await appendAudit(deps.pool, { ...audit, memberIds: [], outcome: 'denied', reason: ApiErrorCode.NotFound });
    throw new ApiError(ApiErrorCode.NotFound, 'no such claims month');
  }
  return {
    plan: plan ?? '',
    providerId: q.provider,
    month: q.month,
    audit: (memberIds) => appendAudit(deps.pool, { ...audit, memberIds: [...memberIds], outcome: 'allowed' }),
  };
}
