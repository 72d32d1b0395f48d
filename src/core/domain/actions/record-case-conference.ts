import type { JourneyState } from '../journey-state';
import { ENROLLED_STAGES, answer, checkTimestamp, inPlanTime, requireStage, type ActionEnvelope, type Transition } from './action-support';
import { PLAN_OR_PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** A case conference about the member (R-GRADUATION needs one). */
export interface CaseConferenceInput extends ActionEnvelope {
  readonly at: string;
  readonly participants: readonly string[];
}

/** Refuses a case conference that does not fit. */
export function checkCaseConference(state: JourneyState, input: CaseConferenceInput, nowMs: number): void {
  requireStage(state, ENROLLED_STAGES, 'Recording a case conference');
  checkTimestamp(state, input.at, nowMs);
}

/** Records the case conference. */
export function recordCaseConference(state: JourneyState, input: CaseConferenceInput, nowMs: number): Transition {
  checkCaseConference(state, input, nowMs);
  const at = inPlanTime(state, Date.parse(input.at));
  return answer({ ...state, caseConferences: [...(state.caseConferences ?? []), { at, participants: input.participants }] }, 'case-conference', at);
}

/** R-GRADUATION's case conference. */
export const recordCaseConferenceAction = journeyAction({
  name: 'recordCaseConference',
  eventKind: 'case-conference',
  stages: ENROLLED_STAGES,
  check: checkCaseConference,
  apply: recordCaseConference,
  route: {
    path: 'case-conference',
    summary: 'Record the graduation case conference',
    roles: PLAN_OR_PROVIDER,
    rules: ['R-GRADUATION'],
    body: (k) => k.z.strictObject({ at: k.instant, participants: k.z.array(k.text({ max: 64 })).min(1).max(30) }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
});
