/**
 * Prometheus metrics (`GET /metrics`). Labels are route patterns, methods, status codes, rule IDs
 * and reason codes — never a member ID or anything else that identifies a person.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The API's metrics, on their own registry so tests can build several apps. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requests: new Histogram({
      name: 'ecm_http_request_duration_seconds',
      help: 'API requests by route pattern, method and status',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    refusals: new Counter({
      name: 'ecm_requests_refused_total',
      help: 'Requests refused, by machine-readable reason (wrong stage, timestamps, caseload, …)',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
  };
}

/** The metrics object. */
export type ApiMetrics = ReturnType<typeof createMetrics>;
