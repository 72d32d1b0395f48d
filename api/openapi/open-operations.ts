/** The operations outside `/v1` in the OpenAPI document: liveness, readiness, metrics and the codec server. */
import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import { REQUEST_ID, standardHeaders } from './headers';
import { codecPayloads, health, problemSchema, readiness } from './response-schemas';
import { jsonResponse, PROBLEMS } from './responses';

/** The operations outside `/v1`: liveness, metrics and the codec server. */
export function openOperations(): ZodOpenApiPathsObject {
  const header = z.object({ 'X-Request-Id': REQUEST_ID });
  const codec = (direction: 'encode' | 'decode'): ZodOpenApiOperationObject => ({
    operationId: direction === 'encode' ? 'codecEncode' : 'codecDecode',
    summary: direction === 'encode' ? 'Encrypt payloads for the Temporal Web UI' : 'Decrypt payloads for the Temporal Web UI',
    description:
      'The Temporal Web UI’s remote codec protocol (`--ui-codec-endpoint …/codec`), so authorized ops staff read payloads in the browser while the Temporal server holds only ciphertext. Mounted only when the API runs with a codec; CORS allows the configured Web UI origin. Needs the codec token (`ECM_CODEC_TOKEN`) or an ops bearer token: it never decrypts for an anonymous caller. A payload it cannot open answers 400 `undecryptable_payload` or `unknown_payload_key`.',
    tags: ['Codec'],
    security: [{ codecBearer: [] }],
    requestParams: { header },
    requestBody: { required: true, content: { 'application/json': { schema: codecPayloads } } },
    responses: {
      '200': jsonResponse(direction === 'encode' ? 'The encoded payloads, in order.' : 'The decoded payloads, in order.', codecPayloads),
      '400': PROBLEMS['400']!,
      '401': {
        description: 'The codec token is missing or wrong. Code: `unauthorized`.',
        headers: standardHeaders,
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    },
  });
  return {
    '/healthz': {
      get: {
        operationId: 'getHealth',
        summary: 'Liveness',
        description: 'Answers 200 while the process serves requests; no token needed.',
        tags: ['Operations'],
        security: [],
        requestParams: { header },
        responses: { '200': jsonResponse('Alive.', health) },
      },
    },
    '/readyz': {
      get: {
        operationId: 'getReadiness',
        summary: 'Readiness',
        description: 'Answers 200 when Temporal answers, PostgreSQL answers `SELECT 1` and a worker polls the journey task queue; 503 (with `Retry-After`) naming the checks that failed. No token needed.',
        tags: ['Operations'],
        security: [],
        requestParams: { header },
        responses: { '200': jsonResponse('Ready.', readiness), '503': jsonResponse('Not ready: the failed checks say why.', readiness) },
      },
    },
    '/metrics': {
      get: {
        operationId: 'getMetrics',
        summary: 'Prometheus metrics',
        description: 'Request durations, refusals, authentication failures, journeys and care-record gauges in the Prometheus text format; no token needed, and no PHI or member IDs.',
        tags: ['Operations'],
        security: [],
        requestParams: { header },
        responses: { '200': { description: 'Prometheus text exposition format 0.0.4.', headers: standardHeaders, content: { 'text/plain': { schema: { type: 'string' } } } } },
      },
    },
    '/codec/encode': { post: codec('encode') },
    '/codec/decode': { post: codec('decode') },
  };
}
