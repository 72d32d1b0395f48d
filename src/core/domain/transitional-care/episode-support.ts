import { cancel, formatInstant, isOverdue, openDeadline, replaceDeadlines, type Deadline } from '../deadline';
import type { DeadlineRuleId } from '../rules';
import { turnaroundOf } from '../plan-policy';
import type { EpisodeState } from './episode-state';

/** The episode's clocks by rule that still wait: open, or breached with the act still to come. */
export function outstanding(state: EpisodeState, rule: DeadlineRuleId): Deadline[] {
  return state.deadlines.filter((d) => d.rule === rule && (d.status === 'open' || isOverdue(d)));
}

/** Opens a clock of a rule from an instant, under the plan's turnaround. */
export function openClock(state: EpisodeState, rule: DeadlineRuleId, fromMs: number): Deadline {
  const runs = state.deadlines.filter((d) => d.rule === rule).length;
  return openDeadline(state.policy, rule, runs === 0 ? rule : `${rule}#${runs + 1}`, fromMs, turnaroundOf(state.policy, rule));
}

/** Replaces deadlines by key, appending new ones. */
export function withClocks(state: EpisodeState, ...changed: readonly Deadline[]): EpisodeState {
  return { ...state, deadlines: replaceDeadlines(state.deadlines, changed) };
}

/** Cancels the clocks a predicate picks (an overdue one is closed without its act). */
export function cancelClocksWhere(state: EpisodeState, which: (d: Deadline) => boolean, atMs: number, reason: string): EpisodeState {
  const tz = state.policy.calendar.timeZone;
  return { ...state, deadlines: state.deadlines.map((d) => (which(d) ? cancel(d, atMs, tz, reason) : d)) };
}

/** Cancels the outstanding clocks of the given rules. */
export function cancelClocks(state: EpisodeState, rules: readonly DeadlineRuleId[], atMs: number, reason: string): EpisodeState {
  return cancelClocksWhere(state, (d) => rules.includes(d.rule), atMs, reason);
}

/** An instant in the plan's zone. */
export function planTime(state: EpisodeState, ms: number): string {
  return formatInstant(ms, state.policy.calendar.timeZone);
}
