/**
 * Issue 12's routes: the plan's Member Information File, the import of members already in ECM,
 * their reports, and the reconciliation items the files open, so the route table and the app each
 * take them in one line.
 */
import type { RequestHandler } from 'express';
import { EVERYONE, PLAN } from '../../../src/core/roles';
import type { RouteDependencies } from '../../dependencies';
import type { RouteSpec } from '../../route-spec';
import { getImport } from './get-import';
import { importQuery } from './import-body';
import { listReconciliation, reconciliationItemsQuery } from './list-reconciliation-items';
import { postMif } from './post-mif';
import { postMemberImport } from './post-member-import';

export const IMPORT_ROUTES = [
  {
    operationId: 'importMif', method: 'post', path: '/v1/mif', success: 202, bodyType: 'file',
    summary: 'Take in the plan’s Member Information File (CSV or pipe-delimited); its rows run as an import workflow',
    rules: ['R-ASSIGN', 'R-DECLINE-1BD', 'R-LCM-72H', 'R-DISCONTINUE'],
    access: { roles: PLAN }, query: importQuery,
  },
  {
    operationId: 'getMifImport', method: 'get', path: '/v1/mif/:importId', success: 200,
    summary: 'A MIF import’s report: created, reconciled, unchanged, rejected (line and reason), missing members',
    rules: ['R-DISCONTINUE'], access: { roles: ['plan', 'ops'], auditsReadsItself: true },
  },
  {
    operationId: 'importMembers', method: 'post', path: '/v1/imports/members', success: 202, bodyType: 'file',
    summary: 'Bring in members already in ECM (JSON Lines): each member’s referral and past acts, replayed through the journey’s rules',
    rules: [], access: { roles: PLAN }, query: importQuery,
  },
  {
    operationId: 'getMemberImport', method: 'get', path: '/v1/imports/members/:importId', success: 200,
    summary: 'A members import’s report: created, rejected (line and reason)',
    rules: [], access: { roles: ['plan', 'ops'], auditsReadsItself: true },
  },
  {
    operationId: 'listReconciliationItems', method: 'get', path: '/v1/reconciliation-items', success: 200,
    summary: 'Members a plan’s file says are no longer eligible or missing, for the provider to discontinue or the plan to correct',
    rules: ['R-DISCONTINUE'], access: { roles: EVERYONE, auditsReadsItself: true }, query: reconciliationItemsQuery,
  },
] as const satisfies readonly RouteSpec[];

export type ImportOperationId = (typeof IMPORT_ROUTES)[number]['operationId'];

export function importHandlers(deps: RouteDependencies): Record<ImportOperationId, RequestHandler> {
  return {
    importMif: postMif(deps),
    getMifImport: getImport(deps, 'mif', 'getMifImport'),
    importMembers: postMemberImport(deps),
    getMemberImport: getImport(deps, 'members', 'getMemberImport'),
    listReconciliationItems: listReconciliation(deps),
  };
}
