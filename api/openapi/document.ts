/**
 * The OpenAPI 3.1 document, generated from the route table: every operation's path, method,
 * operation ID, roles and rules come from `ROUTES`, and its request body and query parameters are
 * the very zod schemas the route validates with, rendered in their input form (a `.default()`
 * field is optional, a `.refine()` is described in words). Built once, on first use.
 */
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type oas31 } from 'zod-openapi';
import packageJson from '../../package.json';
import { TCS_TASKS } from '../../src/core/domain/transitional-care/episode-state';
import { ROUTES, type OperationId, type RouteSpec } from '../route-table';
import { IDEMPOTENCY_KEY, REQUEST_ID } from './headers';
import { openOperations } from './open-operations';
import { memberIdSchema } from './response-schemas';
import { PROBLEMS, successOf } from './responses';
import { TAGS, tagOf } from './tags';
import { adtHl7Query } from '../routes/post-adt-hl7';
import { fileRequestBody } from '../routes/imports/openapi';

export type OpenApiDocument = oas31.OpenAPIObject;

/**
 * Open paths (route-table.ts `OPEN_PATHS`) left out of the document on purpose: they serve the
 * description of the API itself, not the API.
 */
export const UNDOCUMENTED_OPEN_PATHS = ['/openapi.json', '/docs'] as const;

/** `/v1/members/:memberId` → `/v1/members/{memberId}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** The schemas of the path parameters routes use; a path with another parameter fails the build. */
const PATH_PARAMETERS: Readonly<Record<string, z.ZodType>> = {
  memberId: memberIdSchema.meta({ param: { id: 'MemberId' } }),
  visitId: z.string().min(1).max(64).meta({ description: 'The hospital visit ID the ADT feed carried (`visitId`, HL7 PV1-19).', example: 'V-20301113-0042' }),
  task: z.enum(TCS_TASKS).meta({ description: 'The R-TCS-TASKS task to complete or waive.' }),
  webhookId: z.string().regex(/^wh_[0-9a-f]{32}$/).meta({ description: 'A webhook subscription of your organisation.' }),
  communityReferralId: z.string().regex(/^clr-[1-9][0-9]*$/).meta({ description: 'A closed-loop referral of the member, as its creation answered it.', example: 'clr-1' }),
  importId: z.string().regex(/^imp_[0-9a-f]{32}$/).meta({ description: 'An import of your plan (the same file sent again is the same import).' }),
  deliveryId: z.string().regex(/^msg_[0-9a-f]{32}$/).meta({ description: 'A delivery (its Standard Webhooks `webhook-id`).' }),
  claimId: z.string().regex(/^clm_[0-9a-f]{32}$/).meta({ description: 'A claim, as its submission answered it (`claimIds`).' }),
};

/** `POST /v1/adt/hl7` reads its optional `?plan=` itself (the plan is the token's; HL7 MSH-4 names the hospital, not the plan). */
const hl7Query = adtHl7Query;

/** True for routes that name an action by `Idempotency-Key` (api/routes/journey-action.ts `actionKeyOf`). */
export function takesIdempotencyKey(spec: Pick<RouteSpec, 'method' | 'path'>): boolean {
  return spec.method === 'post' && spec.path.startsWith('/v1/members/:memberId/');
}

/** Messages of a schema's `.refine` checks, which JSON Schema cannot express; `.superRefine` carries none. */
function crossFieldChecks(schema: z.ZodType): { messages: string[]; any: boolean } {
  const checks = (schema._zod.def as { checks?: readonly { _zod: { def: { check?: string; error?: (issue: unknown) => unknown } } }[] }).checks ?? [];
  const custom = checks.filter((c) => c._zod.def.check === 'custom');
  const messages = custom.flatMap((c) => {
    try {
      const message = c._zod.def.error?.({});
      return typeof message === 'string' ? [message] : [];
    } catch {
      return [];
    }
  });
  return { messages, any: custom.length > 0 };
}

