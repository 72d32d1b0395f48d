/** `POST /v1/members/:memberId/assignment/response`: the provider accepts or declines. */
import { z } from 'zod';
import { DECLINE_REASONS } from '../../src/core/domain/actions/respond-to-assignment';
import { respondToAssignmentUpdate } from '../../src/contracts/member-journey';
import type { RouteDependencies } from '../dependencies';
import { instantSchema } from '../timestamp';
import { journeyActionRoute } from './journey-action';
import { text } from '../text';

/** The response body. */
export const assignmentResponseBody = z
  .strictObject({
    response: z.enum(['accepted', 'declined']),
    /** R-DECLINE-1BD: a provider may decline only at capacity (Guide §7.4), so that is the default. */
    reason: z.enum(DECLINE_REASONS).optional(),
    /** What the provider adds to a decline, e.g. when capacity is expected back. */
    detail: text({ max: 2000 }).optional(),
    at: instantSchema,
  })
  .refine((b) => b.response === 'declined' || (b.reason === undefined && b.detail === undefined), {
    path: ['reason'],
    message: 'only a decline has a reason',
  });

/** R-DECLINE-1BD: a decline must come within one business day of the assignment. */
export const postAssignmentResponse = (deps: RouteDependencies) =>
  journeyActionRoute(deps, 'assignment-response', assignmentResponseBody, respondToAssignmentUpdate, (body, actionKey) => ({
    actionKey,
    response: body.response,
    at: body.at,
    ...(body.response === 'declined' ? { reason: body.reason ?? 'at_capacity' } : {}),
    ...(body.detail ? { detail: body.detail } : {}),
  }));
