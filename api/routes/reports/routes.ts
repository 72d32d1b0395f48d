/** Issue 12 §3: the provider's monthly files (RTF, OTF, Staffing and Capacity), route-table entries and handlers. */
import type { RequestHandler } from 'express';
import type { RouteSpec } from '../../route-spec';
import type { RouteDependencies } from '../../dependencies';
import { getReport, reportQuery } from './get-report';

const access = { roles: ['plan', 'provider'], auditsReadsItself: true } as const;

export const REPORT_ROUTES = [
  {
    operationId: 'getReturnTransmissionFile', method: 'get', path: '/v1/reports/rtf', success: 200,
    summary: 'The Return Transmission File of a provider for a month (CSV; one row per assigned member; PHI, audited)',
    rules: ['R-DISCONTINUE'], access, query: reportQuery,
  },
  {
    operationId: 'getOutreachTrackerFile', method: 'get', path: '/v1/reports/otf', success: 200,
    summary: 'The Outreach Tracker File of a provider for a month (CSV; one row per outreach attempt; PHI, audited)',
    rules: ['R-OUTREACH-30D'], access, query: reportQuery,
  },
  {
    operationId: 'getStaffingCapacityReport', method: 'get', path: '/v1/reports/capacity', success: 200,
    summary: 'The Staffing and Capacity report of a provider for a month (CSV; caseload per Lead Care Manager)',
    rules: ['R-CASELOAD-50'], access, query: reportQuery,
  },
] as const satisfies readonly RouteSpec[];

export function reportHandlers(deps: RouteDependencies): Record<(typeof REPORT_ROUTES)[number]['operationId'], RequestHandler> {
  return {
    getReturnTransmissionFile: getReport(deps, 'rtf'),
    getOutreachTrackerFile: getReport(deps, 'otf'),
    getStaffingCapacityReport: getReport(deps, 'capacity'),
  };
}
