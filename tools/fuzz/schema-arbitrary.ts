/**
 * fast-check arbitraries from the OpenAPI document's JSON schemas: mostly values the schema
 * allows (so requests get past validation and reach the journey), each field now and then
 * replaced by a boundary, hostile or wrongly typed value, objects now and then with a required
 * field missing or an unknown one added.
 */
import fc from 'fast-check';
import { hostileDate, hostileInstant, hostileText, unknownFieldName, wrongType } from './hostile-values';

/** A JSON schema as the document renders it (the subset the generator reads). */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly items?: JsonSchema;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
}

/** Resolves `#/components/schemas/…` references against the document. */
export type SchemaResolver = (ref: string) => JsonSchema;

const MAX_DEPTH = 6;

/** A value for `schema`: mostly allowed, sometimes not. */
export function fuzzedValue(schema: JsonSchema, resolve: SchemaResolver, depth = 0): fc.Arbitrary<unknown> {
  const s = schema.$ref ? resolve(schema.$ref) : schema;
  if (depth > MAX_DEPTH) return fc.constant(null);
  if (isObject(s)) return fuzzedObject(s, resolve, depth);
  return fc.oneof({ weight: 12, arbitrary: allowedValue(s, resolve, depth) }, { weight: 2, arbitrary: hostileFor(s) }, { weight: 1, arbitrary: wrongType });
}

/** A value `schema` allows (as far as the generator can tell: patterns are best effort). */
export function allowedValue(schema: JsonSchema, resolve: SchemaResolver, depth = 0): fc.Arbitrary<unknown> {
  const s = schema.$ref ? resolve(schema.$ref) : schema;
  if (depth > MAX_DEPTH) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => allowedValue(a, resolve, depth + 1)));
  if (s.allOf?.length) return allowedValue(s.allOf[0]!, resolve, depth + 1);
  const type = Array.isArray(s.type) ? (s.type as string[]).find((t) => t !== 'null') : (s.type as string | undefined);
  switch (type) {
    case 'string':
      return allowedString(s);
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000);
      const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000);
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({ min: s.minimum ?? -1_000, max: s.maximum ?? 1_000, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(allowedValue(s.items ?? {}, resolve, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)) });
    case 'object':
      return allowedObject(s, resolve, depth);
    default:
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());
  }
}

function isObject(s: JsonSchema): boolean {
  return s.type === 'object' || (s.properties !== undefined && s.type === undefined);
}

function allowedObject(s: JsonSchema, resolve: SchemaResolver, depth: number): fc.Arbitrary<unknown> {
  const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, allowedValue(v, resolve, depth + 1)]));
  return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
}

function fuzzedObject(s: JsonSchema, resolve: SchemaResolver, depth: number): fc.Arbitrary<unknown> {
  const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, fuzzedValue(v, resolve, depth + 1)]));
  const required = (s.required ?? []).filter((k) => k in props);
  const base = fc.record(props, { requiredKeys: required });
  return fc.oneof(
    { weight: 10, arbitrary: base },
    // An unknown field beside the known ones (a typo like "presumtive" must not pass silently).
    { weight: 1, arbitrary: fc.tuple(base, unknownFieldName, wrongType).map(([o, k, v]) => ({ ...(o as object), [k]: v })) },
    // A required field left out.
    ...(required.length ? [{ weight: 1, arbitrary: fc.tuple(base, fc.constantFrom(...required)).map(([o, k]) => omit(o as Record<string, unknown>, k)) }] : []),
    { weight: 1, arbitrary: wrongType },
  );
}

function omit(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = o;
  return rest;
}

function allowedString(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'date-time') return recentInstant;
  if (s.format === 'date') return pastDate;
  if (s.pattern) {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? 200));
    } catch {
      // A pattern fast-check cannot generate from: plain text instead.
    }
  }
  const minLength = s.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(s.maxLength ?? 24, 24)) });
}

function hostileFor(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.format === 'date-time') return hostileInstant;
  if (s.format === 'date') return hostileDate;
  const type = Array.isArray(s.type) ? (s.type as string[])[0] : s.type;
  if (type === 'integer' || type === 'number') {
    return fc.constantFrom((s.minimum ?? 0) - 1, (s.maximum ?? 0) + 1, -0, 1.5, Number.MAX_SAFE_INTEGER + 2, -1e21);
  }
  return hostileText;
}

/** An instant in the last few weeks, or just into the future, in UTC or with an offset. */
const recentInstant: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: -30 * 86_400, max: 600 }), fc.constantFrom('Z', '-08:00', '+05:30'))
  .map(([seconds, zone]) => {
    const ms = Date.now() + seconds * 1_000;
    if (zone === 'Z') return new Date(ms).toISOString();
    const offset = zone === '-08:00' ? -480 : 330;
    return `${new Date(ms + offset * 60_000).toISOString().slice(0, 19)}${zone}`;
  });

/** A calendar date in the last century. */
const pastDate: fc.Arbitrary<string> = fc.date({ min: new Date('1926-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