function describe(spec: RouteSpec): string {
  const lines = [`${spec.summary}.`, ''];
  lines.push(`**Rules:** ${spec.rules.length ? spec.rules.join(', ') : 'none'}.`, '');
  lines.push(`**Roles:** ${spec.access.roles.join(', ')} (others are refused 403 \`role_not_allowed\`).`);
  if (spec.access.plansNamed) lines.push('', 'A plan may name only its own plan (403 `organisation_not_allowed`).');
  if (spec.path.includes(':memberId')) lines.push('', 'The member must be one the caller may see: the plan’s own member, or one assigned to the provider; any other answers 404 `member_not_found`.');
  if (spec.access.leadCareManagerOnly) {
    lines.push('', 'R-ONE-LCM: a provider token of one Lead Care Manager (`lcm` claim) may act only on that Lead Care Manager’s members (403 `not_lead_care_manager`).');
  }
  if (spec.access.careManagerNamed) lines.push('', 'R-ONE-LCM: a token of one Lead Care Manager (`lcm` claim) may name only that Lead Care Manager.');
  if (takesIdempotencyKey(spec)) lines.push('', 'Idempotent: send an `Idempotency-Key` to retry safely; without one, the same body twice is one action.');
  if (spec.operationId === 'createReferral') lines.push('', 'Idempotent by plan and `referralId`: the same referral again answers the same 202; other content under the same ID answers 409 `referral_conflict`.');
  return lines.join('\n');
}

/** Cross-field checks of `.superRefine`s (nested or without a message to read), in words; the schema is what enforces them. */
const CROSS_FIELD_NOTES: Partial<Record<OperationId, string>> = {
  createReferral: 'a presumptive (E-Form) referral names the submitting `providerId`; at least one Population of Focus is required unless `source` is `continuity_of_care` (R-CONTINUITY)',
  receiveAdtEvents: 'a discharge (A03) needs its `dischargeAt`; a discharge may not be before its admission',
};

function requestBodyOf(spec: RouteSpec): ZodOpenApiOperationObject['requestBody'] {
  if (spec.bodyType === 'hl7') {
    return {
      required: true,
      description: 'One or more HL7 v2 ADT messages in ER7 (pipe-delimited) form, segments separated by CR; any content type is read as text.',
      content: { 'text/plain': { schema: { type: 'string' }, example: 'MSH|^~\\&|HIS|HOSP1|ECM|ECM|20301113090000||ADT^A01|MSG0001|P|2.5.1\rPID|1||86420975M^^^CA-MEDI-CAL^MC\rPV1|1|I|||||||||||||||||V-0042' } },
    };
  }
  if (spec.bodyType === 'file') return fileRequestBody(spec.operationId);
  if (!spec.body) return undefined;
  const cross = crossFieldChecks(spec.body);
  const notes = [...cross.messages, ...(CROSS_FIELD_NOTES[spec.operationId as OperationId] ? [CROSS_FIELD_NOTES[spec.operationId as OperationId]!] : [])];
  const description =
    cross.any || notes.length ? `Also checked across fields (400 \`invalid_body\`, or 422 \`reason_required\` when only a required reason is missing; each failure listed in \`errors\`)${notes.length ? `: ${notes.join('; ')}` : ''}.` : undefined;
  return { required: true, ...(description ? { description } : {}), content: { 'application/json': { schema: spec.body } } };
}

