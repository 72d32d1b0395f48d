/**
 * Every route of the API in one table: its operation (also the audit action), who may call it,
 * whose data it touches, and its request schema. The router mounts exactly these routes, the
 * access guard enforces their `access`, the OpenAPI document is generated from them, and the
 * route × role test walks them, so the four can never disagree.
 */
import { EVERYONE, PLAN, PROVIDER } from '../src/core/roles';
import type { RouteSpec } from './route-spec';

export type { RouteAccess, RouteSpec } from './route-spec';
import { JOURNEY_ACTION_ROUTES } from './journey-action-routes';
import { adtBatchSchema } from './adt/adt-event-schema';
import { eligibilityEvaluateBody } from './routes/post-eligibility-evaluate';
import { referralBody } from './routes/post-referral';
import { taskCompletionBody, transitionTaskQuery } from './routes/post-transition-task';
import { listMembersQuery } from './routes/list-members';
import { listUnmatchedAdtQuery } from './routes/get-adt-unmatched';
import { listNoticesQuery } from './routes/list-notices';
import { FHIR_ROUTES } from './routes/fhir/routes';
import { PEOPLE_AT_WORK_ROUTES } from './routes/people-at-work';
import { REPORT_ROUTES } from './routes/reports/routes';
import { CLAIMS_ROUTES } from './routes/claims/routes';
import { IMPORT_ROUTES } from './routes/imports/routes';

const bodyPlan = (req: { readonly body?: unknown }) => [(req.body as { plan?: unknown } | undefined)?.plan];

/** The API. Order matters only for Express matching: fixed paths before parameterised ones. */
export const ROUTES = [
  {
    operationId: 'createReferral', method: 'post', path: '/v1/referrals', success: 202,
    summary: 'Start a member’s ECM journey from a referral (idempotent by plan + referral ID)',
    rules: ['R-AUTH-ROUTINE', 'R-AUTH-EXPEDITED', 'R-AUTH-PRESUMPTIVE', 'R-ELIGIBILITY', 'R-CONTINUITY', 'R-AGE-21'],
    access: {
      roles: PLAN,
      // The handler writes the audit row in the same statement as the referral (issue 16 §1).
      auditsReadsItself: true,
      plansNamed: bodyPlan,
      memberNamed: (req) => ({ plan: (req.body as { plan?: unknown } | undefined)?.plan, cin: (req.body as { member?: { cin?: unknown } } | undefined)?.member?.cin }),
    },
    body: referralBody,
  },
  {
    operationId: 'evaluateEligibility', method: 'post', path: '/v1/eligibility/evaluate', success: 200,
    summary: 'Judge a member’s facts against the ECM Populations of Focus (changes nothing)',
    rules: ['R-ELIGIBILITY'], access: { roles: EVERYONE }, body: eligibilityEvaluateBody,
  },
  {
    operationId: 'receiveAdtEvents', method: 'post', path: '/v1/adt', success: 200,
    summary: 'Take in a batch of ADT events as JSON; each starts or updates transitional care',
    rules: ['R-TCS-24H', 'R-TCS-7D', 'R-TCS-30D'],
    access: { roles: PLAN, plansNamed: (req) => {
      const events = (req.body as { events?: unknown } | undefined)?.events;
      return Array.isArray(events) ? events.map((e) => (e as { plan?: unknown } | null)?.plan) : [];
    } },
    body: adtBatchSchema,
  },
  {
    operationId: 'receiveAdtHl7', method: 'post', path: '/v1/adt/hl7', success: 200, bodyType: 'hl7',
    summary: 'Take in HL7 v2 ADT messages (ER7) for one plan; answered with HL7 ACKs',
    rules: ['R-TCS-24H'],
    access: { roles: PLAN, plansNamed: (req) => [(req.query as { plan?: unknown }).plan] },
  },
  {
    operationId: 'listUnmatchedAdt', method: 'get', path: '/v1/adt/unmatched', success: 200,
    summary: 'ADT messages no open journey took, kept for reconciliation',
    rules: [], access: { roles: ['plan', 'ops'], auditsReadsItself: true, plansNamed: (req) => {
      const plan = (req.query as { plan?: unknown }).plan;
      return plan === undefined ? [] : [plan];
    } },
    query: listUnmatchedAdtQuery,
  },
  {
    operationId: 'listMembers', method: 'get', path: '/v1/members', success: 200,
    summary: 'The caller’s members from the care record, filtered and paginated',
    rules: [], access: { roles: EVERYONE, auditsReadsItself: true }, query: listMembersQuery,
  },
  {
    operationId: 'listNotices', method: 'get', path: '/v1/notices', success: 200,
    summary: 'Notices of Action with their delivery status: a plan’s own, a provider’s members’, or all for ops',
    rules: ['R-DENIAL-NOA'], access: { roles: EVERYONE, auditsReadsItself: true }, query: listNoticesQuery,
  },
  ...PEOPLE_AT_WORK_ROUTES,
  ...REPORT_ROUTES,
  ...CLAIMS_ROUTES,
  {
    operationId: 'getMember', method: 'get', path: '/v1/members/:memberId', success: 200,
    summary: 'A member’s journey: stage, parties, every deadline, open transitional care',
    rules: [], access: { roles: EVERYONE },
  },
  {
    operationId: 'completeTransitionTask', method: 'post', path: '/v1/members/:memberId/transitions/:visitId/tasks/:task', success: 200,
    summary: 'Complete or waive a transitional-care task of a hospital visit',
    rules: ['R-TCS-TASKS', 'R-TCS-DRA', 'R-TCS-7D'], access: { roles: PROVIDER }, body: taskCompletionBody, query: transitionTaskQuery,
  },
  // The journey actions, each defined once with its route (src/core/domain/actions/journey-actions.ts).
  ...JOURNEY_ACTION_ROUTES,
  ...FHIR_ROUTES,
  ...IMPORT_ROUTES,
] as const satisfies readonly RouteSpec[];

/** One of the operation IDs. */
export type OperationId = (typeof ROUTES)[number]['operationId'];

/** Routes outside `/v1` that need no bearer token: liveness, readiness, metrics, and the API's own description. */
export const OPEN_PATHS = ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs'] as const;
