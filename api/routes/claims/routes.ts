/** Issue 13, getting paid: the claims routes' route-table entries and handlers. */
import type { RequestHandler } from 'express';
import type { RouteSpec } from '../../route-spec';
import type { RouteDependencies } from '../../dependencies';
import { adjudicationBody, claimLinesQuery, claimsMonthQuery, claimsSubmissionBody, timelinessQuery } from './claims-schema';
import { postAdjudication } from './post-adjudication';
import { getTimeliness } from './get-timeliness';
import { getClaimLines } from './get-claim-lines';
import { getClaimsMonths } from './get-months';
import { postClaimsSubmission } from './post-submission';

const reader = { roles: ['plan', 'provider'], auditsReadsItself: true } as const;

export const CLAIMS_ROUTES = [
  {
    operationId: 'submitClaims', method: 'post', path: '/v1/claims/submissions', success: 200,
    summary: 'Mark a batch of a provider month’s claims submitted (meets R-CLAIMS-60D; idempotent by batch ID and Idempotency-Key)',
    rules: ['R-CLAIMS-60D'], access: { roles: ['provider'], auditsReadsItself: true }, body: claimsSubmissionBody,
  },
  {
    operationId: 'listClaimsMonths', method: 'get', path: '/v1/claims/months', success: 200,
    summary: 'A provider month’s member-months, payable or not and why (R-PAY-6U), from the care record',
    rules: ['R-PAY-6U'], access: reader, query: claimsMonthQuery,
  },
  {
    operationId: 'getClaimsTimeliness', method: 'get', path: '/v1/claims/timeliness', success: 200,
    summary: 'The shares of a provider’s clean claims paid within 30 and within 90 days of receipt (R-PAY-TIMELY)',
    rules: ['R-PAY-TIMELY'], access: reader, query: timelinessQuery,
  },
  {
    operationId: 'adjudicateClaim', method: 'post', path: '/v1/claims/:claimId/adjudication', success: 200,
    summary: 'The plan marks a submitted claim paid or denied, with its receipt and payment dates (R-PAY-TIMELY)',
    rules: ['R-PAY-TIMELY'], access: { roles: ['plan'], auditsReadsItself: true }, body: adjudicationBody,
  },
  {
    operationId: 'getClaimLines', method: 'get', path: '/v1/claims', success: 200,
    summary: 'A provider month’s claim lines (CSV; or the invoice, or the non-payable months with reasons; PHI, audited)',
    rules: ['R-PAY-6U', 'R-CLAIMS-60D'], access: reader, query: claimLinesQuery,
  },
] as const satisfies readonly RouteSpec[];

export function claimsHandlers(deps: RouteDependencies): Record<(typeof CLAIMS_ROUTES)[number]['operationId'], RequestHandler> {
  return {
    submitClaims: postClaimsSubmission(deps),
    listClaimsMonths: getClaimsMonths(deps),
    getClaimLines: getClaimLines(deps),
    getClaimsTimeliness: getTimeliness(deps),
    adjudicateClaim: postAdjudication(deps),
  };
}
