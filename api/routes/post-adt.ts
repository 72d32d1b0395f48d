/**
 * `POST /v1/adt`: a batch of ADT events as JSON. The whole batch is validated, and its size bounded
 * and charged against the rate limit (one unit per event), before any is taken in.
 */
import type { RequestHandler } from 'express';
import type { RouteDependencies } from '../dependencies';
import { adtBatchSchema } from '../adt/adt-event-schema';
import { takeInAdtEvent } from '../adt/adt-intake';
import { boundAdtWork, MAX_ADT_MESSAGES_PER_REQUEST } from '../adt/adt-work-limit';
import { parseBody } from '../validation';

/** Answers each event's outcome, in order: accepted, duplicate, or unmatched (kept for reconciliation). */
export function postAdt(deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    // The cap first, before validating (and paying for) every event of an oversized batch.
    const given = (req.body as { events?: unknown } | undefined)?.events;
    if (Array.isArray(given) && given.length > MAX_ADT_MESSAGES_PER_REQUEST) await boundAdtWork(res, given.length);
    const { events } = parseBody(adtBatchSchema, req);
    await boundAdtWork(res, events.length);
    const receivedMs = await deps.clock();
    const results = [];
    // In order: a discharge after its admission in the same batch must reach the episode after it.
    for (const event of events) {
      results.push(await takeInAdtEvent({ pool: deps.pool, journeys: deps.journeys, memberIdKey: deps.config.memberIdKey }, event, 'json', receivedMs));
    }
    res.status(200).json({ results });
  };
}
