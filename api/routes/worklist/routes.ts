/** Issue 14 §1: the worklist's route-table entry and handler. */
import type { RequestHandler } from 'express';
import type { RouteSpec } from '../../route-spec';
import type { RouteDependencies } from '../../dependencies';
import { listWorklist, worklistQuery } from './list-worklist';

export const WORKLIST_ROUTES = [
  {
    operationId: 'listWorklist', method: 'get', path: '/v1/worklist', success: 200,
    summary: 'The caller’s open and breached deadlines, soonest first, each naming its rule and the act that meets it',
    rules: ['R-AUTH-ROUTINE', 'R-AUTH-EXPEDITED', 'R-ASSIGN', 'R-DECLINE-1BD', 'R-LCM-72H', 'R-OUTREACH-30D', 'R-ASSESS-START', 'R-ASSESS-COMPLETE', 'R-CAREPLAN-14D', 'R-PROVIDER-CHANGE-30D', 'R-PCQ-WINDOW', 'R-AUTH-LAPSE', 'R-TCS-24H', 'R-TCS-7D', 'R-TCS-TASKS'],
    access: { roles: ['plan', 'provider', 'ops'], auditsReadsItself: true }, query: worklistQuery,
  },
] as const satisfies readonly RouteSpec[];

export function worklistHandlers(deps: RouteDependencies): Record<(typeof WORKLIST_ROUTES)[number]['operationId'], RequestHandler> {
  return { listWorklist: listWorklist(deps) };
}
