/**
 * The OpenAPI document is valid OpenAPI 3.1, describes exactly the routes of the route table with
 * the routes' own request schemas, and is served with its reference page, offline.
 */
import express from 'express';
import helmet from 'helmet';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Validator as OpenApiValidator } from '@seriousme/openapi-schema-validator' with { 'resolution-mode': 'import' };
import { OPEN_PATHS, ROUTES, type RouteSpec } from '../../api/route-table';
import { ApiErrorCode } from '../../api/problem';
import { openApiDocument, openApiRouter, UNDOCUMENTED_OPEN_PATHS } from '../../api/openapi/openapi-router';
import packageJson from '../../package.json';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PROBLEM_STATUSES = ['400', '401', '403', '404', '409', '422', '429', '503'];

const doc = () => openApiDocument() as any;
const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** Every documented operation as `METHOD path` → operation. */
function documentedOperations(): Map<string, any> {
  const ops = new Map<string, any>();
  for (const [path, item] of Object.entries(doc().paths as Record<string, any>)) {
    for (const method of METHODS) if (item[method]) ops.set(`${method.toUpperCase()} ${path}`, item[method]);
  }
  return ops;
}

/** `$ref`s of the document resolved (only local component refs are used). */
function deref(value: any): any {
  if (value && typeof value === 'object' && typeof value.$ref === 'string') {
    const target = (value.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .reduce((node: any, key) => node?.[key], doc());
    expect(target, value.$ref).toBeDefined();
    return deref(target);
  }
  return value;
}

const routes = ROUTES as readonly RouteSpec[];
const operationOf = (operationId: string) => [...documentedOperations().values()].find((op) => op.operationId === operationId);

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const validator: OpenApiValidator = new Validator();
    const result = await validator.validate(structuredClone(doc()));
    if (!result.valid) console.error(JSON.stringify(result.errors, null, 2));
    expect(result.valid).toBe(true);
    expect(doc().openapi).toMatch(/^3\.1\./);
    expect(doc().info).toMatchObject({ title: 'ECM workflow backbone API', version: packageJson.version });
  });

  it('documents every route of the table with its method, path and operation ID', () => {
    const ops = documentedOperations();
    for (const spec of routes) {
      const op = ops.get(`${spec.method.toUpperCase()} ${toOpenApiPath(spec.path)}`);
      expect(op, `${spec.method} ${spec.path}`).toBeDefined();
      expect(op.operationId).toBe(spec.operationId);
    }
  });

  it('documents no /v1 operation the table lacks (no drift either way)', () => {
    const table = new Set(routes.map((r) => `${r.method.toUpperCase()} ${toOpenApiPath(r.path)}`));
    const documentedV1 = [...documentedOperations().keys()].filter((key) => key.split(' ')[1]!.startsWith('/v1'));
    expect(documentedV1.sort()).toEqual([...table].sort());
    const ids = [...documentedOperations().values()].map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents /healthz and /metrics, and leaves out /openapi.json and /docs on purpose', () => {
    const ops = documentedOperations();
    expect([...UNDOCUMENTED_OPEN_PATHS].sort()).toEqual(['/docs', '/openapi.json']);
    for (const path of OPEN_PATHS) {
      const documented = ops.has(`GET ${path}`);
      expect(documented, path).toBe(!(UNDOCUMENTED_OPEN_PATHS as readonly string[]).includes(path));
    }
    expect(ops.get('GET /healthz').security).toEqual([]);
    expect(ops.get('GET /metrics').security).toEqual([]);
    expect(Object.keys(ops.get('GET /metrics').responses['200'].content)).toEqual(['text/plain']);
    // The codec server, with its own token.
    for (const path of ['/codec/encode', '/codec/decode']) {
      expect(ops.get(`POST ${path}`).security).toEqual([{ codecBearer: [] }]);
      expect(deref(ops.get(`POST ${path}`).requestBody.content['application/json'].schema).required).toEqual(['payloads']);
    }
    expect(doc().components.securitySchemes.codecBearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('gives every /v1 operation its rules, roles, tag, bearer security and problem answers', () => {
    expect(doc().components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    for (const claim of ['sub', 'role', 'org', 'lcm', 'plan', 'provider', 'ops']) expect(doc().components.securitySchemes.bearerAuth.description).toContain(claim);
    const tags = new Set(['Referrals', 'Journey actions', 'Transitional care', 'ADT', 'Members', 'Eligibility', 'Worklists', 'Webhooks', 'Reports', 'Claims', 'Imports']);
    for (const spec of routes) {
      const op = operationOf(spec.operationId);
      expect(op.summary).toBe(spec.summary);
      for (const rule of spec.rules) expect(op.description, spec.operationId).toContain(rule);
      for (const role of spec.access.roles) expect(op.description, spec.operationId).toContain(role);
      expect(op['x-roles']).toEqual(spec.access.roles);
      expect(op.tags).toHaveLength(1);
      expect(tags.has(op.tags[0]), `${spec.operationId}: ${op.tags[0]}`).toBe(true);
      expect(op.security).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(op.responses)).toContain(String(spec.success));
      const success = deref(op.responses[String(spec.success)]);
      expect(success.headers['X-Request-Id'], spec.operationId).toBeDefined();
      for (const status of PROBLEM_STATUSES) {
        const problem = deref(op.responses[status]);
        expect(Object.keys(problem.content), `${spec.operationId} ${status}`).toEqual(['application/problem+json']);
        expect(problem.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
      }
      expect(deref(op.responses['429']).headers['Retry-After']).toBeDefined();
    }
  });

  it('has one Problem schema whose code lists every ApiErrorCode', () => {
    const problem = doc().components.schemas.Problem;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']));
    expect(Object.keys(problem.properties)).toEqual(expect.arrayContaining(['requestId', 'errors']));
    expect([...problem.properties.code.enum].sort()).toEqual(Object.values(ApiErrorCode).sort());
  });

  it('describes path parameters, and the Idempotency-Key of every member action', () => {
    for (const spec of routes) {
      const op = operationOf(spec.operationId);
      const params = (op.parameters ?? []).map(deref);
      const pathParams = params.filter((p: any) => p.in === 'path').map((p: any) => p.name);
      expect(pathParams.sort(), spec.operationId).toEqual([...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort());
      for (const p of params.filter((p: any) => p.in === 'path')) expect(p.required).toBe(true);
      const idempotency = params.find((p: any) => p.in === 'header' && p.name === 'Idempotency-Key');
      const takesKey = spec.method === 'post' && spec.path.startsWith('/v1/members/:memberId/');
      expect(Boolean(idempotency), spec.operationId).toBe(takesKey);
      if (idempotency) {
        expect(idempotency.required ?? false).toBe(false);
        expect(idempotency.schema.pattern).toBe('^[A-Za-z0-9_.:-]{8,128}$');
      }
    }
    const member = deref(operationOf('getMember').parameters[0]);
    expect(member).toMatchObject({ in: 'path', name: 'memberId', schema: { pattern: '^mbr_[0-9a-f]{32}$' } });
    const task = deref(operationOf('completeTransitionTask').parameters.find((p: any) => deref(p).name === 'task'));
    expect(task.schema.enum).toContain('medication_reconciliation');
  });

  it('documents each query schema of the table as query parameters', () => {
    for (const spec of routes.filter((r) => r.query)) {
      const shape = (spec.query as z.ZodObject).shape;
      const query = (operationOf(spec.operationId).parameters ?? []).map(deref).filter((p: any) => p.in === 'query');
      expect(query.map((p: any) => p.name).sort(), spec.operationId).toEqual(Object.keys(shape).sort());
    }
    const limit = (operationOf('listMembers').parameters as any[]).map(deref).find((p) => p.name === 'limit');
    // `.default(50)`: optional for the caller.
    expect(limit.required ?? false).toBe(false);
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
    // The plan comes from the caller's token; `?plan=` may still name it.
    const hl7Plan = (operationOf('receiveAdtHl7').parameters as any[]).map(deref).find((p) => p.in === 'query' && p.name === 'plan');
    expect(hl7Plan.required ?? false).toBe(false);
  });

  it('gives every operation with a body schema that schema, with the same required fields', () => {
    for (const spec of routes) {
      const op = operationOf(spec.operationId);
      if (spec.bodyType === 'hl7') {
        expect(Object.keys(op.requestBody.content)).toEqual(['text/plain']);
        continue;
      }
      // Issue 12: a file upload, read by its handler (CSV for the MIF, JSON Lines for members).
      if (spec.bodyType === 'file') {
        expect(op.requestBody.required, spec.operationId).toBe(true);
        expect(Object.keys(op.requestBody.content)[0], spec.operationId).toBe(spec.operationId === 'importMif' ? 'text/csv' : 'application/x-ndjson');
        continue;
      }
      if (!spec.body) {
        expect(op.requestBody, spec.operationId).toBeUndefined();
        continue;
      }
      const schema = deref(op.requestBody.content['application/json'].schema);
      expect(op.requestBody.required).toBe(true);
      // What a caller must send is what the schema's input form requires.
      const expected = z.toJSONSchema(spec.body, { io: 'input', unrepresentable: 'any' }) as { required?: string[] };
      expect([...(schema.required ?? [])].sort(), spec.operationId).toEqual([...(expected.required ?? [])].sort());
    }
    const referral = deref(operationOf('createReferral').requestBody.content['application/json'].schema);
    expect(referral.required).toEqual(expect.arrayContaining(['referralId', 'receivedAt', 'plan', 'member', 'source']));
    // `.default()` fields are optional for the caller.
    expect(referral.required).not.toContain('populationsOfFocus');
    expect(referral.required).not.toContain('expedited');
    expect(referral.properties.member.required).toEqual(expect.arrayContaining(['cin', 'name', 'dateOfBirth']));
    // `.refine` checks JSON Schema cannot express are described in words.
    expect(operationOf('decideAuthorization').requestBody.description).toContain('a denial needs a reason');
  });

  it('R-BH-ASSIGN: the referral documents the optional county behavioural-health provider and the member’s preference; the plan may update them', () => {
    const referral = deref(operationOf('createReferral').requestBody.content['application/json'].schema);
    expect(referral.required).not.toContain('countyBehavioralHealthProvider');
    const county = deref(referral.properties.countyBehavioralHealthProvider);
    expect(county.description).toContain('R-BH-ASSIGN');
    expect([...county.required].sort()).toEqual(['contractedEcmProvider', 'providerId']);
    expect(county.additionalProperties).toBe(false);
    expect(county.properties.contractedEcmProvider.type).toBe('boolean');
    expect([...deref(county.properties.memberPrefersOtherProvider).required].sort()).toEqual(['documentedAt', 'reason']);
    const update = deref(operationOf('recordBehavioralHealthProvider').requestBody.content['application/json'].schema);
    expect([...update.required].sort()).toEqual(['at', 'contractedEcmProvider', 'providerId']);
    expect(operationOf('recordBehavioralHealthProvider').description).toContain('R-BH-ASSIGN');
    expect(operationOf('assignProvider').description).toContain('R-BH-ASSIGN');
  });

  it('R-CAREPLAN-14D: the care plan body needs at least 2 goals, each with description, measure and target date', () => {
    const carePlan = deref(operationOf('recordCarePlan').requestBody.content['application/json'].schema);
    expect(carePlan.required).toContain('goals');
    expect(carePlan.properties.goals.minItems).toBe(2);
    expect(carePlan.properties.goals.items.required).toEqual(expect.arrayContaining(['description', 'measure', 'targetDate']));
  });

  it('answers journey actions with {memberId, action, stage, at, links} and referrals 202 with {memberId, referralId, links}', () => {
    const action = deref(deref(operationOf('recordCarePlan').responses['200']).content['application/json'].schema);
    expect(action.required).toEqual(expect.arrayContaining(['memberId', 'action', 'stage', 'at', 'links']));
    const referral = deref(deref(operationOf('createReferral').responses['202']).content['application/json'].schema);
    expect(referral.required).toEqual(expect.arrayContaining(['memberId', 'referralId', 'links']));
  });
});

describe('GET /openapi.json and /docs', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    // As the app mounts it: after helmet's default headers.
    const app = express().use(helmet()).use(openApiRouter());
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('serves the document as JSON', async () => {
    const res = await fetch(`${base}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual(openApiDocument());
  });

  it('serves a reference page whose scripts and styles are all local, and they load', async () => {
    const res = await fetch(`${base}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
    const styles = [...html.matchAll(/<link[^>]*\shref="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts).toEqual(expect.arrayContaining(['/docs/assets/swagger-ui-bundle.js', '/docs/init.js']));
    expect(styles).toContain('/docs/assets/swagger-ui.css');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    // No inline script: the CSP forbids it.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html).toContain('data-openapi-url="/openapi.json"');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);

    for (const url of [...scripts, ...styles]) {
      const asset = await fetch(`${base}${url}`);
      expect(asset.status, url).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(0);
    }
    const init = await fetch(`${base}/docs/init.js`);
    expect(init.headers.get('content-type')).toMatch(/^text\/javascript/);
    const initJs = await init.text();
    expect(initJs).toContain('SwaggerUIBundle');
    expect(initJs).not.toMatch(/https?:\/\//);
    expect((await fetch(`${base}/docs/assets/swagger-ui.css`)).headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('serves only the assets the page needs', async () => {
    for (const file of ['index.html', 'swagger-initializer.js', 'package.json', '../package.json']) {
      expect((await fetch(`${base}/docs/assets/${file}`)).status, file).toBe(404);
    }
  });
});
