import { fulfil, openDeadline } from '../deadline';
import type { JourneyState } from '../journey-state';
import { turnaroundOf } from '../plan-policy';
import {
  checkTimestamp,
  inPlanTime,
  nextDeadlineKey,
  outstandingDeadlineOf,
  requireStage,
  withDeadlines,
  withStage,
  type ActionEnvelope,
  type Transition,
} from './action-support';

/** The plan assigns the member to an ECM provider. */
export interface ProviderAssignmentInput extends ActionEnvelope {
  readonly providerId: string;
  readonly assignedAt: string;
}

const ACTION = 'assignment';

/** Refuses an assignment that does not fit; the update validator runs this. */
export function checkProviderAssignment(state: JourneyState, input: ProviderAssignmentInput, nowMs: number): void {
  requireStage(state, ['AUTHORIZED'], 'Assigning a provider');
  const declined = state.pastAssignments.at(-1)?.response;
  const notBefore = declined
    ? { at: declined.at, what: 'the previous provider declined' }
    : state.authorization && { at: state.authorization.decidedAt, what: 'the authorization' };
  checkTimestamp(state, input.assignedAt, nowMs, notBefore);
}

/**
 * Meets R-ASSIGN and hands the member to the provider, who may decline for capacity within one
 * business day (R-DECLINE-1BD). R-LCM-72H starts when the provider answers, or, if it stays silent,
 * when the window closes, counted back from the assignment being sent (Guide §7.4).
 */
export function assignProvider(state: JourneyState, input: ProviderAssignmentInput, nowMs: number): Transition {
  checkProviderAssignment(state, input, nowMs);
  const { policy } = state;
  const atMs = Date.parse(input.assignedAt);
  const assignedAt = inPlanTime(state, atMs);
  const assignDeadline = outstandingDeadlineOf(state, 'R-ASSIGN');
  let next = withDeadlines(
    state,
    ...(assignDeadline ? [fulfil(assignDeadline, atMs, policy.calendar.timeZone)] : []),
    openDeadline(policy, 'R-DECLINE-1BD', nextDeadlineKey(state, 'R-DECLINE-1BD'), atMs, turnaroundOf(policy, 'R-DECLINE-1BD')),
  );
  next = withStage({ ...next, assignment: { providerId: input.providerId, assignedAt } }, 'ASSIGNED', assignedAt, ACTION);
  return { state: next, effects: [], result: { action: ACTION, stage: next.stage, at: assignedAt } };
}
