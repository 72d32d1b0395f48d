/**
 * `GET /v1/claims/months?provider=&month=YYYY-MM[&plan=]` (R-PAY-6U): each member-month of a
 * provider's month, payable or not and why, from the care record's services and authorization
 * periods. Members are named by opaque ID only; the read is audited.
 */
import type { RequestHandler } from 'express';
import type { RouteDependencies } from '../../dependencies';
import { parseQuery } from '../../validation';
import { claimsMonthScope } from './claims-access';
import { claimsMonthQuery } from './claims-schema';
import { judgedProviderMonth } from './provider-month';

/** The handler. */
export function getClaimsMonths(deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const q = parseQuery(claimsMonthQuery, req);
    const scope = await claimsMonthScope(deps, res, 'listClaimsMonths', q);
    const { memberMonths } = await judgedProviderMonth(deps, scope.plan, scope.providerId, scope.month);
    await scope.audit(memberMonths.map((m) => m.memberId));
    const view = (m: (typeof memberMonths)[number]) => ({
      memberId: m.memberId, units: m.units, outreachUnits: m.outreachUnits, outreachUnitsNotAuthorized: m.outreachUnitsNotAuthorized, serviceDates: m.serviceDates, reasons: m.reasons,
    });
    res.status(200).json({
      plan: scope.plan || null,
      providerId: scope.providerId,
      month: scope.month,
      payable: memberMonths.filter((m) => m.payable).map(view),
      notPayable: memberMonths.filter((m) => !m.payable).map(view),
    });
  };
}
