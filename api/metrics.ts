/**
 * Prometheus metrics (`GET /metrics`). Labels are route patterns, methods, status codes, rule IDs
 * and reason codes — never a member ID or anything else that identifies a person.
 */
import type { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The API's metrics, on their own registry so tests can build several apps. */
export function createMetrics(pool: Pool) {
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
      help: 'Requests refused, by machine-readable reason (wrong stage, timestamps, caseload, access, …)',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    journeysStarted: new Counter({
      name: 'ecm_journeys_started_total',
      help: 'Member journey workflows started from intake, by plan',
      labelNames: ['plan'] as const,
      registers: [registry],
    }),
    updatesRejected: new Counter({
      name: 'ecm_journey_updates_rejected_total',
      help: 'Actions a journey’s Update validator refused, by rule violation',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    authenticationFailures: new Counter({
      name: 'ecm_authentication_failures_total',
      help: 'Requests refused 401: token missing, malformed or invalid',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    accessDenied: new Counter({
      name: 'ecm_access_denied_total',
      help: 'Authenticated requests denied (403/404), by reason; each is in audit_events',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    // Read from the care record at scrape time: every worker's breaches, across restarts.
    deadlinesBreached: new Gauge({
      name: 'ecm_deadlines_breached',
      help: 'Deadlines breached, by rule: all recorded in the care record, and those still waiting for their late act',
      labelNames: ['rule', 'state'] as const,
      registers: [registry],
      async collect() {
        const { rows } = await pool.query<{ rule: string; total: string; waiting: string }>(
          `SELECT rule, count(*) AS total,
                  count(*) FILTER (WHERE fulfilled_at IS NULL AND closed_without_act IS NULL) AS waiting
           FROM deadlines WHERE status = 'breached' GROUP BY rule`,
        );
        this.reset();
        for (const r of rows) {
          this.set({ rule: r.rule, state: 'all' }, Number(r.total));
          this.set({ rule: r.rule, state: 'waiting' }, Number(r.waiting));
        }
      },
    }),
  };
}

/** The metrics object. */
export type ApiMetrics = ReturnType<typeof createMetrics>;
