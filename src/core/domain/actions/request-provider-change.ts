import { openDeadline } from '../deadline';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState } from '../journey-state';
import { turnaroundOf } from '../plan-policy';
import { answer, checkTimestamp, inPlanTime, nextDeadlineKey, requireStage, withDeadlines, type ActionEnvelope, type Transition } from './action-support';
import { PLAN_OR_PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** The member asks to change ECM provider (Guide §7.6). */
export interface ProviderChangeInput extends ActionEnvelope {
  readonly requestedAt: string;
  readonly reason?: string;
}

// Stages in which a member has a provider: defined with the other stage sets.
export { PROVIDER_STAGES } from '../journey-stage';
import { PROVIDER_STAGES } from '../journey-stage';

/** Refuses a request that does not fit; one change at a time. */
export function checkProviderChange(state: JourneyState, input: ProviderChangeInput, nowMs: number): void {
  requireStage(state, PROVIDER_STAGES, 'Requesting a provider change');
  checkTimestamp(state, input.requestedAt, nowMs);
  if (state.providerChangeRequestedAt) {
    throw new JourneyRuleViolation(JourneyErrorCode.AlreadyRecorded, `a provider change requested at ${state.providerChangeRequestedAt} is still pending`);
  }
}

/** R-PROVIDER-CHANGE-30D: the plan has 30 calendar days to reassign the member. */
export function requestProviderChange(state: JourneyState, input: ProviderChangeInput, nowMs: number): Transition {
  checkProviderChange(state, input, nowMs);
  const atMs = Date.parse(input.requestedAt);
  const at = inPlanTime(state, atMs);
  const next = withDeadlines(
    { ...state, providerChangeRequestedAt: at },
    openDeadline(state.policy, 'R-PROVIDER-CHANGE-30D', nextDeadlineKey(state, 'R-PROVIDER-CHANGE-30D'), atMs, turnaroundOf(state.policy, 'R-PROVIDER-CHANGE-30D')),
  );
  return answer(next, 'provider-change', at);
}

/** R-PROVIDER-CHANGE-30D. */
export const requestProviderChangeAction = journeyAction({
  name: 'requestProviderChange',
  eventKind: 'provider-change',
  stages: PROVIDER_STAGES,
  check: checkProviderChange,
  apply: requestProviderChange,
  route: {
    path: 'provider-change',
    summary: 'The member asks for another ECM provider',
    roles: PLAN_OR_PROVIDER,
    rules: ['R-PROVIDER-CHANGE-30D'],
    body: (k) => k.z.strictObject({ requestedAt: k.instant, reason: k.text({ max: 2000 }).optional() }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
});
