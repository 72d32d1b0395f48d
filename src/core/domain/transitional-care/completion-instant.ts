import type { EpisodeState } from './episode-state';

/**
 * R-REASSESS starts when the episode actually completed: the later of the end of its 30-day
 * follow-up (R-TCS-30D) and its last task being done or waived, not when the workflow got round
 * to noticing. `fallbackMs` is used only when neither is known.
 */
export function completionInstant(state: EpisodeState, fallbackMs: number): number {
  const followUps = state.deadlines.filter((d) => d.rule === 'R-TCS-30D' && d.status === 'met').map((d) => Date.parse(d.dueAt));
  const tasks = state.tasks.filter((t) => t.status !== 'pending' && t.at !== undefined).map((t) => Date.parse(t.at!));
  const instants = [...followUps, ...tasks];
  return instants.length ? Math.max(...instants) : fallbackMs;
}
