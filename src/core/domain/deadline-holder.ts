/**
 * One deadline vocabulary for everything that holds deadlines under a plan's policy: a member's
 * journey and each of its transitional-care episodes open, replace, find and cancel their
 * deadlines through these, and write instants in the plan's zone.
 */
import { cancel, formatInstant, isOverdue, openDeadline, replaceDeadlines, type Deadline } from './deadline';
import { turnaroundOf, type PlanPolicy } from './plan-policy';
import type { JourneyState } from './journey-state';
import type { DeadlineRuleId } from './rules';
import type { EpisodeState } from './transitional-care/episode-state';

/** A journey or an episode: its deadlines and the plan policy they run under. */
export interface DeadlineHolder {
  readonly deadlines: readonly Deadline[];
  readonly policy: PlanPolicy;
}

// Overloads by holder, not a type parameter: a parameter would be inferred from an object literal
// argument, widening its literal fields (`'accepted'` to `string`) out of the state's own type.
/** Replaces deadlines by key, appending new ones. */
export function withDeadlines(state: JourneyState, ...changed: readonly Deadline[]): JourneyState;
export function withDeadlines(state: EpisodeState, ...changed: readonly Deadline[]): EpisodeState;
export function withDeadlines(state: JourneyState | EpisodeState, ...changed: readonly Deadline[]): JourneyState | EpisodeState {
  return { ...state, deadlines: replaceDeadlines(state.deadlines, changed) };
}

/**
 * The deadlines of a rule that still wait for their act: open, or breached with the late act
 * still to come (ECM-RULES §1: a breach never ends the wait).
 */
export function outstandingDeadlines(state: DeadlineHolder, rule: DeadlineRuleId): Deadline[] {
  return state.deadlines.filter((d) => d.rule === rule && (d.status === 'open' || isOverdue(d)));
}

/** The first deadline of a rule that still waits for its act, if any. */
export function outstandingDeadlineOf(state: DeadlineHolder, rule: DeadlineRuleId): Deadline | undefined {
  return outstandingDeadlines(state, rule)[0];
}

/** A deadline key unique within its holder: the rule plus how many times it has run. */
export function nextDeadlineKey(state: DeadlineHolder, rule: DeadlineRuleId): string {
  const runs = state.deadlines.filter((d) => d.rule === rule).length;
  return runs === 0 ? rule : `${rule}#${runs + 1}`;
}

/** Opens the next deadline of a rule from an instant, under the plan's turnaround. */
export function openNextDeadline(state: DeadlineHolder, rule: DeadlineRuleId, fromMs: number): Deadline {
  return openDeadline(state.policy, rule, nextDeadlineKey(state, rule), fromMs, turnaroundOf(state.policy, rule));
}

/** Cancels the deadlines a predicate picks (an overdue one is closed without its act). */
export function cancelDeadlinesWhere(state: EpisodeState, which: (d: Deadline) => boolean, atMs: number, reason: string): EpisodeState;
export function cancelDeadlinesWhere(state: JourneyState, which: (d: Deadline) => boolean, atMs: number, reason: string): JourneyState;
export function cancelDeadlinesWhere(state: JourneyState | EpisodeState, which: (d: Deadline) => boolean, atMs: number, reason: string): JourneyState | EpisodeState {
  const tz = state.policy.calendar.timeZone;
  return { ...state, deadlines: state.deadlines.map((d) => (which(d) ? cancel(d, atMs, tz, reason) : d)) };
}

/** Cancels the deadlines of the given rules. */
export function cancelDeadlinesOf(state: EpisodeState, rules: readonly DeadlineRuleId[], atMs: number, reason: string): EpisodeState {
  return cancelDeadlinesWhere(state, (d) => rules.includes(d.rule), atMs, reason);
}

/** An instant written in the plan's zone, as every timestamp in a journey's or episode's state is. */
export function inPlanTime(state: DeadlineHolder, atMs: number): string {
  return formatInstant(atMs, state.policy.calendar.timeZone);
}
