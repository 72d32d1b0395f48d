/**
 * The Express app, built from injected dependencies (`createApp(deps)`), so tests run the very
 * same app against real servers.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import helmet from 'helmet';
import { createMetrics, type ApiMetrics } from './metrics';
import type { RouteDependencies } from './dependencies';
import { ApiError, ApiErrorCode, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, sendProblem, UpdateRejected } from './problem';
import { getMember } from './routes/get-member';
import { postReferral } from './routes/post-referral';
import { postAdt } from './routes/post-adt';
import { postAdtHl7 } from './routes/post-adt-hl7';
import { getAdtUnmatched } from './routes/get-adt-unmatched';
import { postTransitionTask } from './routes/post-transition-task';
import { postEligibilityEvaluate } from './routes/post-eligibility-evaluate';
import { listMembers } from './routes/list-members';
import { listNotices } from './routes/list-notices';
import { journeyActionHandlers } from './journey-action-routes';
import { peopleAtWorkHandlers } from './routes/people-at-work';
import { codecRouter } from './routes/codec';
import { fhirHandlers } from './routes/fhir/routes';
import { reportHandlers } from './routes/reports/routes';
import { claimsHandlers } from './routes/claims/routes';
import { importHandlers } from './routes/imports/routes';
import { ROUTES, type OperationId } from './route-table';
import { accessGuard } from './auth/access-guard';
import { authenticate } from './auth/authenticate';
import { FailureLimit, rateLimitPerOrganisation, type RateLimitStoreOf } from './rate-limit';
import { openApiRouter } from './openapi/openapi-router';
import { appendAudit } from './audit/audit-trail';
import { DEFAULT_AUTH_FAILURES_PER_MINUTE } from '../src/infra/config';
import { clientErrorOf } from './client-errors';
import { serviceUnavailable } from './service-unavailable';
import { checkReadiness } from './readiness';

/** How long each readiness check may take: a probe must answer before its own timeout. */
const READINESS_TIMEOUT_MS = 3_000;
import { loggableError } from '../src/infra/loggable-error';

/** The handler of every operation of the route table. */
function handlers(deps: RouteDependencies): Record<OperationId, RequestHandler> {
  return {
    createReferral: postReferral(deps),
    evaluateEligibility: postEligibilityEvaluate(deps),
    receiveAdtEvents: postAdt(deps),
    receiveAdtHl7: postAdtHl7(deps),
    listUnmatchedAdt: getAdtUnmatched(deps),
    listMembers: listMembers(deps),
    listNotices: listNotices(deps),
    ...peopleAtWorkHandlers(deps),
    getMember: getMember(deps),
    completeTransitionTask: postTransitionTask(deps),
    ...journeyActionHandlers(deps),
    ...fhirHandlers(deps),
    ...reportHandlers(deps),
    ...claimsHandlers(deps),
    ...importHandlers(deps),
  };
}

/**
 * Routes under `/v1`, exactly those of the route table, each behind its access guard. The caller
 * is already authenticated (see {@link createApp}).
 */
export function createRouter(deps: RouteDependencies, metrics: ApiMetrics): express.Router {
  const router = express.Router();
  const byOperation = handlers(deps);
  const denied = (reason: string) => metrics.accessDenied.inc({ reason });
  for (const spec of ROUTES) {
    const path = spec.path.replace(/^\/v1/, '');
    // HL7 v2 comes as text (ER7), not JSON.
    const parsers = 'bodyType' in spec && spec.bodyType === 'hl7' ? [express.text({ type: () => true, limit: '2mb' })] : [];
    router[spec.method](path, ...parsers, accessGuard(spec, deps.pool, deps.config.memberIdKey, denied), byOperation[spec.operationId]);
  }
  return router;
}

/**
 * One structured line per request: method, route pattern, status, duration, request ID. Never
 * the URL's member ID, the body or the query, which may carry PHI.
 */
