/**
 * One error shape for the whole API (RFC 9457 problem details) and one place that maps each
 * machine-readable reason to its HTTP status.
 */
import type { Response } from 'express';
import { JourneyErrorCode } from '../src/core/domain/errors';

/** Every reason the API refuses a request. `code` is the contract callers branch on. */
export const ApiErrorCode = {
  ...JourneyErrorCode,
  InvalidBody: 'invalid_body',
  InvalidJson: 'invalid_json',
  InvalidPath: 'invalid_path',
  UnsupportedMediaType: 'unsupported_media_type',
  MemberNotFound: 'member_not_found',
  NotFound: 'not_found',
  JourneyOpen: 'journey_open',
  JourneyClosed: 'journey_closed',
  ReferralConflict: 'referral_conflict',
  PresumptiveNotOffered: 'presumptive_not_offered',
  TemporalUnavailable: 'temporal_unavailable',
  DatabaseUnavailable: 'database_unavailable',
  UndecryptablePayload: 'undecryptable_payload',
  UnknownPayloadKey: 'unknown_payload_key',
  CaseloadFull: 'caseload_full',
  Unauthorized: 'unauthorized',
  RoleNotAllowed: 'role_not_allowed',
  OrganisationNotAllowed: 'organisation_not_allowed',
  NotLeadCareManager: 'not_lead_care_manager',
  RateLimited: 'rate_limited',
  TooManyMessages: 'too_many_messages',
  WebhookNotFound: 'webhook_not_found',
  DeliveryNotFailed: 'delivery_not_failed',
  Internal: 'internal_error',
} as const;

/** One of {@link ApiErrorCode}. */
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

const STATUS = {
  invalid_body: 400,
  invalid_json: 400,
  invalid_path: 400,
  unsupported_media_type: 415,
  member_not_found: 404,
  not_found: 404,
  wrong_stage: 409,
  journey_open: 409,
  journey_closed: 409,
  referral_conflict: 409,
  decline_window_closed: 409,
  provider_already_declined: 409,
  idempotency_key_reused: 422,
  outreach_requirement_not_met: 422,
  member_was_reached: 422,
  pcq_window_not_open: 422,
  graduation_requirements_not_met: 422,
  care_plan_not_smart: 422,
  no_pending_program_choice: 409,
  delay_not_allowed: 409,
  already_recorded: 409,
  behavioral_health_provider_required: 422,
  community_referral_not_found: 404,
  referral_status_not_allowed: 409,
  caseload_full: 409,
  unauthorized: 401,
  role_not_allowed: 403,
  organisation_not_allowed: 403,
  not_lead_care_manager: 403,
  rate_limited: 429,
  too_many_messages: 413,
  timestamp_in_future: 422,
  timestamp_before_journey: 422,
  timestamp_out_of_order: 422,
  reason_required: 422,
  presumptive_not_offered: 422,
  temporal_unavailable: 503,
  database_unavailable: 503,
  undecryptable_payload: 400,
  unknown_payload_key: 400,
  webhook_not_found: 404,
  delivery_not_failed: 409,
  internal_error: 500,
} as const satisfies Record<ApiErrorCode, number>;

const TITLES = {
  invalid_body: 'The request body is invalid',
  invalid_json: 'The request body is not valid JSON',
  invalid_path: 'The request path is malformed',
  unsupported_media_type: 'The request body’s charset or encoding is not supported',
  member_not_found: 'No journey for this member',
  not_found: 'No such resource',
  wrong_stage: 'The action does not fit the journey’s stage',
  journey_open: 'The member already has an open journey',
  journey_closed: 'The journey has ended',
  referral_conflict: 'This referral ID was already used for a different referral',
  decline_window_closed: 'The decline window has closed',
  provider_already_declined: 'The provider already declined',
  idempotency_key_reused: 'The idempotency key was used for a different request',
  outreach_requirement_not_met: 'Outreach has not yet met R-OUTREACH-30D',
  member_was_reached: 'The member was reached, so outreach cannot close as unreachable',
  pcq_window_not_open: 'The PCQ window is not open',
  graduation_requirements_not_met: 'Graduation needs a PCQ recommending completion and a case conference',
  care_plan_not_smart: 'The care plan needs at least 2 SMART goals',
  no_pending_program_choice: 'No program choice is pending',
  delay_not_allowed: 'The assessment can no longer be delayed',
  already_recorded: 'This was already recorded',
  behavioral_health_provider_required: 'The member is to be assigned to their county behavioural-health provider (R-BH-ASSIGN)',
  community_referral_not_found: 'No such community referral',
  referral_status_not_allowed: 'The referral cannot take this status',
  caseload_full: 'The Lead Care Manager’s caseload is full',
  unauthorized: 'Authentication is required',
  role_not_allowed: 'Your role may not do this',
  organisation_not_allowed: 'Your organisation may not act for this plan',
  not_lead_care_manager: 'Only the member’s Lead Care Manager may do this',
  rate_limited: 'Too many requests',
  too_many_messages: 'Too many messages in one request',
  timestamp_in_future: 'The timestamp is in the future',
  timestamp_before_journey: 'The timestamp is before the journey began',
  timestamp_out_of_order: 'The timestamp is before the act it follows',
  reason_required: 'A reason is required',
  presumptive_not_offered: 'The plan does not offer presumptive authorization',
  temporal_unavailable: 'The workflow service is unavailable',
  database_unavailable: 'The care record database is unavailable',
  undecryptable_payload: 'A payload could not be decrypted',
  unknown_payload_key: 'A payload names an unknown key',
  webhook_not_found: 'No such webhook subscription or delivery',
  delivery_not_failed: 'Only a failed delivery can be replayed',
  internal_error: 'Internal error',
} as const satisfies Record<ApiErrorCode, string>;

/** A field that failed validation. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/** An error the API answers with as a problem document. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    readonly detail: string,
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
  }
  get status(): number {
    return STATUS[this.code];
  }
}

/** A journey's or an episode's Update validator refused the action by one of its rules. */
export class UpdateRejected extends ApiError {}

/** True for codes a journey's validator can refuse with. */
export function isJourneyErrorCode(code: unknown): code is JourneyErrorCode {
  return typeof code === 'string' && (Object.values(JourneyErrorCode) as string[]).includes(code);
}

/** Seconds a caller should wait before retrying after a 503: outages are seconds to minutes long. */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Writes the problem document. `type` is a stable relative URI; `code` is the same reason, bare. */
export function sendProblem(res: Response, error: ApiError, requestId?: string): void {
  // A 503 says when to come back (RFC 9110 §10.2.3); the request may be repeated as it was.
  if (error.status === 503 && !res.getHeader('Retry-After')) res.setHeader('Retry-After', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
  res
    .status(error.status)
    .type('application/problem+json')
    .json({
      type: `/problems/${error.code}`,
      title: TITLES[error.code],
      status: error.status,
      detail: error.detail,
      code: error.code,
      ...(requestId ? { requestId } : {}),
      ...error.extra,
    });
}
