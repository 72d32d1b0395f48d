/** `POST /v1/members/:memberId/assignment/response`: the provider accepts or declines. */
import { z } from 'zod';
import { respondToAssignmentUpdate } from '../../workflows/member-journey/definitions';
import type { RouteDependencies } from '../dependencies';
import { instantSchema } from '../timestamp';
import { journeyActionRoute } from './journey-action';
import { text } from '../text';
import { reasonRequired } from '../validation';

/** The response body. */
export const assignmentResponseBody = z
  .strictObject({
    response: z.enum(['accepted', 'declined']),
    reason: text({ max: 2000 }).optional(),
    at: instantSchema,
  })
  .refine((b) => b.response !== 'declined' || b.reason, reasonRequired('a decline needs a reason (e.g. at capacity)'));

/** R-DECLINE-1BD: a decline must come within one business day of the assignment. */
export const postAssignmentResponse = (deps: RouteDependencies) =>
  journeyActionRoute(deps, 'assignment-response', assignmentResponseBody, respondToAssignmentUpdate, (body, actionKey) => ({
    actionKey,
    response: body.response,
    at: body.at,
    ...(body.reason ? { reason: body.reason } : {}),
  }));
