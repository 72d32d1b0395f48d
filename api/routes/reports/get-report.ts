/**
 * `GET /v1/reports/{rtf|otf|capacity}?provider=&month=YYYY-MM[&plan=]`: a provider's monthly file
 * as `text/csv`, from the care record. A provider gets its own files only (another provider's
 * answers 404, audited as a denial); a plan gets a file of one of its providers limited to its own
 * members, and only a provider that has served one of them (else 404); ops are refused (403): the
 * files are PHI for the exchange between plan and provider, not for operating the system. Every
 * member in the file is in the audit trail before a byte is sent.
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { appendAudit } from '../../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { parseQuery } from '../../validation';
import { safeString } from '../../text';
import { ORGANISATION_CODE_PATTERN } from '../../../src/infra/identity';
import type { ReportKind } from '../../../src/core/reports/report-columns';
import { parseReportMonth } from '../../../src/core/reports/report-month';
import { reportFileNameOf, reportMemberIds, writeReport, type ReportRequest, type ReportSources } from '../../../src/infra/reports/monthly-report';

/** The file's query. Strict: an unknown parameter is refused. */
export const reportQuery = z.strictObject({
  provider: safeString().regex(ORGANISATION_CODE_PATTERN),
  month: safeString().refine((m) => parseReportMonth(m) !== undefined, 'a month as YYYY-MM (1900–2200)'),
  /** Only this plan's members, in its template (a plan's token: its own plan, the default). */
  plan: safeString().regex(ORGANISATION_CODE_PATTERN).optional(),
});

/** The operation IDs, by file. */
export const REPORT_OPERATIONS = { rtf: 'getReturnTransmissionFile', otf: 'getOutreachTrackerFile', capacity: 'getStaffingCapacityReport' } as const satisfies Record<ReportKind, string>;

async function planHasServedProvider(deps: RouteDependencies, plan: string, provider: string): Promise<boolean> {
  const { rowCount } = await deps.pool.query(
    'SELECT 1 FROM provider_assignments a JOIN member_journeys j ON j.referral_key = a.referral_key WHERE a.provider_id = $1 AND j.plan = $2 LIMIT 1',
    [provider, plan],
  );
  return (rowCount ?? 0) > 0;
}

/** The handler of one file's route. */
export function getReport(deps: RouteDependencies, kind: ReportKind): RequestHandler {
  const action = REPORT_OPERATIONS[kind];
  return async (req, res) => {
    const q = parseQuery(reportQuery, req);
    const principal = callerOf(res);
    const audit = { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, action };
    let plan = q.plan;
    if (principal.role === 'plan') {
      if (plan && plan !== principal.organisation) throw new ApiError(ApiErrorCode.OrganisationNotAllowed, 'a plan reads only its own members’ files');
      plan = principal.organisation;
    }
    const owned = principal.role === 'provider' ? q.provider === principal.organisation : await planHasServedProvider(deps, plan!, q.provider);
    if (!owned) {
      // Another provider's file answers as one that does not exist, and the attempt is on record.
      await appendAudit(deps.pool, { ...audit, memberIds: [], outcome: 'denied', reason: ApiErrorCode.NotFound });
      throw new ApiError(ApiErrorCode.NotFound, 'no such report');
    }
    const sources: ReportSources = { pool: deps.pool, plans: deps.config.plans, providers: deps.config.providers ?? {} };
    const request: ReportRequest = { kind, providerId: q.provider, month: parseReportMonth(q.month)!, ...(plan ? { plan } : {}), producedAtMs: await deps.clock() };
    await appendAudit(deps.pool, { ...audit, memberIds: await reportMemberIds(sources, request), outcome: 'allowed' });
    res.status(200).type('text/csv; charset=utf-8').attachment(reportFileNameOf(sources, request));
    await writeReport(sources, request, res);
  };
}
