/**
 * The shapes the API answers with, for the OpenAPI document only (the request schemas are the
 * routes' own, from the route table). Each mirrors what its handler writes with `res.json`.
 */
import { z } from 'zod';
import { JOURNEY_STAGES } from '../../src/core/domain/journey-stage';
import { ADT_EVENT_TYPES, TCS_TASKS } from '../../src/core/domain/transitional-care/episode-state';
import { KNOWN_PROGRAMS } from '../../src/core/domain/programs';
import { ApiError, ApiErrorCode } from '../problem';
import { MEMBER_ID_PATTERN, ORGANISATION_CODE_PATTERN } from '../../src/infra/identity';

const MEMBER_ID = MEMBER_ID_PATTERN;
const ORG = ORGANISATION_CODE_PATTERN;
const instant = z.string().meta({ format: 'date-time' });
const date = z.string().meta({ format: 'date' });

/** The opaque member ID every journey is known by (never the CIN). */
export const memberIdSchema = z.string().regex(MEMBER_ID).meta({
  description: 'Opaque member ID (`mbr_` + 32 hex digits), keyed from plan and CIN; never the CIN itself.',
  example: 'mbr_0123456789abcdef0123456789abcdef',
});

const stage = z.enum(JOURNEY_STAGES).meta({ id: 'JourneyStage', description: 'Where the member’s ECM journey is.' });
const journeyLinks = z.object({ journey: z.string().meta({ description: 'The member’s journey (`GET /v1/members/{memberId}`).', example: '/v1/members/mbr_0123456789abcdef0123456789abcdef' }) });

/** What every journey action answers (api/routes/journey-action.ts). */
export const journeyActionResult = z
  .object({
    memberId: memberIdSchema,
    action: z.string().meta({ description: 'The action the journey applied.' }),
    stage,
    at: instant.meta({ description: 'The action’s own timestamp, as the journey recorded it.' }),
    communityReferralId: z.string().optional().meta({ description: 'The closed-loop referral created or updated (community-referrals routes).', example: 'clr-1' }),
    links: journeyLinks,
  })
  .meta({ id: 'JourneyActionResult', description: 'The journey took the action; a redelivery with the same Idempotency-Key answers the same.' });

/** `202` of `POST /v1/referrals`. */
export const referralAccepted = z
  .object({ memberId: memberIdSchema, referralId: z.string(), links: journeyLinks })
  .meta({ id: 'ReferralAccepted', description: 'The journey is started (or was already started by this very referral).' });

