import type { JourneyState } from '../journey-state';
import { ENROLLED_STAGES, checkTimestamp, requireStage, type ActionEnvelope, type Transition } from './action-support';
import { discontinueJourney } from './discontinue-member';

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
