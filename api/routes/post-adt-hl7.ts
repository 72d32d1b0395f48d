/**
 * `POST /v1/adt/hl7[?plan=…]`: raw HL7 v2 ADT messages, one or more per body, as a hospital or an
 * HIE sends them. Each message is answered with an HL7 ACK: AA accepted (a member with no open
 * journey is still accepted, and kept for reconciliation), AE a bad message with the error in
 * MSA/ERR, AR a message we do not take (unsupported event or version, a sender on none of the
 * plan's feeds). The plan is the caller's (its token): MSH-4 names the hospital, not the plan;
 * `?plan=` may still name it, and must then be the caller's own (the access guard checks). Each
 * message is read by the plan's feed naming its MSH-4 (src/core/adt/hl7-feeds.ts), the default
 * rules when the plan configures none. At most 100 messages per request, each counted against the
 * plan's rate limit (see ../adt/adt-work-limit.ts).
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { ORGANISATION_CODE_PATTERN } from '../../src/infra/identity';
import { httpFeedSelector, parseHl7Adt } from '../../src/core/adt';
import type { RouteDependencies } from '../dependencies';
import { takeInHl7Message } from '../adt/hl7-intake';
import { boundAdtWork } from '../adt/adt-work-limit';
import { callerOf } from '../auth/caller';
import { ApiError, ApiErrorCode } from '../problem';
import { parseQuery } from '../validation';
import { safeString } from '../text';

/** The query: optionally the plan whose feed this is (the caller's own), and nothing else. */
export const adtHl7Query = z.strictObject({
  plan: safeString()
    .regex(ORGANISATION_CODE_PATTERN, 'a plan code: ?plan=<plan code>')
    .optional()
    .meta({ description: 'The plan whose members the feed carries: the caller’s own, which is also the default.' }),
});

/** Answers the ACKs, one per message, in order. */
export function postAdtHl7(deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const query = parseQuery(adtHl7Query, req);
    // Only plan callers reach here (route table); the access guard refused a foreign ?plan=.
    const plan = query.plan ?? callerOf(res).organisation;
    const body = typeof req.body === 'string' ? req.body : '';
    if (!body.trim()) throw new ApiError(ApiErrorCode.InvalidBody, 'the body must be HL7 v2 text', { errors: [{ path: '(body)', message: 'empty' }] });
    const results = parseHl7Adt(body, { feeds: httpFeedSelector(deps.config.feeds ?? {}, plan) });
    // Every message counts, those answered AE or AR too: each is work the sender asked for.
    await boundAdtWork(res, results.length);
    const receivedMs = await deps.clock();
    const intake = { pool: deps.pool, journeys: deps.journeys, memberIdKey: deps.config.memberIdKey };
    const acks: string[] = [];
    for (const result of results) acks.push(await takeInHl7Message(intake, result, plan, receivedMs));
    res.status(200).type('x-application/hl7-v2+er7').send(acks.join('\n'));
  };
}
