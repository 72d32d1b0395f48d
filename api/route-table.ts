/**
 * Every route of the API in one table: its operation (also the audit action), who may call it,
 * whose data it touches, and its request schema. The router mounts exactly these routes, the
 * access guard enforces their `access`, the OpenAPI document is generated from them, and the
 * route × role test walks them, so the four can never disagree.
 */
import type { z } from 'zod';
import type { Role } from '../src/infra/auth/principal';
import * as bodies from './routes/journey-actions';
import { adtBatchSchema } from './adt/adt-event-schema';
import { assignmentBody } from './routes/post-assignment';
import { assignmentResponseBody } from './routes/post-assignment-response';
import { authorizationBody } from './routes/post-authorization';
import { eligibilityEvaluateBody } from './routes/post-eligibility-evaluate';
import { leadCareManagerBody } from './routes/post-lead-care-manager';
import { referralBody } from './routes/post-referral';
import { taskCompletionBody, transitionTaskQuery } from './routes/post-transition-task';
import { listMembersQuery } from './routes/list-members';
import { listUnmatchedAdtQuery } from './routes/get-adt-unmatched';
import { listNoticesQuery } from './routes/list-notices';
import { PEOPLE_AT_WORK_ROUTES } from './routes/people-at-work';

/** Who may call a route, and what they must own. */
export interface RouteAccess {
  readonly roles: readonly Role[];
  /**
   * The plans a plan-role caller acts for, read from the raw request before validation: each must
   * be the caller's own (a plan cannot start a journey or send ADT for another plan).
   */
  readonly plansNamed?: (req: { readonly body?: unknown; readonly query: unknown }) => readonly unknown[];
  /**
   * R-ONE-LCM: when a provider's token names one Lead Care Manager, only the member's own Lead
   * Care Manager may do this (an organisation-wide provider token may act for any of its staff).
   */
  readonly leadCareManagerOnly?: boolean;
  /** R-ONE-LCM: the Lead Care Manager the raw request names; a token of one Lead Care Manager may name only itself. */
  readonly careManagerNamed?: (req: { readonly body?: unknown }) => unknown;
  /** For a route that names its member in the body, not the path: plan and CIN, for the audit row. */
  readonly memberNamed?: (req: { readonly body?: unknown }) => { readonly plan: unknown; readonly cin: unknown };
  /** The handler audits the members it returns itself (a list); the guard then audits only denials. */
  readonly auditsReadsItself?: boolean;
}

/** One route. */
export interface RouteSpec {
  /** Unique; names the handler, the OpenAPI operation and the audit action. */
  readonly operationId: string;
  readonly method: 'get' | 'post' | 'delete';
  /** Express path under the app root, e.g. `/v1/members/:memberId`. */
  readonly path: string;
  readonly summary: string;
  /** Rule IDs the route records or enforces. */
  readonly rules: readonly string[];
  readonly access: RouteAccess;
  readonly body?: z.ZodType;
  /** `text/plain` for HL7 v2 (ER7); JSON otherwise. */
  readonly bodyType?: 'json' | 'hl7';
  readonly query?: z.ZodType;
  /** The success status. */
  readonly success: 200 | 202;
}

const PLAN = ['plan'] as const satisfies readonly Role[];
const PROVIDER = ['provider'] as const satisfies readonly Role[];
const PLAN_OR_PROVIDER = ['plan', 'provider'] as const satisfies readonly Role[];
const EVERYONE = ['plan', 'provider', 'ops'] as const satisfies readonly Role[];

/** A journey action under `/v1/members/:memberId/`. */
function memberAction<O extends string>(
  operationId: O,
  path: string,
  roles: readonly Role[],
  body: z.ZodType,
  summary: string,
  rules: readonly string[],
  leadCareManagerOnly = false,
): RouteSpec & { readonly operationId: O } {
  return { operationId, method: 'post', path: `/v1/members/:memberId/${path}`, summary, rules, access: { roles, ...(leadCareManagerOnly ? { leadCareManagerOnly } : {}) }, body, success: 200 };
}

const bodyPlan = (req: { readonly body?: unknown }) => [(req.body as { plan?: unknown } | undefined)?.plan];

