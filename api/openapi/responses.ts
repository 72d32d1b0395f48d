/** The answers of the OpenAPI document's operations: each operation's success, and the problems every one may answer. */
import { z } from 'zod';
import type { ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import type { OperationId, RouteSpec } from '../route-table';
import { requestIdHeader, standardHeaders, withLocation } from './headers';
import {
  adtResults,
  codesWithStatus,
  eligibilityEvaluation,
  journeyActionResult,
  memberJourney,
  memberList,
  noticeList,
  problemSchema,
  referralAccepted,
  transitionTaskResult,
  unmatchedAdt,
} from './response-schemas';
import { PEOPLE_AT_WORK_SUCCESS } from './people-at-work-responses';
import { REPORT_SUCCESS } from './report-responses';
import { CLAIMS_SUCCESS } from './claims-responses';
import { IMPORT_SUCCESS } from './import-responses';
import { tagOf } from './tags';

const PROBLEM_STATUSES = [
  { status: 400, id: 'BadRequest', what: 'The request is malformed: a field or parameter failed validation (every one is listed in `errors`), or the body is not JSON.' },
  { status: 401, id: 'Unauthorized', what: 'No bearer token, or it is malformed, wrongly signed, expired or too old.' },
  { status: 403, id: 'Forbidden', what: 'The caller’s role, organisation or Lead Care Manager may not do this.' },
  { status: 404, id: 'NotFound', what: 'No such resource; a member the caller may not see answers exactly like one that does not exist.' },
  { status: 409, id: 'Conflict', what: 'The journey is not in a state that allows this.' },
  { status: 422, id: 'UnprocessableContent', what: 'Well-formed, but a rule of the journey refuses it.' },
  { status: 413, id: 'ContentTooLarge', what: 'The request carries more work than one request may (more than 100 ADT messages); split it.' },
  { status: 429, id: 'TooManyRequests', what: 'The caller’s organisation is over its rate (each ADT message counts), or its address over its failed authentications; retry after `Retry-After` seconds.' },
  { status: 500, id: 'InternalError', what: 'An unexpected error; the request ID identifies it in the logs.' },
  { status: 503, id: 'ServiceUnavailable', what: 'The workflow service could not be reached; retry the same request (it is idempotent).' },
] as const;

function problemResponse({ status, id, what }: (typeof PROBLEM_STATUSES)[number]): ZodOpenApiResponseObject {
  const codes = codesWithStatus(status);
  const headers =
    status === 429
      ? z.object({ 'X-Request-Id': requestIdHeader, 'Retry-After': z.string().regex(/^[0-9]+$/).meta({ description: 'Seconds until a request would pass.', example: '12' }) })
      : status === 401
        ? z.object({ 'X-Request-Id': requestIdHeader, 'WWW-Authenticate': z.string().meta({ example: 'Bearer realm="ecm"' }) })
        : standardHeaders;
  return {
    id,
    description: `${what} Codes: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
    headers,
    content: { 'application/problem+json': { schema: problemSchema } },
  };
}

/** Every problem answer, by status. */
export const PROBLEMS = Object.fromEntries(PROBLEM_STATUSES.map((p) => [String(p.status), problemResponse(p)])) as ZodOpenApiResponsesObject;

export function jsonResponse(description: string, schema: z.ZodType, headers: z.ZodObject = standardHeaders): ZodOpenApiResponseObject {
  return { description, headers, content: { 'application/json': { schema } } };
}


/** The success answer of each operation that is not a journey action (those all answer {@link journeyActionResult}). */
/** The FHIR export's answer, in outline: the resources themselves follow the FHIR R4 JSON schema. */
const fhirBundle = z
  .object({
    resourceType: z.literal('Bundle'),
    type: z.literal('collection'),
    timestamp: z.string(),
    entry: z.array(z.object({ resource: z.looseObject({ resourceType: z.string(), id: z.string() }) })),
  })
  .meta({ id: 'FhirBundle', description: 'http://hl7.org/fhir/R4/bundle.html' });

const SUCCESS: Partial<Record<OperationId, ZodOpenApiResponseObject>> = {
  createReferral: jsonResponse('Accepted: the journey runs (or already ran from this same referral).', referralAccepted, withLocation),
  evaluateEligibility: jsonResponse('The evaluation.', eligibilityEvaluation),
  receiveAdtEvents: jsonResponse('Each event’s outcome, in order.', adtResults),
  receiveAdtHl7: {
    description: 'One HL7 ACK per message, in order, newline-separated: AA accepted, AE error (MSA/ERR say why), AR rejected (unsupported event or version).',
    headers: standardHeaders,
    content: { 'x-application/hl7-v2+er7': { schema: { type: 'string' } } },
  },
  listUnmatchedAdt: jsonResponse('The unmatched messages.', unmatchedAdt),
  listMembers: jsonResponse('One page of members, ordered by member ID.', memberList),
  listNotices: jsonResponse('One page of Notices of Action, newest first.', noticeList),
  getMember: jsonResponse('The journey.', memberJourney),
  completeTransitionTask: jsonResponse('The task’s new status.', transitionTaskResult),
  ...Object.fromEntries(Object.entries(PEOPLE_AT_WORK_SUCCESS).map(([id, r]) => [id, jsonResponse(r.description, r.schema)])),
  ...Object.fromEntries(Object.entries(IMPORT_SUCCESS).map(([id, r]) => [id, jsonResponse(r.description, r.schema)])),
  exportMemberFhir: {
    description: 'A FHIR R4 Bundle of type `collection` (README “FHIR R4 export” names its resources and code systems).',
    headers: standardHeaders,
    content: { 'application/fhir+json': { schema: fhirBundle } },
  },
  ...REPORT_SUCCESS,
  ...CLAIMS_SUCCESS,
};

/** The success answer of a route of the table. */
export function successOf(spec: RouteSpec): ZodOpenApiResponseObject {
  const explicit = SUCCESS[spec.operationId as OperationId];
  if (explicit) return explicit;
  if (tagOf(spec) === 'Journey actions') return jsonResponse('The journey took the action.', journeyActionResult, withLocation);
  throw new Error(`no OpenAPI success response for ${spec.operationId}`);
}
