/**
 * Generated requests for every operation of the OpenAPI document: path parameters mostly real
 * member IDs (sometimes unknown or malformed ones), query parameters and bodies from the
 * operation's schemas (see schema-arbitrary.ts), mostly the documented content type (sometimes
 * an odd charset, another type or none), mostly a token of a role the operation allows.
 */
import fc from 'fast-check';
import type { Principal } from '../../src/infra/auth/principal';
import { hostileText } from './hostile-values';
import { fuzzedValue, type JsonSchema, type SchemaResolver } from './schema-arbitrary';

/** One request, as sent and as printed for a reproducer. */
export interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  /** The documented path, for grouping findings. */
  readonly operation: string;
  readonly contentType?: string;
  readonly role?: string;
  readonly authorization?: string;
  readonly idempotencyKey?: string;
  /** The body as sent (JSON text, HL7 text, or deliberately malformed text). */
  readonly body?: string;
}

interface Parameter {
  readonly $ref?: string;
  readonly name: string;
  readonly in: string;
  readonly schema?: JsonSchema;
}
interface Operation {
  readonly 'x-roles'?: readonly string[];
  readonly security?: readonly unknown[];
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: JsonSchema }>> };
}
/** The parts of the OpenAPI document the generator reads. */
export interface OpenApiLike {
  readonly paths?: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>>; readonly parameters?: Readonly<Record<string, Parameter>> };
}

/** What requests are made with. */
export interface FuzzContext {
  readonly memberIds: readonly string[];
  /** A bearer token per role. */
  readonly tokens: Readonly<Record<Principal['role'], string>>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const ODD_CONTENT_TYPES = ['application/json; charset=latin1', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json;;', 'multipart/form-data; boundary=x', 'application/merge-patch+json'];
const MALFORMED_BODIES = ['{', '{"a":1', '\u0000', 'null', '[]', '"text"', '42', '{"__proto__":{"polluted":true}}', '['.repeat(5_000), '\uFFFD\uFFFE', '{"a":"\\ud800"}'];
const MALFORMED_SEGMENTS = ['%ff%fe', '%00', '%E0%A4%A', '%25', 'mbr_' + 'z'.repeat(32), 'mbr_', '.%2e', '%2F..%2F', 'a'.repeat(3_000), '%C0%AE', 'mbr_%00' + '0'.repeat(28)];

/** Every documented operation, with a request arbitrary for it. */
export function requestArbitrary(doc: OpenApiLike, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const resolve: SchemaResolver = (ref) => {
    const name = ref.replace('#/components/schemas/', '');
    return doc.components?.schemas?.[name] ?? {};
  };
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]) => {
        // Shared parameters (the member ID, the request ID header) are references to components.
        const parameters = (op.parameters ?? []).map((p) => (p.$ref ? doc.components?.parameters?.[p.$ref.replace('#/components/parameters/', '')] : p)).filter((p): p is Parameter => p !== undefined);
        return operationRequest(method.toUpperCase(), path, { ...op, parameters }, resolve, context);
      }),
  );
  return fc.oneof(...operations);
}

function operationRequest(method: string, template: string, op: Operation, resolve: SchemaResolver, context: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const pathArb = fc.tuple(...pathParams.map((p) => pathSegment(p, resolve, context))).map((segments) =>
    pathParams.reduce((path, p, i) => path.replace(`{${p.name}}`, segments[i]!), template),
  );
  const queryArb = fc.tuple(...queryParams.map((p) => fc.option(fuzzedValue(p.schema ?? {}, resolve).map((v) => `${encode(p.name)}=${encode(typeof v === 'string' ? v : JSON.stringify(v))}`), { nil: undefined }))).map(
    (parts) => parts.filter((x): x is string => x !== undefined).join('&'),
  );
  const content = Object.entries(op.requestBody?.content ?? {})[0];
  const bodyArb: fc.Arbitrary<{ contentType?: string; body?: string }> = content
    ? fc.tuple(bodyText(content[0], content[1].schema ?? {}, resolve), fc.oneof({ weight: 17, arbitrary: fc.constant(content[0]) }, { weight: 3, arbitrary: fc.constantFrom(...ODD_CONTENT_TYPES, '') })).map(([body, contentType]) => ({ body, ...(contentType ? { contentType } : {}) }))
    : fc.constant({});
  const roles = (op['x-roles'] ?? []) as Principal['role'][];
  const authArb = authorization(roles, context);
  const keyArb = fc.oneof(
    { weight: 5, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: fc.uuid().map((u) => `fuzz-${u}`) },
    // Header values must be Latin-1 for fetch to send them at all.
    { weight: 1, arbitrary: fc.constantFrom('short', 'k'.repeat(200), 'key with spaces', 'k\u00e9y-l\u00e4tin-1', '') },
  );
  return fc.tuple(pathArb, queryArb, bodyArb, authArb, keyArb).map(([path, query, body, auth, idempotencyKey]) => ({
    method,
    path: query ? `${path}?${query}` : path,
    operation: `${method} ${template}`,
    ...body,
    ...auth,
    ...(idempotencyKey !== undefined && method === 'POST' ? { idempotencyKey } : {}),
  }));
}

