/** An episode's search attributes, on its own workflow: plan, open, overdue, next due instant. */
import { isOverdue } from '../../src/core/domain/deadline';
import type { EpisodeState } from '../../src/core/domain/transitional-care/episode-state';
import { EcmInTransitionalCare, EcmNextDeadline, EcmOverdue, EcmPlan } from '../../src/contracts/search-attributes';
import { searchAttributePublisher } from '../shared/search-attribute-publisher';

/** Writes on every call, as episode histories recorded so far hold one upsert per change of state. */
export function episodeAttributePublisher(): (snapshot: { readonly state: EpisodeState; readonly closed: boolean }) => void {
  return searchAttributePublisher(
    ({ state, closed }) => {
      const open = state.deadlines.filter((d) => d.status === 'open').sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
      return [
        { key: EcmPlan, value: state.policy.plan },
        { key: EcmInTransitionalCare, value: !closed },
        { key: EcmOverdue, value: state.deadlines.some(isOverdue) },
        { key: EcmNextDeadline, value: open[0] ? new Date(open[0].dueAt) : null },
      ];
    },
    { onChangeOnly: false },
  );
}
