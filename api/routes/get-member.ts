/** `GET /v1/members/:memberId`: the journey's state, straight from the workflow's query. */
import type { RequestHandler } from 'express';
import type { RouteDependencies } from '../dependencies';
import { memberIdParam } from '../validation';

/** Stage, parties, and every deadline with rule, due instant and status. */
export function getMember({ journeys }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const memberId = memberIdParam(req);
    res.json(await journeys.state(memberId));
  };
}
