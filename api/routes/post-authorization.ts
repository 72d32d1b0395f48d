/** `POST /v1/members/:memberId/authorization`: the plan's benefit determination. */
import { z } from 'zod';
import { decideAuthorizationUpdate } from '../../src/contracts/member-journey';
import type { RouteDependencies } from '../dependencies';
import { instantSchema } from '../timestamp';
import { journeyActionRoute } from './journey-action';
import { text } from '../text';
import { reasonRequired } from '../validation';

/** The determination body. */
export const authorizationBody = z
  .strictObject({
    decision: z.enum(['approved', 'denied']),
    decidedAt: instantSchema,
    reason: text({ max: 2000 }).optional(),
  })
  // R-DENIAL-NOA: the Notice of Action states the reason; without one the answer is reason_required.
  .refine((b) => b.decision !== 'denied' || b.reason, reasonRequired('a denial needs a reason (R-DENIAL-NOA)'));

/** R-AUTH-ROUTINE / R-AUTH-EXPEDITED are met here; a denial sends a Notice of Action. */
export const postAuthorization = (deps: RouteDependencies) =>
  journeyActionRoute(deps, 'authorization', authorizationBody, decideAuthorizationUpdate, (body, actionKey) => ({
    actionKey,
    decision: body.decision,
    decidedAt: body.decidedAt,
    ...(body.reason ? { reason: body.reason } : {}),
  }));
