import { cancel, formatInstant, isOverdue, openDeadline, type Deadline } from '../deadline';
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
  const byKey = new Map(changed.map((d) => [d.key, d]));
  const kept = state.deadlines.map((d) => byKey.get(d.key) ?? d);
  const added = changed.filter((d) => !state.deadlines.some((e) => e.key === d.key));
  return { ...state, deadlines: [...kept, ...added] };
}

/** Cancels the outstanding clocks of the given rules. */
export function cancelClocks(state: EpisodeState, rules: readonly DeadlineRuleId[], atMs: number, reason: string): EpisodeState {
  const tz = state.policy.calendar.timeZone;
  return { ...state, deadlines: state.deadlines.map((d) => (rules.includes(d.rule) ? cancel(d, atMs, tz, reason) : d)) };
}

/** An instant in the plan's zone. */
export function planTime(state: EpisodeState, ms: number): string {
  return formatInstant(ms, state.policy.calendar.timeZone);
}
