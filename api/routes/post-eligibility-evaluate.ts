/** `POST /v1/eligibility/evaluate`: R-ELIGIBILITY for a set of facts, with every reason. */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { localDateOf } from '../../src/calendar';
import { evaluateEligibility } from '../../src/eligibility';
import type { RouteDependencies } from '../dependencies';
import { memberFactsSchema } from '../eligibility-facts-schema';
import { dateSchema } from '../timestamp';
import { parseBody } from '../validation';

/** The request: facts, and the date to judge them on (today in California by default). */
export const eligibilityEvaluateBody = z.object({ facts: memberFactsSchema, asOf: dateSchema.optional() });

/** Answers the engine's evaluation; nothing is stored. */
export function postEligibilityEvaluate(deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const body = parseBody(eligibilityEvaluateBody, req);
    const asOf = body.asOf ?? localDateOf(await deps.clock(), 'America/Los_Angeles');
    res.json(evaluateEligibility(body.facts, asOf));
  };
}
