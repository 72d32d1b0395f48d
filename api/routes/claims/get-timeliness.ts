/**
 * `GET /v1/claims/timeliness?provider=&from=&to=[&plan=]` (R-PAY-TIMELY, Guide §15): of a
 * provider's clean claims received from `from` to `to` (local dates, plan zone), the shares paid
 * within 30 and within 90 days of receipt, against the 90% and 99% targets. A provider reads its
 * own; a plan its own claims at a provider that served its members; anything else answers 404.
 */
import type { RequestHandler } from 'express';
import { appendAudit } from '../../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { parseQuery } from '../../validation';
import { localDateOf } from '../../../src/core/calendar';
import { resolvePlanPolicy } from '../../../src/core/plan-policies';
import { TIMELY_TARGETS, timelinessOf } from '../../../src/core/billing/claims-timeliness';
import { timelinessQuery } from './claims-schema';

/** The handler. */
export function getTimeliness(deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const q = parseQuery(timelinessQuery, req);
    const principal = callerOf(res);
    const audit = { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, action: 'getClaimsTimeliness' };
    const deny = async (error: ApiError): Promise<never> => {
      await appendAudit(deps.pool, { ...audit, memberIds: [], outcome: 'denied', reason: error.code });
      throw error;
    };
    if (principal.role === 'plan' && q.plan && q.plan !== principal.organisation) await deny(new ApiError(ApiErrorCode.OrganisationNotAllowed, 'a plan reads only its own claims'));
    const plan = principal.role === 'plan' ? principal.organisation : q.plan;
    const owned = principal.role === 'provider'
      ? q.provider === principal.organisation
      : ((await deps.pool.query('SELECT 1 FROM ecm_services WHERE plan = $1 AND provider_id = $2 LIMIT 1', [plan, q.provider])).rowCount ?? 0) > 0;
    if (!owned) await deny(new ApiError(ApiErrorCode.NotFound, 'no such provider'));
    const { rows } = await deps.pool.query<{ plan: string; received_at: Date; paid_at: Date | null }>(
      `SELECT plan, received_at, paid_at FROM claims
        WHERE provider_id = $1 AND ($2::text IS NULL OR plan = $2) AND clean AND received_at IS NOT NULL
          AND received_at >= ($3::date - interval '1 day') AND received_at < ($4::date + interval '2 days')`,
      [q.provider, plan ?? null, q.from, q.to],
    );
    // The window is widened by a day either side in SQL and cut exactly in the plan's zone here.
    const claims = rows
      .map((r) => {
        const tz = resolvePlanPolicy(deps.config.plans, r.plan).calendar.timeZone;
        return { receivedOn: localDateOf(r.received_at.getTime(), tz), ...(r.paid_at ? { paidOn: localDateOf(r.paid_at.getTime(), tz) } : {}) };
      })
      .filter((c) => q.from <= c.receivedOn && c.receivedOn <= q.to);
    await appendAudit(deps.pool, { ...audit, memberIds: [], outcome: 'allowed' });
    res.status(200).json({ providerId: q.provider, plan: plan ?? null, from: q.from, to: q.to, targets: TIMELY_TARGETS, ...timelinessOf(claims) });
  };
}
