import { JourneyRuleViolation, JourneyErrorCode } from '../errors';
import { DISCONTINUATION_REASONS, type DiscontinuationReason, type JourneyState } from '../journey-state';
import {
  AUTHORIZED_STAGES,
  answer,
  caseloadRelease,
  cancelOpenDeadlines,
  checkTimestamp,
  inPlanTime,
  requireStage,
  withStage,
  type ActionEnvelope,
  type JourneyEffect,
  type Transition,
} from './action-support';
import { PLAN_OR_PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** The provider's or plan's request to end ECM for the member (R-DISCONTINUE). */
export interface DiscontinuationInput extends ActionEnvelope {
  readonly reason: DiscontinuationReason;
  readonly at: string;
  readonly detail?: string;
}

const ACTION = 'discontinuation';

/** Refuses a discontinuation that does not fit; the update validator runs this. */
export function checkDiscontinuation(state: JourneyState, input: DiscontinuationInput, nowMs: number): void {
  requireStage(state, AUTHORIZED_STAGES, 'Discontinuing ECM');
  checkTimestamp(state, input.at, nowMs);
  if (input.reason === 'reauthorization_denied') {
    throw new JourneyRuleViolation(JourneyErrorCode.WrongStage, 'a reauthorization denial is the plan’s decision on the PCQ, not a discontinuation request');
  }
}

/**
 * Ends the journey for an R-DISCONTINUE reason: DISCONTINUED, or TRANSFERRED when the member left
 * the plan (continuity of care elsewhere). Every discontinuation sends a Notice of Action with
 * appeal rights (R-DENIAL-NOA), except on the member's death.
 */
export function discontinueJourney(state: JourneyState, reason: DiscontinuationReason, atMs: number, action: string, actor?: string, detail?: string): Transition {
  const at = inPlanTime(state, atMs);
  const stage = reason === 'left_plan' ? 'TRANSFERRED' : 'DISCONTINUED';
  const effects: JourneyEffect[] = [
    ...caseloadRelease(state, at, reason),
    ...(reason === 'death'
      ? []
      : [{ kind: 'notice_of_action' as const, noticeType: 'discontinuation' as const, reason: noticeReason(reason, detail), decidedAt: at, recipients: ['member' as const] }]),
  ];
  let next = cancelOpenDeadlines(state, atMs, `journey ended: ${reason}`);
  next = withStage({ ...next, discontinuation: { reason, at, ...(detail ? { detail } : {}) } }, stage, at, action, actor);
  return answer(next, action, at, effects);
}

function noticeReason(reason: DiscontinuationReason, detail?: string): string {
  return detail ? `${reason}: ${detail}` : reason;
}

/** R-DISCONTINUE, at the provider's or plan's request. */
export function discontinue(state: JourneyState, input: DiscontinuationInput, nowMs: number): Transition {
  checkDiscontinuation(state, input, nowMs);
  return discontinueJourney(state, input.reason, Date.parse(input.at), ACTION, input.actor, input.detail);
}

/** R-DISCONTINUE: a listed reason; a denied reauthorization is the plan's decision, not a discontinuation request. */
export const discontinueAction = journeyAction({
  name: 'discontinue',
  eventKind: ACTION,
  stages: AUTHORIZED_STAGES,
  check: checkDiscontinuation,
  apply: discontinue,
  route: {
    path: 'discontinuation',
    summary: 'Discontinue ECM for a listed reason',
    roles: PLAN_OR_PROVIDER,
    rules: ['R-DISCONTINUE'],
    body: (k) =>
      k.z.strictObject({
        reason: k.z.enum(DISCONTINUATION_REASONS.filter((r) => r !== 'reauthorization_denied') as [string, ...string[]]),
        at: k.instant,
        detail: k.text({ max: 2000 }).optional(),
      }),
    toInput: (b, actionKey) => ({ actionKey, ...b, reason: b.reason as DiscontinuationReason }),
  },
});
