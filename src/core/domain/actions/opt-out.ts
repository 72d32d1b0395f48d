import type { JourneyState } from '../journey-state';
import { ENROLLED_STAGES, checkTimestamp, requireStage, type ActionEnvelope, type Transition } from './action-support';
import { discontinueJourney } from './discontinue-member';
import { PLAN_OR_PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** The member opts out of ECM (R-OPT-IN: at any time). */
export interface OptOutInput extends ActionEnvelope {
  readonly at: string;
  readonly reason?: string;
}

/** Refuses an opt-out that does not fit; before enrollment a refusal closes outreach as DECLINED instead. */
export function checkOptOut(state: JourneyState, input: OptOutInput, nowMs: number): void {
  requireStage(state, ENROLLED_STAGES, 'Opting out');
  checkTimestamp(state, input.at, nowMs);
}

/** R-OPT-IN: the member may opt out at any time; ECM is discontinued (member no longer wishes). */
export function optOut(state: JourneyState, input: OptOutInput, nowMs: number): Transition {
  checkOptOut(state, input, nowMs);
  return discontinueJourney(state, 'member_no_longer_wishes', Date.parse(input.at), 'opt-out', input.actor, input.reason);
}

/** R-OPT-IN: the member may opt out at any time. */
export const optOutAction = journeyAction({
  name: 'optOut',
  eventKind: 'opt-out',
  stages: ENROLLED_STAGES,
  check: checkOptOut,
  apply: optOut,
  route: {
    path: 'opt-out',
    summary: 'The member opts out of ECM',
    roles: PLAN_OR_PROVIDER,
    rules: ['R-OPT-IN'],
    body: (k) => k.z.strictObject({ at: k.instant, reason: k.text({ max: 2000 }).optional() }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
  projection: 'opt-out',
});
