import { addDaysToDate, startOfLocalDate } from '../../calendar';
import { fulfil } from '../deadline';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState } from '../journey-state';
import type { JourneyStage } from '../journey-stage';
import { PCQ_WINDOW_OPENS_DAYS_BEFORE_END } from '../rules';
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

/** The provider's Program Completion Questionnaire for the current authorization period. */
export interface PcqInput extends ActionEnvelope {
  readonly submittedAt: string;
  readonly recommendation: 'continue' | 'complete';
}

const ACTION = 'pcq';

/** R-PCQ-WINDOW: the PCQ is the provider's from enrollment until the plan's review. */
const PCQ_STAGES = ['ENROLLED', 'ASSESSMENT', 'CARE_PLANNING', 'ACTIVE'] as const satisfies readonly JourneyStage[];

/** R-PCQ-WINDOW: a PCQ before the window opens (30 days before the period ends) is refused. */
export function checkPcq(state: JourneyState, input: PcqInput, nowMs: number): void {
  requireStage(state, PCQ_STAGES, 'Submitting the PCQ');
  const atMs = checkTimestamp(state, input.submittedAt, nowMs);
  const period = state.authorizationPeriods?.at(-1);
  if (!period) throw new JourneyRuleViolation(JourneyErrorCode.WrongStage, 'there is no authorization period');
  if (state.pcq?.periodNumber === period.number) {
    throw new JourneyRuleViolation(JourneyErrorCode.AlreadyRecorded, `the PCQ of authorization period ${period.number} was submitted at ${state.pcq.submittedAt}`);
  }
  const opens = addDaysToDate(period.end, -PCQ_WINDOW_OPENS_DAYS_BEFORE_END);
  if (atMs < startOfLocalDate(opens, state.policy.calendar.timeZone)) {
    throw new JourneyRuleViolation(
      JourneyErrorCode.PcqWindowNotOpen,
      `the PCQ may be submitted from ${opens}, 30 days before the authorization period ends on ${period.end} (R-PCQ-WINDOW)`,
    );
  }
}

/** Meets R-PCQ-WINDOW (or records the late PCQ against its breach); the plan now reviews. */
export function submitPcq(state: JourneyState, input: PcqInput, nowMs: number): Transition {
  checkPcq(state, input, nowMs);
  const atMs = Date.parse(input.submittedAt);
  const at = inPlanTime(state, atMs);
  const period = state.authorizationPeriods!.at(-1)!;
  const clock = outstandingDeadlineOf(state, 'R-PCQ-WINDOW');
  // The window milestone may not have fired yet if the PCQ lands on its first day.
  const milestones = (state.milestones ?? []).map((m) => (m.key === `pcq-window-opens#${period.number}` && m.status === 'pending' ? { ...m, status: 'reached' as const } : m));
  let next = withDeadlines(
    { ...state, milestones, pcq: { periodNumber: period.number, submittedAt: at, recommendation: input.recommendation } },
    ...(clock ? [fulfil(clock, atMs, state.policy.calendar.timeZone)] : []),
  );
  next = withStage(next, 'REAUTH_REVIEW', at, ACTION, input.actor);
  return answer(next, ACTION, at);
}

/** R-PCQ-WINDOW. */
export const submitPcqAction = journeyAction({
  name: 'submitPcq',
  eventKind: ACTION,
  stages: PCQ_STAGES,
  check: checkPcq,
  apply: submitPcq,
  route: {
    path: 'pcq',
    summary: 'Submit the Program Completion Questionnaire',
    roles: PROVIDER,
    rules: ['R-PCQ-WINDOW'],
    leadCareManagerOnly: true,
    body: (k) => k.z.strictObject({ submittedAt: k.instant, recommendation: k.z.enum(['continue', 'complete']) }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
});
