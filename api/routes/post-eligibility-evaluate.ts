/** `POST /v1/eligibility/evaluate`: R-ELIGIBILITY for a set of facts, with every reason. */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { localDateOf } from '../../src/core/calendar';
import { evaluateEligibility } from '../../src/core/eligibility';
import type { RouteDependencies } from '../dependencies';
import { memberFactsSchema } from '../eligibility-facts-schema';
import { dateSchema } from '../timestamp';
import { parseBody } from '../validation';
import { ApiError, ApiErrorCode } from '../problem';

/** The request: facts, and the date to judge them on (today in California by default). */
export const eligibilityEvaluateBody = z
  .strictObject({ facts: memberFactsSchema, asOf: dateSchema.optional() })
  .refine((b) => !b.asOf || b.facts.dateOfBirth <= b.asOf, { path: ['facts', 'dateOfBirth'], message: 'must not be after asOf' });

/** Answers the engine's evaluation; nothing is stored. */
export function postEligibilityEvaluate(deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const body = parseBody(eligibilityEvaluateBody, req);
    const asOf = body.asOf ?? localDateOf(await deps.clock(), 'America/Los_Angeles');
    // A date of birth in the future is a typing error, not a child not yet born.
    if (body.facts.dateOfBirth > asOf) {
      throw new ApiError(ApiErrorCode.InvalidBody, 'the date of birth is in the future', { errors: [{ path: 'facts.dateOfBirth', message: 'must not be in the future' }] });
    }
    res.json(evaluateEligibility(body.facts, asOf));
  };
}
