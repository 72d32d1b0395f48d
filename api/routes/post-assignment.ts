/** `POST /v1/members/:memberId/assignment`: the plan assigns an ECM provider. */
import { z } from 'zod';
import { assignProviderUpdate } from '../../src/contracts/member-journey';
import type { RouteDependencies } from '../dependencies';
import { instantSchema } from '../timestamp';
import { journeyActionRoute } from './journey-action';
import { text } from '../text';

/** The assignment body. */
export const assignmentBody = z.strictObject({
  providerId: text({ max: 64 }),
  assignedAt: instantSchema,
});

/** Meets R-ASSIGN; starts R-DECLINE-1BD and R-LCM-72H. */
export const postAssignment = (deps: RouteDependencies) =>
  journeyActionRoute(deps, 'assignment', assignmentBody, assignProviderUpdate, (body, actionKey) => ({
    actionKey,
    providerId: body.providerId,
    assignedAt: body.assignedAt,
  }));
