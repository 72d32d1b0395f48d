import { fulfil, openDeadline } from '../deadline';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState } from '../journey-state';
import { turnaroundOf } from '../plan-policy';
import {
  answer,
  checkTimestamp,
  inPlanTime,
  outstandingDeadlineOf,
  requireStage,
  withDeadlines,
  withStage,
  type ActionEnvelope,
  type Transition,
} from './action-support';
import { PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** The comprehensive assessment begins or is completed. */
export interface AssessmentInput extends ActionEnvelope {
  readonly action: 'start' | 'complete';
  readonly at: string;
}

const ACTION = 'assessment';

/** Refuses an assessment step that does not fit; the update validator runs this. */
export function checkAssessment(state: JourneyState, input: AssessmentInput, nowMs: number): void {
  if (input.action === 'start') {
    requireStage(state, ['ENROLLED'], 'Starting the assessment');
    checkTimestamp(state, input.at, nowMs, state.consent ? { at: state.consent.at, what: 'the member enrolled' } : undefined);
    return;
  }
  requireStage(state, ['ASSESSMENT'], 'Completing the assessment');
  const startedAt = state.assessment?.startedAt;
  if (!startedAt) throw new JourneyRuleViolation(JourneyErrorCode.WrongStage, 'the assessment has not begun');
  checkTimestamp(state, input.at, nowMs, { at: startedAt, what: 'the assessment began' });
}

/**
 * Start meets R-ASSESS-START and starts R-CAREPLAN-14D; completion meets R-ASSESS-COMPLETE and
 * moves the member on to care planning, or straight to ACTIVE if the care plan already exists.
 */
export function recordAssessment(state: JourneyState, input: AssessmentInput, nowMs: number): Transition {
  checkAssessment(state, input, nowMs);
  const { policy } = state;
  const tz = policy.calendar.timeZone;
  const atMs = Date.parse(input.at);
  const at = inPlanTime(state, atMs);
  const assessment = state.assessment ?? { delays: [] };
  if (input.action === 'start') {
    const clock = outstandingDeadlineOf(state, 'R-ASSESS-START');
    let next = withDeadlines(
      { ...state, assessment: { ...assessment, startedAt: at } },
      ...(clock ? [fulfil(clock, atMs, tz)] : []),
      openDeadline(policy, 'R-CAREPLAN-14D', 'R-CAREPLAN-14D', atMs, turnaroundOf(policy, 'R-CAREPLAN-14D')),
    );
    next = withStage(next, 'ASSESSMENT', at, ACTION, input.actor);
    return answer(next, ACTION, at);
  }
  const clock = outstandingDeadlineOf(state, 'R-ASSESS-COMPLETE');
  let next = withDeadlines({ ...state, assessment: { ...assessment, completedAt: at } }, ...(clock ? [fulfil(clock, atMs, tz)] : []));
  next = withStage(next, state.carePlan?.length ? 'ACTIVE' : 'CARE_PLANNING', at, ACTION, input.actor);
  return answer(next, ACTION, at);
}

/** R-ASSESS-START / R-ASSESS-COMPLETE. */
export const recordAssessmentAction = journeyAction({
  name: 'recordAssessment',
  eventKind: ACTION,
  stages: ['ENROLLED', 'ASSESSMENT'],
  check: checkAssessment,
  apply: recordAssessment,
  route: {
    path: 'assessment',
    summary: 'Start or complete the comprehensive assessment',
    roles: PROVIDER,
    rules: ['R-ASSESS-START', 'R-ASSESS-COMPLETE'],
    leadCareManagerOnly: true,
    body: (k) => k.z.strictObject({ action: k.z.enum(['start', 'complete']), at: k.instant }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
});
