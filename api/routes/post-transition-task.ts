/** `POST /v1/members/:memberId/transitions/:visitId/tasks/:task`: complete or waive an R-TCS-TASKS task. */
import type { RequestHandler } from 'express';
import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { deriveVisitKey, fingerprint } from '../../src/identity';
import { TCS_TASKS } from '../../src/domain/transitional-care/episode-state';
import { completeTaskUpdate } from '../../workflows/transitional-care/definitions';
import type { RouteDependencies } from '../dependencies';
import { ApiError, ApiErrorCode } from '../problem';
import { updateRejection } from '../journey-gateway';
import { dateSchema, instantSchema } from '../timestamp';
import { memberIdParam, parseBody, safePathParam } from '../validation';
import { text } from '../text';
import { actionKeyOf } from './journey-action';

const note = text({ max: 500 });

/** The completion body; what a task needs beyond `outcome` is checked by the episode. */
export const taskCompletionBody = z.strictObject({
  outcome: z.enum(['done', 'not_applicable']),
  at: instantSchema,
  by: text({ max: 64 }),
  reason: note.optional(),
  sharedWith: z.array(note).max(20).optional(),
  licensed: z.boolean().optional(),
  referrals: z.array(z.strictObject({ referral: note, outcome: note })).max(50).optional(),
  lace: z
    .strictObject({
      admitDate: dateSchema,
      dischargeDate: dateSchema,
      emergent: z.boolean(),
      charlsonScore: z.number().int().min(0).max(40),
      edVisitsPrior6Months: z.number().int().min(0).max(200),
    })
    .optional(),
});

/** Finds the visit's episode through the journey, then sends the task to the episode as an Update. */
export function postTransitionTask(deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const memberId = memberIdParam(req);
    safePathParam(req, 'visitId');
    const task = z.enum(TCS_TASKS).safeParse(safePathParam(req, 'task'));
    if (!task.success) throw new ApiError(ApiErrorCode.NotFound, `no transitional-care task "${String(req.params.task)}"; tasks are ${TCS_TASKS.join(', ')}`);
    const body = parseBody(taskCompletionBody, req);
    const journey = await deps.journeys.state(memberId);
    const visitKey = deriveVisitKey(deps.config.memberIdKey, journey.plan, String(req.params.visitId));
    const episode = journey.episodes?.find((e) => e.visitKeys.includes(visitKey));
    if (!episode) throw new ApiError(ApiErrorCode.NotFound, 'this member has no transitional-care episode for that visit');
    const actionKey = actionKeyOf(req, `task:${task.data}`, body, deps.config.memberIdKey);
    const input = { actionKey, task: task.data, ...body };
    try {
      const result = await deps.journeys.client.workflow
        .getHandle(episode.workflowId)
        .executeUpdate(completeTaskUpdate, { args: [input], updateId: `task:${actionKey}:${fingerprint(deps.config.memberIdKey, input)}` });
      res.status(200).json({ memberId, ...result });
    } catch (err) {
      const rejected = updateRejection(err);
      if (rejected) throw rejected;
      if (err instanceof WorkflowNotFoundError || /already completed/i.test((err as Error).message)) {
        throw new ApiError(ApiErrorCode.JourneyClosed, 'the transitional-care episode has closed');
      }
      throw err;
    }
  };
}