function pathSegment(p: Parameter, resolve: SchemaResolver, context: FuzzContext): fc.Arbitrary<string> {
  const hex = fc.stringMatching(/^[0-9a-f]{32}$/);
  const ordinary =
    p.name === 'memberId'
      ? fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...context.memberIds) }, { weight: 1, arbitrary: hex.map((h) => `mbr_${h}`) })
      : fc.oneof(fuzzedValue(p.schema ?? {}, resolve).map((v) => encode(typeof v === 'string' ? v : JSON.stringify(v))), fc.constantFrom('V-1', 'V-100'));
  return fc.oneof({ weight: 9, arbitrary: ordinary }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...MALFORMED_SEGMENTS), hostileText.map(encode)) });
}

function bodyText(contentType: string, schema: JsonSchema, resolve: SchemaResolver): fc.Arbitrary<string> {
  if (!contentType.includes('json')) {
    // HL7 v2: a plausible message with a hostile field now and then, or plain hostile text.
    const segment = fc.oneof(fc.constantFrom('MSG0001', 'V-0042', '86420975M'), hostileText);
    const message = fc.tuple(segment, segment, segment).map(([control, visit, cin]) => `MSH|^~\\&|HIS|HOSP1|ECM|ECM|20301113090000||ADT^A01|${control}|P|2.5.1\rPID|1||${cin}^^^CA-MEDI-CAL^MC\rPV1|1|I|||||||||||||||||${visit}`);
    return fc.oneof({ weight: 4, arbitrary: message }, { weight: 1, arbitrary: hostileText }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 400 }).chain((n) => message.map((m) => Array.from({ length: n }, () => m).join('\r'))) });
  }
  return fc.oneof({ weight: 19, arbitrary: fuzzedValue(schema, resolve).map((v) => JSON.stringify(v) ?? 'null') }, { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_BODIES) });
}

function authorization(roles: readonly Principal['role'][], context: FuzzContext): fc.Arbitrary<{ role?: string; authorization?: string }> {
  const allowed = roles.length ? roles : (['ops'] as const);
  const all = ['plan', 'provider', 'ops'] as const;
  return fc.oneof(
    { weight: 46, arbitrary: fc.constantFrom(...allowed).map((role) => ({ role, authorization: `Bearer ${context.tokens[role]}` })) },
    { weight: 2, arbitrary: fc.constantFrom(...all).map((role) => ({ role, authorization: `Bearer ${context.tokens[role]}` })) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constantFrom('Bearer x.y.z', 'Bearer ', 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', `Bearer ${'a'.repeat(9_000)}`).map((authorization) => ({ authorization })) },
  );
}

/**
 * Percent-encoding that also carries a lone surrogate, which `encodeURIComponent` refuses: as the
 * bytes a careless encoder would send for it (CESU-8, invalid UTF-8), a hostile path of its own.
 */
function encode(value: string): string {
  return value.replace(/[\s\S]/gu, (ch) => {
    const unit = ch.charCodeAt(0);
    if (ch.length === 1 && unit >= 0xd800 && unit <= 0xdfff) return `%ED%${(0xa0 | ((unit >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 | (unit & 0x3f)).toString(16).toUpperCase()}`;
    return encodeURIComponent(ch);
  });
}