function operationOf(spec: RouteSpec): ZodOpenApiOperationObject {
  const pathParams = [...spec.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
  const path = Object.fromEntries(
    pathParams.map((name) => {
      const schema = PATH_PARAMETERS[name];
      if (!schema) throw new Error(`no OpenAPI schema for path parameter :${name} of ${spec.path}`);
      return [name, schema];
    }),
  );
  const query = spec.query ?? (spec.bodyType === 'hl7' ? hl7Query : undefined);
  const header = z.object({ 'X-Request-Id': REQUEST_ID, ...(takesIdempotencyKey(spec) ? { 'Idempotency-Key': IDEMPOTENCY_KEY } : {}) });
  const requestBody = requestBodyOf(spec);
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: describe(spec),
    tags: [tagOf(spec)],
    security: [{ bearerAuth: [] }],
    'x-roles': [...spec.access.roles],
    'x-rules': [...spec.rules],
    requestParams: {
      ...(pathParams.length ? { path: z.object(path) } : {}),
      ...(query ? { query: query as z.ZodObject } : {}),
      header,
    },
    ...(requestBody ? { requestBody } : {}),
    responses: { [String(spec.success)]: successOf(spec), ...PROBLEMS },
  };
}

const INFO_DESCRIPTION = `Workflow backbone for California Medi-Cal **Enhanced Care Management (ECM)**: a health plan refers a member, \
authorizes and assigns an ECM provider; the provider names a Lead Care Manager, reaches out, enrolls, assesses, plans care and \
completes transitional care after hospital stays. Each member’s journey is a durable workflow that enforces the rules and \
deadlines of the ECM Policy Guide (rule IDs such as R-AUTH-ROUTINE are named on every operation).

**Authentication.** Every \`/v1\` request carries \`Authorization: Bearer <JWT>\` (see the \`bearerAuth\` scheme). The token's \
\`role\` decides which operations a caller may use (\`x-roles\` on each operation), its \`org\` whose members it sees.

**Idempotency.** Journey actions (POST under \`/v1/members/{memberId}/\`) accept an \`Idempotency-Key\` header; a referral is \
idempotent by plan and \`referralId\`. Retrying after a timeout or a 503 is always safe.

**Errors** are RFC 9457 problem details (\`application/problem+json\`) with a machine-readable \`code\`.

**Tracing.** Every answer carries \`X-Request-Id\`, the server's own ID; a well-formed one you send is kept beside it in the logs and the audit trail.`;

function build(): OpenApiDocument {
  const paths: ZodOpenApiPathsObject = {};
  for (const spec of ROUTES as readonly RouteSpec[]) {
    const item = (paths[openApiPath(spec.path)] ??= {});
    if (item[spec.method]) throw new Error(`two routes for ${spec.method.toUpperCase()} ${spec.path}`);
    item[spec.method] = operationOf(spec);
  }
  Object.assign(paths, openOperations());
  const document = createDocument({
    openapi: '3.1.0',
    info: { title: 'ECM workflow backbone API', version: packageJson.version, description: INFO_DESCRIPTION },
    tags: TAGS.map((t) => ({ ...t })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: `A JWT signed by the identity provider (or, in development, HS256 with a shared secret), with \`iss\` and \`aud\` as configured, \
\`exp\`, \`iat\` (at most 12 h old) and these claims:

- \`sub\`: who acts (1–64 of \`A-Za-z0-9_.:@-\`), recorded in the journey's stage history and the audit trail;
- \`role\`: \`plan\` (a health plan: acts on and reads its own members), \`provider\` (an ECM provider: acts on and reads the members assigned to it) or \`ops\` (operations staff: read everything, act on nothing);
- \`org\`: the plan code, the provider ID, or the operations team;
- \`lcm\` (optional, provider tokens): the Lead Care Manager the token speaks for; R-ONE-LCM then limits it to that Lead Care Manager's members.`,
        },
        codecBearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The codec server’s own opaque token (`ECM_CODEC_TOKEN`), which the Temporal Web UI sends; not a JWT.',
        },
      },
    },
  });
  // Detached from the zod schemas (their default values must not be shared with the document), and frozen.
  return deepFreeze(JSON.parse(JSON.stringify(document)) as OpenApiDocument);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

let built: OpenApiDocument | undefined;

/** The document, built on first use. */
export function openApiDocument(): OpenApiDocument {
  built ??= build();
  return built;
}