function requestLog(deps: RouteDependencies, metrics: ApiMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = `${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? ''}` || 'unmatched';
      metrics.requests.observe({ route, method: req.method, status: String(res.statusCode) }, seconds);
      deps.log.info({ requestId: res.locals.requestId as string, clientRequestId: res.locals.clientRequestId as string | undefined, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    next();
  };
}

/**
 * The request's ID is always the server's own (a UUID), answered in `X-Request-Id`: a client-chosen
 * ID would let two organisations write audit rows under one ID. A well-formed `X-Request-Id` the
 * client sent is kept beside it (`clientRequestId` in the log line and the audit row), so a caller
 * can still find its request, but never instead of it.
 */
const requestId: RequestHandler = (req, res, next) => {
  const id = randomUUID();
  res.locals.requestId = id;
  const given = req.get('X-Request-Id');
  if (given && /^[A-Za-z0-9_.:-]{1,128}$/.test(given)) res.locals.clientRequestId = given;
  res.setHeader('X-Request-Id', id);
  next();
};

/** The whole app: security headers, request IDs and logs, metrics, JSON bodies, `/healthz`, `/v1`, one error mapper. */
export function createApp(given: RouteDependencies): express.Express {
  const app = express();
  const metrics = createMetrics(given.pool);
  const deps: RouteDependencies = { ...given, onJourneyStarted: (plan) => metrics.journeysStarted.inc({ plan }) };
  app.disable('x-powered-by');
  // same-site: the Temporal Web UI on another localhost port may call /codec.
  app.use(helmet({ crossOriginResourcePolicy: { policy: 'same-site' } }));
  app.use(requestId);
  app.use(requestLog(deps, metrics));
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(express.json({ limit: '256kb', type: ['application/json', 'application/*+json'] }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Readiness, unlike liveness, asks Temporal, PostgreSQL and the journey workers.
  app.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness({ client: deps.journeys.client, taskQueue: deps.journeys.taskQueue, pool: deps.pool, timeoutMs: READINESS_TIMEOUT_MS });
    if (readiness.status !== 'ready') res.status(503).setHeader('Retry-After', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
    res.setHeader('Cache-Control', 'no-store').json(readiness);
  });
  if (deps.codec) {
    app.use(
      '/codec',
      codecRouter(deps.codec, {
        verifyToken: deps.verifyToken,
        // Decoded payloads are PHI: who read them is in the audit trail, the UI under its own name.
        // A refusal names the token's holder when there was a valid token, else no one.
        audit: (who, requestId, action, decision, clientRequestId) =>
          appendAudit(deps.pool, {
            requestId,
            ...(clientRequestId ? { clientRequestId } : {}),
            ...(decision.outcome === 'allowed' ? { principal: who ?? { subject: 'temporal-web-ui', role: 'ops', organisation: 'codec-token' } } : who ? { principal: who } : {}),
            memberIds: [],
            action,
            ...decision,
          }),
      }),
    );
  }
  app.use(openApiRouter());
  // Issue 16 §5: one limit across every replica, in the care record's PostgreSQL (unless configured per process).
  const rateLimits: RateLimitStoreOf = deps.rateLimitStore === 'memory' ? { kind: 'memory' } : { kind: 'postgres', pool: deps.pool };
  app.use(
    '/v1',
    authenticate(deps.verifyToken, (reason) => metrics.authenticationFailures.inc({ reason }), new FailureLimit(deps.authFailuresPerMinute ?? DEFAULT_AUTH_FAILURES_PER_MINUTE, rateLimits)),
    rateLimitPerOrganisation(deps.rateLimitPerMinute, rateLimits),
    createRouter(deps, metrics),
  );
  app.use((req, _res, next) => next(new ApiError(ApiErrorCode.NotFound, `no route for ${req.method} ${req.path}`)));

  const errors: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const id = res.locals.requestId as string | undefined;
    if (err instanceof ApiError) {
      metrics.refusals.inc({ code: err.code });
      if (err instanceof UpdateRejected) metrics.updatesRejected.inc({ code: err.code });
      sendProblem(res, err, id);
      return;
    }
    const refused = clientErrorOf(err);
    if (refused) {
      metrics.refusals.inc({ code: refused.code });
      sendProblem(res, refused, id);
      return;
    }
    // An outage answers 503 naming the service that is down, whatever SDK error wraps it.
    const unavailable = serviceUnavailable(err);
    if (unavailable) {
      metrics.refusals.inc({ code: unavailable.code });
      deps.log.warn({ requestId: id, route: (req.route as { path?: string } | undefined)?.path, code: unavailable.code, err: loggableError(err) }, 'service unavailable');
      sendProblem(res, unavailable, id);
      return;
    }
    // Unexpected: log the error's class and codes only. Its message may quote member data (a
    // PostgreSQL error names the value it refused), and so would the body.
    deps.log.error({ requestId: id, route: (req.route as { path?: string } | undefined)?.path, err: loggableError(err) }, 'request failed');
    sendProblem(res, new ApiError(ApiErrorCode.Internal, 'an unexpected error occurred; the request ID identifies it in the logs'), id);
  };
  app.use(errors);
  return app;
}
