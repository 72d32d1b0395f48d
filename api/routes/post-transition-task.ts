/** `POST /v1/members/:memberId/transitions/:visitId/tasks/:task`: complete or waive an R-TCS-TASKS task. */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { deriveLegacyVisitKey, deriveVisitKey, fingerprint } from '../../src/infra/identity';
import { TCS_TASKS } from '../../src/core/domain/transitional-care/episode-state';
import type { RouteDependencies } from '../dependencies';
import { ApiError, ApiErrorCode } from '../problem';
import { dateSchema, instantSchema } from '../timestamp';
import { memberIdParam, parseBody, parseQuery, safePathParam } from '../validation';
import { text } from '../text';
import { actionKeyOf } from '../idempotency-key';

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

/** `?facility=`: which facility's visit, when the member has the same visit number at two. */
export const transitionTaskQuery = z.strictObject({
  facility: text({ max: 64 }).optional().meta({ description: 'The facility (PV1-3) of the visit, when the member has the same visit number at two facilities.' }),
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
    const { facility } = parseQuery(transitionTaskQuery, req);
    const episode = await episodeOfVisit(deps, memberId, journey, String(req.params.visitId), facility);
    const actionKey = actionKeyOf(req, `task:${task.data}`, body, deps.config.memberIdKey);
    const input = { actionKey, task: task.data, ...body };
    const result = await deps.journeys.completeTask(episode.workflowId, input, `task:${actionKey}:${fingerprint(deps.config.memberIdKey, input)}`);
    res.status(200).json({ memberId, ...result });
  };
}

/**
 * The episode of the member's visit. Visit keys name the facility (visit numbers are unique only
 * within one), so the candidates are the facilities the member's ADT messages came from, plus the
 * legacy plan-wide key of episodes opened before; `?facility=` picks the facility's visit when a
 * member has the same visit number at two facilities.
 */
async function episodeOfVisit(
  deps: RouteDependencies,
  memberId: string,
  journey: { readonly plan: string; readonly episodes?: readonly { readonly workflowId: string; readonly status: string; readonly visitKeys: readonly string[] }[] },
  visitNumber: string,
  facility: string | undefined,
): Promise<{ readonly workflowId: string }> {
  const key = deps.config.memberIdKey;
  const facilities = facility
    ? [facility]
    : (await deps.pool.query<{ facility_id: string }>('SELECT DISTINCT facility_id FROM adt_messages WHERE member_id = $1', [memberId])).rows.map((r) => r.facility_id);
  const candidates = new Set([
    ...facilities.map((facilityId) => deriveVisitKey(key, { plan: journey.plan, facilityId, memberId, visitNumber })),
    ...(facility ? [] : [deriveLegacyVisitKey(key, journey.plan, visitNumber)]),
  ]);
  // A visit readmitted after its episode closed has a newer episode: the open one, else the latest.
  const chosen = [...candidates]
    .map((k) => (journey.episodes ?? []).filter((e) => e.visitKeys.includes(k)))
    .filter((found) => found.length > 0)
    .map((found) => found.find((e) => e.status === 'open') ?? found.at(-1)!);
  if (chosen.length === 0) throw new ApiError(ApiErrorCode.NotFound, 'this member has no transitional-care episode for that visit');
  // The same number at two facilities in two episodes: the open one is the one tasks are for;
  // `?facility=` reaches the other.
  const order = journey.episodes ?? [];
  return chosen.find((e) => e.status === 'open') ?? chosen.sort((a, b) => order.indexOf(a) - order.indexOf(b)).at(-1)!;
}
