import { openDeadline } from '../deadline';
import type { JourneyState } from '../journey-state';
import { turnaroundOf } from '../plan-policy';
import { answer, inPlanTime, nextDeadlineKey, withDeadlines, type Transition } from './action-support';

/** What an episode reported. */
export interface EpisodeReport {
  readonly episodeKey: string;
  readonly riskBand?: 'low' | 'moderate' | 'high';
  readonly closed?: { readonly status: string; readonly at: string };
}

/**
 * R-TCS-DRA: a High risk band marks the member high acuity. R-REASSESS: a completed episode opens
 * a reassessment-and-care-plan-update deadline, on the plan's turnaround; the next care plan
 * revision meets it.
 */
export function episodeUpdated(state: JourneyState, report: EpisodeReport, nowMs: number): Transition {
  const episode = state.episodes?.find((e) => e.episodeKey === report.episodeKey);
  const at = report.closed?.at ?? inPlanTime(state, nowMs);
  if (!episode) return answer(state, 'episode-update', at);
  let next: JourneyState = state;
  if (report.riskBand) {
    next = {
      ...next,
      episodes: next.episodes!.map((e) => (e.episodeKey === episode.episodeKey ? { ...e, riskBand: report.riskBand } : e)),
      ...(report.riskBand === 'high' ? { highAcuity: { since: at, episodeKey: episode.episodeKey } } : {}),
    };
  }
  if (report.closed && episode.status === 'open') {
    const status = report.closed.status === 'completed' ? 'completed' : 'cancelled';
    next = { ...next, episodes: next.episodes!.map((e) => (e.episodeKey === episode.episodeKey ? { ...e, status, closedAt: report.closed!.at } : e)) };
    if (status === 'completed') {
      next = withDeadlines(next, openDeadline(next.policy, 'R-REASSESS', nextDeadlineKey(next, 'R-REASSESS'), Date.parse(report.closed.at), turnaroundOf(next.policy, 'R-REASSESS')));
    }
  }
  return answer(next, 'episode-update', at);
}
