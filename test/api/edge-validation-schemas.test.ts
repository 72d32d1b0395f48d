/**
 * The request schemas, as the OpenAPI document renders them from the very zod schemas the routes
 * validate with: every object refuses unknown fields, and every string is either a closed set or
 * carries a pattern that refuses control characters, so no field can be added without both.
 */
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../api/openapi/document';
import { SAFE_TEXT_PATTERN } from '../../src/core/safe-text';

type Schema = Record<string, any>;

/** Every sub-schema with the JSON path that leads to it. */
function* walk(schema: Schema, at: string): Generator<[string, Schema]> {
  yield [at, schema];
  for (const [key, sub] of Object.entries(schema.properties ?? {})) yield* walk(sub as Schema, `${at}.${key}`);
  if (schema.items) yield* walk(schema.items as Schema, `${at}[]`);
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    for (const [i, sub] of (schema[combinator] ?? []).entries()) yield* walk(sub as Schema, `${at}/${combinator}${i}`);
  }
}

/** The request body and query schemas of every operation, by `METHOD path`. */
function requestSchemas(): [string, Schema][] {
  const out: [string, Schema][] = [];
  for (const [path, item] of Object.entries(openApiDocument().paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, any>)) {
      const json = operation.requestBody?.content?.['application/json']?.schema;
      if (json) out.push([`${method.toUpperCase()} ${path} body`, json]);
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in === 'query') out.push([`${method.toUpperCase()} ${path} ?${parameter.name}`, parameter.schema]);
      }
    }
  }
  return out;
}

/** The string's own pattern and those of its allOf parts. */
function patternsOf(schema: Schema): string[] {
  return [schema.pattern, ...(schema.allOf ?? []).map((s: Schema) => s.pattern)].filter((p): p is string => typeof p === 'string');
}

describe('request schemas', () => {
  it('every object of every request body is strict (additionalProperties: false), nested objects and eligibility facts included', () => {
    const open = requestSchemas().flatMap(([where, root]) =>
      [...walk(root, where)].filter(([, s]) => s.type === 'object' && s.additionalProperties !== false).map(([at]) => at),
    );
    expect(open).toEqual([]);
    // The document really holds the facts and the nested member, so the check above covered them.
    const referral = requestSchemas().find(([where]) => where === 'POST /v1/referrals body')![1];
    expect(referral.properties.member.properties.name.additionalProperties).toBe(false);
    expect(referral.properties.eligibilityFacts.properties.housing.additionalProperties).toBe(false);
  });

  it('every string of every request body and query is a closed set, a date or instant format, or refuses control characters', () => {
    const safe = SAFE_TEXT_PATTERN.source;
    const loose = requestSchemas().flatMap(([where, root]) =>
      [...walk(root, where)]
        .filter(([, s]) => s.type === 'string' && !s.enum && s.const === undefined)
        .filter(([, s]) => !['date', 'date-time', 'email'].includes(s.format) && !patternsOf(s).includes(safe))
        .map(([at]) => at),
    );
    expect(loose).toEqual([]);
  });
});
