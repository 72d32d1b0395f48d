import { isOverdue } from '../../src/core/domain/deadline';
import type { JourneyState } from '../../src/core/domain/journey-state';

/** Closed deadlines a new run keeps for the API's view; older ones are in the care record. */
const CLOSED_DEADLINES_KEPT = 40;
const STAGE_CHANGES_KEPT = 60;
const WARNINGS_KEPT = 20;

/**
 * What a new run carries. A member can stay enrolled for years, so lists that only grow are
 * trimmed to their recent tail; everything trimmed is already in the care record (`deadlines`,
 * `journey_events`). Open and overdue deadlines and pending milestones are always kept.
 */
export function pruneForContinueAsNew(state: JourneyState): JourneyState {
  const { continueAsNewRequested: _done, ...rest } = state;
  const live = (d: JourneyState['deadlines'][number]): boolean => d.status === 'open' || isOverdue(d);
  const closed = state.deadlines.filter((d) => !live(d)).slice(-CLOSED_DEADLINES_KEPT);
  return {
    ...rest,
    deadlines: state.deadlines.filter((d) => live(d) || closed.includes(d)),
    stageHistory: state.stageHistory.slice(-STAGE_CHANGES_KEPT),
    ...(state.milestones ? { milestones: state.milestones.filter((m) => m.status === 'pending') } : {}),
    ...(state.warnings ? { warnings: state.warnings.slice(-WARNINGS_KEPT) } : {}),
    ...(state.caseConferences ? { caseConferences: state.caseConferences.slice(-10) } : {}),
    ...(state.carePlan ? { carePlan: state.carePlan.slice(-10) } : {}),
  };
}
