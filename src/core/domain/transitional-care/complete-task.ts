import { CLOCK_SKEW_ALLOWANCE_MS } from '../actions/action-support';
import { fulfil } from '../deadline';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { EpisodeState, TaskState, TcsTask } from './episode-state';
import { meetContactClocks } from './apply-adt-event';
import { inPlanTime, outstandingDeadlines, withDeadlines } from '../deadline-holder';
import { modifiedLace, type LaceInputs } from './modified-lace';

/** Completing or waiving one R-TCS-TASKS task. */
export interface TaskCompletionInput {
  readonly actionKey: string;
  readonly task: TcsTask;
  readonly outcome: 'done' | 'not_applicable';
  readonly at: string;
  readonly by: string;
  /** Why the task does not apply; required for `not_applicable`. */
  readonly reason?: string;
  /** discharge_summary_shared: with whom. */
  readonly sharedWith?: readonly string[];
  /** medication_reconciliation: done by a licensed person. */
  readonly licensed?: boolean;
  /** closed_loop_referrals: each referral and its outcome. */
  readonly referrals?: readonly { readonly referral: string; readonly outcome: string }[];
  /** discharge_risk_assessment: the Modified LACE inputs (R-TCS-DRA). */
  readonly lace?: LaceInputs;
}

function refuse(message: string, code: JourneyRuleViolation['code'] = JourneyErrorCode.ReasonRequired): never {
  throw new JourneyRuleViolation(code, message);
}

/** Refuses a completion that lacks what the task needs; the update validator runs this. */
export function checkTaskCompletion(state: EpisodeState, input: TaskCompletionInput, nowMs: number): void {
  if (state.status === 'completed' || state.status === 'cancelled') refuse('the transitional-care episode is closed', JourneyErrorCode.WrongStage);
  const atMs = Date.parse(input.at);
  if (Number.isNaN(atMs) || atMs > nowMs + CLOCK_SKEW_ALLOWANCE_MS) refuse(`the timestamp ${input.at} is in the future`, JourneyErrorCode.TimestampInFuture);
  if (input.outcome === 'not_applicable') {
    if (!input.reason?.trim()) refuse('a task marked not applicable needs a reason (R-TCS-TASKS)');
    return;
  }
  switch (input.task) {
    case 'discharge_summary_shared':
      if (!input.sharedWith?.length) refuse('say with whom the discharge summary was shared');
      break;
    case 'medication_reconciliation':
      if (input.licensed !== true) refuse('medication reconciliation must be done by a licensed person');
      break;
    case 'closed_loop_referrals':
      if (!input.referrals?.length) refuse('list each referral and its outcome');
      break;
    case 'discharge_risk_assessment':
      if (!input.lace) refuse('the discharge risk assessment needs the Modified LACE inputs (R-TCS-DRA)');
      break;
    default:
  }
}

/** The instant both tasks of R-TCS-7D were resolved, if they are. */
function sevenDayActsAt(tasks: readonly TaskState[]): number | undefined {
  const two = tasks.filter((t) => t.task === 'post_discharge_follow_up' || t.task === 'pcp_connection');
  if (two.some((t) => t.status === 'pending' || !t.at)) return undefined;
  return Math.max(...two.map((t) => Date.parse(t.at!)));
}

/**
 * R-TCS-TASKS: records the task. Contact meets R-TCS-24H; follow-up and PCP connection together
 * meet R-TCS-7D; the risk assessment scores Modified LACE (R-TCS-DRA).
 */
export function completeTask(state: EpisodeState, input: TaskCompletionInput, nowMs: number): EpisodeState {
  checkTaskCompletion(state, input, nowMs);
  const atMs = Date.parse(input.at);
  const at = inPlanTime(state, atMs);
  const lace = input.outcome === 'done' && input.task === 'discharge_risk_assessment' && input.lace ? modifiedLace(input.lace) : undefined;
  const detail = {
    ...(input.sharedWith ? { sharedWith: input.sharedWith } : {}),
    ...(input.licensed !== undefined ? { licensed: input.licensed } : {}),
    ...(input.referrals ? { referrals: input.referrals } : {}),
    ...(lace ? { lace } : {}),
  };
  const updated: TaskState = {
    task: input.task,
    status: input.outcome,
    at,
    by: input.by,
    ...(input.reason ? { reason: input.reason.trim() } : {}),
    ...(Object.keys(detail).length ? { detail } : {}),
  };
  let next: EpisodeState = { ...state, tasks: state.tasks.map((t) => (t.task === input.task ? updated : t)), ...(lace ? { riskBand: lace.band } : {}) };
  if (input.task === 'facility_and_member_contacted' && input.outcome === 'done') next = meetContactClocks(next, atMs);
  const sevenDay = sevenDayActsAt(next.tasks);
  if (sevenDay !== undefined) {
    next = withDeadlines(next, ...outstandingDeadlines(next, 'R-TCS-7D').map((d) => fulfil(d, sevenDay, state.policy.calendar.timeZone)));
  }
  return next;
}

/** R-TCS-30D and R-TCS-TASKS: the episode completes only when discharged, every task is resolved, and 30 days have passed. */
export function readyToComplete(state: EpisodeState): boolean {
  const followedLongEnough = state.deadlines.some((d) => d.rule === 'R-TCS-30D' && d.status === 'met') && outstandingDeadlines(state, 'R-TCS-30D').length === 0;
  return state.status === 'discharged' && followedLongEnough && state.tasks.every((t) => t.status !== 'pending');
}
