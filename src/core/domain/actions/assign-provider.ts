import { fulfil, openDeadline } from '../deadline';
import type { JourneyState } from '../journey-state';
import { PROVIDER_STAGES } from './request-provider-change';
import { turnaroundOf } from '../plan-policy';
import {
  checkTimestamp,
  inPlanTime,
  answer,
  caseloadRelease,
  nextDeadlineKey,
  outstandingDeadlineOf,
  requireStage,
  withDeadlines,
  withStage,
  type ActionEnvelope,
  type Transition,
} from './action-support';
import { PLAN } from '../../roles';
import { journeyAction } from './journey-action';
import { checkBehavioralHealthAssignment } from './behavioral-health-assignment';

/** The plan assigns the member to an ECM provider. */
export interface ProviderAssignmentInput extends ActionEnvelope {
  readonly providerId: string;
  readonly assignedAt: string;
}

const ACTION = 'assignment';

/**
 * Refuses an assignment that does not fit; the update validator runs this. R-BH-ASSIGN binds the
 * plan's own choice of provider; a change the member asked for (R-PROVIDER-CHANGE-30D) is itself
 * the member's preference, so it does not bind a reassignment.
 */
export function checkProviderAssignment(state: JourneyState, input: ProviderAssignmentInput, nowMs: number): void {
  if (state.providerChangeRequestedAt && state.stage !== 'AUTHORIZED') {
    requireStage(state, PROVIDER_STAGES, 'Reassigning the member');
    checkTimestamp(state, input.assignedAt, nowMs, { at: state.providerChangeRequestedAt, what: 'the member asked for the change' });
    return;
  }
  requireStage(state, ['AUTHORIZED'], 'Assigning a provider');
  const declined = state.pastAssignments.at(-1)?.response;
  const notBefore = declined
    ? { at: declined.at, what: 'the previous provider declined' }
    : state.authorization && { at: state.authorization.decidedAt, what: 'the authorization' };
  checkTimestamp(state, input.assignedAt, nowMs, notBefore);
  checkBehavioralHealthAssignment(state, input.providerId);
}

/**
 * Meets R-ASSIGN and hands the member to the provider, who may decline for capacity within one
 * business day (R-DECLINE-1BD). R-LCM-72H starts when the provider answers, or, if it stays silent,
 * when the window closes, counted back from the assignment being sent (Guide §7.4).
 */
export function assignProvider(state: JourneyState, input: ProviderAssignmentInput, nowMs: number): Transition {
  checkProviderAssignment(state, input, nowMs);
  if (state.providerChangeRequestedAt && state.stage !== 'AUTHORIZED') return transferToProvider(state, input);
  const { policy } = state;
  const atMs = Date.parse(input.assignedAt);
  const assignedAt = inPlanTime(state, atMs);
  const assignDeadline = outstandingDeadlineOf(state, 'R-ASSIGN');
  let next = withDeadlines(
    state,
    ...(assignDeadline ? [fulfil(assignDeadline, atMs, policy.calendar.timeZone)] : []),
    openDeadline(policy, 'R-DECLINE-1BD', nextDeadlineKey(state, 'R-DECLINE-1BD'), atMs, turnaroundOf(policy, 'R-DECLINE-1BD')),
  );
  next = withStage({ ...next, assignment: { providerId: input.providerId, assignedAt } }, 'ASSIGNED', assignedAt, ACTION, input.actor);
  return { state: next, effects: [], result: { action: ACTION, stage: next.stage, at: assignedAt } };
}

/**
 * R-PROVIDER-CHANGE-30D: the plan implements the member's change of provider. The new provider
 * must name a new Lead Care Manager within 72 hours (R-LCM-72H); the old one's slot is freed.
 * The member's stage is unchanged: their ECM goes on with the new provider.
 */
function transferToProvider(state: JourneyState, input: ProviderAssignmentInput): Transition {
  const { policy } = state;
  const tz = policy.calendar.timeZone;
  const atMs = Date.parse(input.assignedAt);
  const assignedAt = inPlanTime(state, atMs);
  const change = outstandingDeadlineOf(state, 'R-PROVIDER-CHANGE-30D');
  const { leadCareManager: _previous, providerChangeRequestedAt: _request, ...rest } = state;
  const next = withDeadlines(
    {
      ...rest,
      assignment: { providerId: input.providerId, assignedAt, response: { response: 'accepted', at: assignedAt } },
      pastAssignments: state.assignment ? [...state.pastAssignments, state.assignment] : state.pastAssignments,
    },
    ...(change ? [fulfil(change, atMs, tz)] : []),
    openDeadline(policy, 'R-LCM-72H', nextDeadlineKey(state, 'R-LCM-72H'), atMs, turnaroundOf(policy, 'R-LCM-72H')),
  );
  return answer(next, 'assignment', assignedAt, caseloadRelease(state, assignedAt, 'provider changed'));
}

/** The plan assigns an ECM provider: meets R-ASSIGN, starts R-DECLINE-1BD and R-LCM-72H. */
export const assignProviderAction = journeyAction({
  name: 'assignProvider',
  eventKind: ACTION,
  stages: ['AUTHORIZED', ...PROVIDER_STAGES],
  check: checkProviderAssignment,
  apply: assignProvider,
  route: {
    path: 'assignment',
    summary: 'Assign the member to an ECM provider',
    roles: PLAN,
    rules: ['R-ASSIGN', 'R-BH-ASSIGN'],
    body: (k) => k.z.strictObject({ providerId: k.text({ max: 64 }), assignedAt: k.instant }),
    toInput: (b, actionKey) => ({ actionKey, providerId: b.providerId, assignedAt: b.assignedAt }),
  },
});