/** `POST /v1/adt`: one outcome per event, in order. */
export const adtResults = z
  .object({
    results: z.array(
      z.object({
        messageId: z.string(),
        status: z.enum(['accepted', 'duplicate', 'unmatched']).meta({ description: '`unmatched`: no open journey took it; kept for reconciliation.' }),
        memberId: memberIdSchema.optional(),
        reason: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'AdtResults' });

/** `GET /v1/adt/unmatched`. */
export const unmatchedAdt = z
  .object({
    unmatched: z.array(
      z.looseObject({
        messageId: z.string().meta({ description: 'The sender’s message control ID.' }),
        plan: z.string(),
        eventType: z.enum(ADT_EVENT_TYPES),
        format: z.enum(['json', 'hl7v2']),
        memberId: memberIdSchema.nullable(),
        facilityId: z.string().nullable(),
        reason: z.string().nullable(),
        receivedAt: instant,
        cin: z.string().nullable().meta({ description: 'The Medi-Cal CIN the message named (PHI: needed to reconcile).' }),
        visitId: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'UnmatchedAdt', description: 'Newest first.' });

/** `GET /v1/members`. */
export const memberList = z
  .object({
    members: z.array(
      z.object({
        memberId: memberIdSchema,
        plan: z.string().regex(ORG),
        stage,
        ended: z.boolean(),
        referralReceivedAt: instant,
        providerId: z.string().optional(),
        leadCareManagerId: z.string().optional(),
        overdue: z.boolean().meta({ description: 'A breached deadline still waits for its late act.' }),
        nextDeadline: z.object({ rule: z.string().nullable(), dueAt: instant }).optional(),
        links: journeyLinks,
      }),
    ),
    nextCursor: memberIdSchema.optional().meta({ description: 'Pass as `cursor` for the next page; absent on the last page.' }),
  })
  .meta({ id: 'MemberList' });

/** R-DENIAL-NOA: a Notice of Action as `GET /v1/notices` and `GET /v1/members/{memberId}` show it (api/routes/notice-view.ts). */
export const noticeOfAction = z
  .object({
    noticeId: z.string().regex(/^noa_[0-9a-f]{32}$/).meta({ description: 'Opaque notice ID.' }),
    memberId: memberIdSchema,
    plan: z.string().regex(ORG),
    type: z.enum(['denial', 'discontinuation']),
    reason: z.string(),
    decidedAt: instant.meta({ description: 'When the decision was made.' }),
    recipients: z.array(z.enum(['member', 'requester'])),
    appealRightsTemplate: z.string().optional().meta({ description: 'The "Your Rights" statement it carried (DHCS APL 21-011): `default`, or the plan code of the plan’s own template.' }),
    recordedAt: instant,
    delivery: z.object({
      status: z.enum(['pending', 'sent', 'failed']),
      attempts: z.number().int().min(0),
      transport: z.string().optional().meta({ description: 'e.g. `letter-file`.' }),
      lastAttemptAt: instant.optional(),
      sentAt: instant.optional(),
      failedAt: instant.optional(),
      error: z.string().optional().meta({ description: 'Why the last attempt failed (a code), while the notice is `failed`.' }),
    }),
    links: z.object({ member: z.string() }),
  })
  .meta({ id: 'NoticeOfAction', description: 'The notice’s facts and its delivery; never the letter itself.' });

/** `GET /v1/notices`. */
export const noticeList = z
  .object({
    notices: z.array(noticeOfAction),
    nextCursor: z.string().optional().meta({ description: 'Pass as `cursor` for the next page; absent on the last page.' }),
  })
  .meta({ id: 'NoticeList' });

const deadline = z.looseObject({
  key: z.string(),
  rule: z.string().meta({ description: 'The rule ID, e.g. R-AUTH-ROUTINE.' }),
  party: z.enum(['plan', 'provider', 'lead_care_manager']),
  startedAt: instant,
  dueAt: instant,
  status: z.enum(['open', 'met', 'breached', 'cancelled']),
  fulfilledAt: instant.optional(),
  breachedAt: instant.optional(),
});

/** `GET /v1/members/{memberId}`: the journey's view; open-ended, the journey grows. */
export const memberJourney = z
  .looseObject({
    memberId: memberIdSchema,
    plan: z.string(),
    timeZone: z.string().meta({ description: 'The plan’s IANA time zone; business days and dates are counted in it.' }),
    stage,
    overdue: z.boolean(),
    referral: z.looseObject({}),
    deadlines: z.array(deadline),
    nextDeadline: deadline.optional(),
    stageHistory: z.array(z.looseObject({})),
    pastAssignments: z.array(z.looseObject({})),
    assignment: z.looseObject({ providerId: z.string() }).optional(),
    leadCareManager: z.looseObject({}).optional(),
    episodes: z.array(z.looseObject({})).optional().meta({ description: 'Transitional-care episodes (R-TCS-*), one per hospital stay.' }),
    notices: z.array(noticeOfAction).meta({ description: 'R-DENIAL-NOA: the member’s Notices of Action, oldest first, with their delivery.' }),
  })
  .meta({
    id: 'MemberJourney',
    description:
      'The member’s journey: stage, parties, every deadline with rule, due instant and status, the care plan, consent, assessments, and open transitional care. Further fields appear as the journey progresses.',
  });

/** `POST /v1/members/{memberId}/transitions/{visitId}/tasks/{task}`. */
export const transitionTaskResult = z
  .object({
    memberId: memberIdSchema,
    task: z.enum(TCS_TASKS),
    status: z.string().meta({ description: 'The task’s status after this completion.' }),
    episodeStatus: z.string().meta({ description: 'The transitional-care episode’s status.' }),
  })
  .meta({ id: 'TransitionTaskResult' });

const programReason = z.object({ program: z.enum(KNOWN_PROGRAMS), reason: z.string() });

/** `POST /v1/eligibility/evaluate` (src/core/eligibility). */
export const eligibilityEvaluation = z
  .object({
    asOf: date,
    eligible: z.boolean(),
    age: z.number().int(),
    ageGroup: z.enum(['adult', 'child_youth']),
    populationsOfFocus: z.array(z.looseObject({ code: z.string(), met: z.boolean() })).meta({ description: 'Every Population of Focus with its verdict and reasons.' }),
    populationsOfFocusMet: z.array(z.string()),
    exclusions: z.array(programReason).meta({ description: 'R-EXCLUDED: programs that rule ECM out.' }),
    duplications: z.array(programReason).meta({ description: 'R-DUPLICATIVE: programs the member must choose between and ECM.' }),
    requiresProgramChoice: z.boolean(),
    complementary: z.array(z.enum(KNOWN_PROGRAMS)),
    ineligibilityReasons: z.array(z.string()),
    eligibilityReasons: z.array(z.string()),
  })
  .meta({ id: 'EligibilityEvaluation', description: 'The engine’s verdict with a reason for each part; nothing is stored.' });

/** `GET /healthz`. */
export const health = z.object({ status: z.literal('ok') });

/** One check of `GET /readyz`: its status, and for a failure the error's class and code (never a message). */
const readinessCheck = z.object({
  status: z.enum(['ok', 'failed']),
  error: z.object({ class: z.string(), code: z.string().optional() }).optional(),
  pollers: z.number().int().min(0).optional(),
});
/** `GET /readyz`. */
export const readiness = z
  .object({ status: z.enum(['ready', 'not_ready']), checks: z.object({ temporal: readinessCheck, database: readinessCheck, journeyWorkers: readinessCheck }) })
  .meta({ id: 'Readiness', description: 'Whether Temporal, the care-record database and the journey workers can serve requests now.' });

/** One payload in the Temporal Web UI's codec protocol: base64 metadata values and data. */
const codecPayload = z.object({
  metadata: z.record(z.string(), z.string().meta({ description: 'base64' })).optional(),
  data: z.string().meta({ description: 'base64' }).optional(),
});
/** The body and answer of `/codec/encode` and `/codec/decode`. */
export const codecPayloads = z.object({ payloads: z.array(codecPayload) }).meta({ id: 'CodecPayloads' });

/** Every machine-readable reason, with its HTTP status from the one status map of problem.ts. */
export const ERROR_CODES = Object.values(ApiErrorCode);
/** The codes answered with `status`. */
export function codesWithStatus(status: number): ApiErrorCode[] {
  return ERROR_CODES.filter((code) => new ApiError(code, '').status === status);
}

/** RFC 9457 problem details, as `sendProblem` writes them. */
export const problemSchema = z
  .looseObject({
    type: z.string().meta({ description: 'A stable relative URI: `/problems/{code}`.', example: '/problems/invalid_body' }),
    title: z.string().meta({ description: 'A short, fixed summary of the code.' }),
    status: z.number().int().min(400).max(599),
    detail: z.string().meta({ description: 'What went wrong with this request.' }),
    code: z.enum(ERROR_CODES).meta({ description: 'The reason, bare: the contract callers branch on.' }),
    requestId: z.string().optional().meta({ description: 'The request’s X-Request-Id, to find it in the logs.' }),
    errors: z
      .array(z.object({ path: z.string().meta({ description: 'Dotted field path, `(body)` or `(query)`.' }), message: z.string() }))
      .optional()
      .meta({ description: 'Every field that failed validation (400 invalid_body).' }),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details. Some codes carry more members, e.g. journey_open carries `memberId` and `links`, caseload_full `caseload` and `limit`.',
  });
