/**
 * `GET /v1/members/:memberId`: the journey's state, straight from the workflow's query, with the
 * member's Notices of Action from the care record (R-DENIAL-NOA: what was sent, and whether).
 */
import type { RequestHandler } from 'express';
import type { RouteDependencies } from '../dependencies';
import { memberIdParam } from '../validation';
import { noticesOfMember } from './notice-view';

/** Stage, parties, every deadline with rule, due instant and status, and the notices. */
export function getMember({ journeys, pool }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const memberId = memberIdParam(req);
    const [state, notices] = await Promise.all([journeys.state(memberId), noticesOfMember(pool, memberId)]);
    res.json({ ...state, notices });
  };
}
