/**
 * The shape every journey action route shares: validate the body, name the action by its
 * idempotency key, send it to the journey as an Update, answer with the result.
 */
import type { Request, RequestHandler } from 'express';
import type { UpdateDefinition } from '@temporalio/client';
import type { z } from 'zod';
import { fingerprint } from '../../src/infra/identity';
import type { ActionEnvelope } from '../../src/core/domain/actions';
import type { ActionResult } from '../../src/core/domain/journey-state';
import type { RouteDependencies } from '../dependencies';
import { ApiError, ApiErrorCode } from '../problem';
import { memberIdParam, parseBody } from '../validation';
import { callerOf } from '../auth/caller';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * The client's `Idempotency-Key`, or, without one, a fingerprint of the route and body: the same
 * request delivered twice then still has one effect.
 */
export function actionKeyOf(req: Request, action: string, body: unknown, key: string): string {
  const header = req.get('Idempotency-Key');
  if (header === undefined) return `auto:${fingerprint(key, { action, body })}`;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new ApiError(ApiErrorCode.InvalidBody, 'Idempotency-Key must be 8 to 128 letters, digits, "_", ".", ":" or "-"', {
      errors: [{ path: 'Idempotency-Key', message: 'invalid header' }],
    });
  }
  return header;
}

/** Builds an action route from its body schema and its Update. */
export function journeyActionRoute<S extends z.ZodType, I extends ActionEnvelope>(
  deps: RouteDependencies,
  action: string,
  schema: S,
  update: UpdateDefinition<ActionResult, [I]>,
  toInput: (body: z.infer<S>, actionKey: string) => I,
  /** Work that must hold before the journey sees the action (e.g. a caseload slot); undone if the journey refuses. */
  reserve?: (memberId: string, input: I) => Promise<(() => Promise<void>) | undefined>,
): RequestHandler {
  return async (req, res) => {
    const memberId = memberIdParam(req);
    const body = parseBody(schema, req);
    const actionKey = actionKeyOf(req, action, body, deps.config.memberIdKey);
    // Who acted, as the verified token names them, for the stage history.
    const input = { ...toInput(body, actionKey), actor: callerOf(res).subject };
    // The update ID binds key and content: a reused key with other content reaches the validator and is refused.
    const updateId = `${action}:${actionKey}:${fingerprint(deps.config.memberIdKey, input)}`;
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
