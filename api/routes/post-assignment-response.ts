/** `POST /v1/members/:memberId/assignment/response`: the provider accepts or declines. */
import { z } from 'zod';
import { DECLINE_REASONS } from '../../src/domain/actions/respond-to-assignment';
import { respondToAssignmentUpdate } from '../../workflows/member-journey/definitions';
import type { RouteDependencies } from '../dependencies';
import { instantSchema } from '../timestamp';
import { journeyActionRoute } from './journey-action';

/** The response body. */
export const assignmentResponseBody = z
  .object({
    response: z.enum(['accepted', 'declined']),
    /** R-DECLINE-1BD: a provider may decline only at capacity (Guide §7.4), so that is the default. */
    reason: z.enum(DECLINE_REASONS).optional(),
    /** What the provider adds to a decline, e.g. when capacity is expected back. */
    detail: z.string().trim().min(1).max(2000).optional(),
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