/** The API. Order matters only for Express matching: fixed paths before parameterised ones. */
export const ROUTES = [
  {
    operationId: 'createReferral', method: 'post', path: '/v1/referrals', success: 202,
    summary: 'Start a member’s ECM journey from a referral (idempotent by plan + referral ID)',
    rules: ['R-AUTH-ROUTINE', 'R-AUTH-EXPEDITED', 'R-AUTH-PRESUMPTIVE', 'R-ELIGIBILITY', 'R-CONTINUITY', 'R-AGE-21'],
    access: {
      roles: PLAN,
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
  memberAction('decideAuthorization', 'authorization', PLAN, authorizationBody, 'The plan’s benefit determination', ['R-AUTH-ROUTINE', 'R-AUTH-EXPEDITED', 'R-DENIAL-NOA']),
  memberAction('assignProvider', 'assignment', PLAN, assignmentBody, 'Assign the member to an ECM provider', ['R-ASSIGN']),
  memberAction('respondToAssignment', 'assignment/response', PROVIDER, assignmentResponseBody, 'The provider accepts or declines the assignment', ['R-DECLINE-1BD']),
  {
    ...memberAction('nameLeadCareManager', 'lead-care-manager', PROVIDER, leadCareManagerBody, 'Name the member’s Lead Care Manager', ['R-LCM-72H', 'R-ONE-LCM', 'R-CASELOAD-50']),
    access: { roles: PROVIDER, careManagerNamed: (req) => (req.body as { careManagerId?: unknown } | undefined)?.careManagerId },
  },
  memberAction('logOutreachAttempt', 'outreach-attempts', PROVIDER, bodies.outreachAttemptBody, 'Document an outreach attempt', ['R-OUTREACH-30D'], true),
  memberAction('closeOutreach', 'outreach/close', PROVIDER, bodies.closeOutreachBody, 'Close outreach: unreachable or declined', ['R-UNREACHABLE'], true),
  memberAction('enrollMember', 'enrollment', PROVIDER, bodies.enrollmentBody, 'Record the member’s consent to ECM', ['R-OPT-IN'], true),
  memberAction('optOut', 'opt-out', PLAN_OR_PROVIDER, bodies.optOutBody, 'The member opts out of ECM', ['R-OPT-IN']),
  memberAction('recordAssessment', 'assessment', PROVIDER, bodies.assessmentBody, 'Start or complete the comprehensive assessment', ['R-ASSESS-START', 'R-ASSESS-COMPLETE'], true),
  memberAction('delayAssessment', 'assessment/delay', PROVIDER, bodies.assessmentDelayBody, 'A member-requested delay of the assessment', ['R-ASSESS-COMPLETE'], true),
  memberAction('recordCarePlan', 'care-plan', PROVIDER, bodies.carePlanBody, 'Record the care plan or a revision', ['R-CAREPLAN-14D', 'R-REASSESS'], true),
  memberAction('submitPcq', 'pcq', PROVIDER, bodies.pcqBody, 'Submit the Program Completion Questionnaire', ['R-PCQ-WINDOW'], true),
  memberAction('decideReauthorization', 'reauthorization', PLAN, bodies.reauthorizationBody, 'Reauthorize, deny or graduate', ['R-REAUTH-6M', 'R-GRADUATION', 'R-DENIAL-NOA']),
  memberAction('recordCaseConference', 'case-conference', PLAN_OR_PROVIDER, bodies.caseConferenceBody, 'Record the graduation case conference', ['R-GRADUATION']),
  memberAction('discontinue', 'discontinuation', PLAN_OR_PROVIDER, bodies.discontinuationBody, 'Discontinue ECM for a listed reason', ['R-DISCONTINUE']),
  memberAction('requestProviderChange', 'provider-change', PLAN_OR_PROVIDER, bodies.providerChangeBody, 'The member asks for another ECM provider', ['R-PROVIDER-CHANGE-30D']),
  memberAction('recordPcpChange', 'pcp-change', PLAN, bodies.pcpChangeBody, 'The member’s primary care provider changed', ['R-PCP-CHANGE']),
  memberAction('recordProgramFindings', 'program-findings', PLAN_OR_PROVIDER, bodies.programFindingsBody, 'Programs the member was found enrolled in', ['R-EXCLUDED', 'R-DUPLICATIVE']),
  memberAction('confirmEligibility', 'eligibility-confirmation', PROVIDER, bodies.eligibilityConfirmationBody, 'The provider confirms eligibility during outreach', ['R-ELIGIBILITY']),
  memberAction('chooseProgram', 'program-choice', PLAN_OR_PROVIDER, bodies.programChoiceBody, 'The member chooses ECM or the duplicative program', ['R-DUPLICATIVE']),
] as const satisfies readonly RouteSpec[];

/** One of the operation IDs. */
export type OperationId = (typeof ROUTES)[number]['operationId'];

/** Routes outside `/v1` that need no bearer token: liveness, readiness, metrics, and the API's own description. */
export const OPEN_PATHS = ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs'] as const;
