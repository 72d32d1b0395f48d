/**
 * The handler every journey action's route shares: validate the body, name the act by its
 * idempotency key, send it to the journey as its Update, answer with the result.
 */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { fingerprint } from '../../src/infra/identity';
import type { ActionEnvelope, JourneyActionRoute } from '../../src/core/domain/actions';
import type { ActionResult } from '../../src/core/domain/journey-state';
import type { UpdateDefinition } from '@temporalio/client';
import type { RouteDependencies } from '../dependencies';
import { actionKeyOf } from '../idempotency-key';
import { ApiError } from '../problem';
import { memberIdParam, parseBody, safePathParam } from '../validation';
import { callerOf } from '../auth/caller';

/** Work that must hold before the journey sees the act; it returns its undo, run if the journey refuses. */
export type Reservation = (memberId: string, input: ActionEnvelope) => Promise<(() => Promise<void>) | undefined>;

/** What a route needs to carry one act to the journey. */
export interface JourneyActRoute {
  /** The act's idempotency namespace (its event kind). */
  readonly eventKind: string;
  readonly route: JourneyActionRoute<ActionEnvelope, z.ZodType>;
  readonly body: z.ZodType;
  readonly update: UpdateDefinition<ActionResult, [ActionEnvelope]>;
  readonly reserve?: Reservation;
}

/** The route handler of one journey action. */
export function actOnJourney(deps: RouteDependencies, { eventKind, route, body: schema, update, reserve }: JourneyActRoute): RequestHandler {
  return async (req, res) => {
    const memberId = memberIdParam(req);
    const body = parseBody(schema, req);
    const actionKey = actionKeyOf(req, eventKind, body, deps.config.memberIdKey);
    // Who acted, as the verified token names them, for the stage history.
    const params = Object.fromEntries(Object.keys(req.params).filter((name) => name !== 'memberId').map((name) => [name, safePathParam(req, name)]));
    const input = { ...route.toInput(body, actionKey, params), actor: callerOf(res).subject } as ActionEnvelope;
    // The update ID binds key and content: a reused key with other content reaches the validator and is refused.
    const updateId = `${eventKind}:${actionKey}:${fingerprint(deps.config.memberIdKey, input)}`;
    const undo = reserve ? await reserve(memberId, input) : undefined;
    let result: ActionResult;
    try {
      result = await deps.journeys.act(memberId, update, input, updateId);
    } catch (err) {
      // Only a definite refusal is undone; after an unknown outcome a retry reuses the reservation.
      if (undo && err instanceof ApiError) await undo();
      throw err;
    }
    const location = `/v1/members/${memberId}`;
    res.status(200).location(location).json({ memberId, ...result, links: { journey: location } });
  };
}
