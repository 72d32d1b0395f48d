import { endOfLocalDate, localDateOf } from '../../calendar';
import { formatInstant } from '../deadline';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState } from '../journey-state';
import {
  answer,
  checkTimestamp,
  inPlanTime,
  openDeadlineOf,
  requireReason,
  requireStage,
  withDeadlines,
  type ActionEnvelope,
  type Transition,
} from './action-support';
import { PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** A member-requested delay of the assessment, with its reason and the agreed completion date. */
export interface AssessmentDelayInput extends ActionEnvelope {
  readonly requestedAt: string;
  readonly reason: string;
  readonly agreedDate: string;
}

const ACTION = 'assessment-delay';

/** Refuses a delay that does not fit: only while R-ASSESS-COMPLETE is open, to a date not before the request. */
export function checkAssessmentDelay(state: JourneyState, input: AssessmentDelayInput, nowMs: number): void {
  requireStage(state, ['ENROLLED', 'ASSESSMENT'], 'Delaying the assessment');
  const atMs = checkTimestamp(state, input.requestedAt, nowMs);
  requireReason(input.reason, 'A member-requested delay');
  if (!openDeadlineOf(state, 'R-ASSESS-COMPLETE')) {
    throw new JourneyRuleViolation(JourneyErrorCode.DelayNotAllowed, 'R-ASSESS-COMPLETE is no longer open, so there is nothing to delay');
  }
  if (input.agreedDate < localDateOf(atMs, state.policy.calendar.timeZone)) {
    throw new JourneyRuleViolation(JourneyErrorCode.DelayNotAllowed, `the agreed date ${input.agreedDate} is before the request`);
  }
}

/** R-ASSESS-COMPLETE: the member's documented delay moves the due date to the end of the agreed date. */
export function delayAssessment(state: JourneyState, input: AssessmentDelayInput, nowMs: number): Transition {
  checkAssessmentDelay(state, input, nowMs);
  const tz = state.policy.calendar.timeZone;
  const clock = openDeadlineOf(state, 'R-ASSESS-COMPLETE')!;
  const requestedAt = inPlanTime(state, Date.parse(input.requestedAt));
  const moved = { ...clock, dueAt: formatInstant(endOfLocalDate(input.agreedDate, tz), tz) };
  const assessment = state.assessment ?? { delays: [] };
  const next = withDeadlines(
    { ...state, assessment: { ...assessment, delays: [...assessment.delays, { requestedAt, reason: input.reason.trim(), agreedDate: input.agreedDate }] } },
    moved,
  );
  return answer(next, ACTION, requestedAt);
}

/** R-ASSESS-COMPLETE: a member-requested delay. */
export const delayAssessmentAction = journeyAction({
  name: 'delayAssessment',
  eventKind: ACTION,
  stages: ['ENROLLED', 'ASSESSMENT'],
  check: checkAssessmentDelay,
  apply: delayAssessment,
  route: {
    path: 'assessment/delay',
    summary: 'A member-requested delay of the assessment',
    roles: PROVIDER,
    rules: ['R-ASSESS-COMPLETE'],
    leadCareManagerOnly: true,
    body: (k) => k.z.strictObject({ requestedAt: k.instant, reason: k.text({ max: 2000 }), agreedDate: k.date }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
  projection: 'assessment-delay',
});
