import { dueInstant } from '../../calendar';
import { formatInstant, fulfil, recount, type Deadline } from '../deadline';
import type { JourneyState } from '../journey-state';
import { turnaroundOf } from '../plan-policy';
import { inPlanTime, latestDeadlineOf, withDeadlines } from './action-support';

/**
 * R-DECLINE-1BD, judged by act time (ECM-RULES §1): the window that silence closed, when an act
 * dated at `atMs` still falls inside it. Such an act is the provider's answer, even though it
 * reached the system after silence had been taken as acceptance.
 */
export function windowClosedBySilence(state: JourneyState, atMs: number): Deadline | undefined {
  if (!state.actTimeJudgement || !state.assignment?.response?.deemed) return undefined;
  const window = latestDeadlineOf(state, 'R-DECLINE-1BD');
  if (!window || window.status !== 'breached' || window.closedWithoutAct === undefined) return undefined;
  return atMs <= Date.parse(window.dueAt) ? window : undefined;
}

/**
 * The provider accepted inside the window (by answering, or by naming a Lead Care Manager): the
 * window is met, and R-LCM-72H counts from the acceptance (Guide §7.4), not from the sending as
 * silence had it. An alarm the earlier count raised is withdrawn if the new count has not run out.
 */
export function acceptedWithinWindow(state: JourneyState, window: Deadline, atMs: number, nowMs: number): JourneyState {
  const { policy } = state;
  const tz = policy.calendar.timeZone;
  const clock = latestDeadlineOf(state, 'R-LCM-72H');
  const dueMs = dueInstant(turnaroundOf(policy, 'R-LCM-72H'), atMs, policy.calendar);
  return withDeadlines(
    { ...state, assignment: { ...state.assignment!, response: { response: 'accepted', at: inPlanTime(state, atMs) } } },
    fulfil(window, atMs, tz),
    ...(clock ? [recount(clock, atMs, dueMs, nowMs, tz)] : []),
  );
}

/**
 * The provider declined inside the window: the window is met, and the R-LCM-72H clock silence had
 * started no longer applies (the member goes back to the plan for reassignment).
 */
export function declinedWithinWindow(state: JourneyState, window: Deadline, atMs: number, nowMs: number): JourneyState {
  const tz = state.policy.calendar.timeZone;
  const clock = latestDeadlineOf(state, 'R-LCM-72H');
  const moot: Deadline[] = [];
  if (clock && clock.status !== 'met' && clock.status !== 'cancelled') {
    const { breachedAt: _b, closedWithoutAct: _c, ...rest } = clock;
    moot.push({ ...rest, status: 'cancelled', cancelledAt: formatInstant(nowMs, tz), cancelReason: 'the provider declined within R-DECLINE-1BD' });
  }
  return withDeadlines(state, fulfil(window, atMs, tz), ...moot);
}
