import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState } from '../journey-state';
import { formatInstant } from '../deadline';
import { memberWasReached, outreachProgress, outreachWindowEnd, REQUIRED_OUTREACH_ATTEMPTS } from '../outreach-progress';
import { CURRENT_READINGS, type RuleReadings } from '../rule-readings';
import {
  answer,
  cancelOpenDeadlines,
  caseloadRelease,
  checkTimestamp,
  inPlanTime,
  requireStage,
  withStage,
  type ActionEnvelope,
  type Transition,
} from './action-support';
import { PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** The provider ends outreach: the member could not be reached, or refused. */
export interface CloseOutreachInput extends ActionEnvelope {
  readonly outcome: 'unreachable' | 'declined';
  readonly at: string;
}

const ACTION = 'outreach-close';

/**
 * Refuses a closing that does not fit. R-UNREACHABLE needs R-OUTREACH-30D satisfied first, and no
 * attempt that reached the member: a member who was reached has declined (close as `declined`) or
 * is still engaging, and is not unreachable.
 */
export function checkCloseOutreach(state: JourneyState, input: CloseOutreachInput, nowMs: number, readings: RuleReadings = CURRENT_READINGS): void {
  requireStage(state, ['OUTREACH'], 'Closing outreach');
  checkTimestamp(state, input.at, nowMs, state.outreachStartedAt ? { at: state.outreachStartedAt, what: 'outreach began' } : undefined);
  if (input.outcome !== 'unreachable') return;
  // R-UNREACHABLE: not once any attempt reached the member.
  if (readings === 'guide' && memberWasReached(state)) {
    throw new JourneyRuleViolation(
      JourneyErrorCode.MemberWasReached,
      'an outreach attempt reached the member, so outreach cannot close as unreachable (R-UNREACHABLE); close it as declined if the member refused, or keep engaging',
    );
  }
  const progress = outreachProgress(state, readings);
  if (!progress.satisfied) {
    const windowEnd = readings === 'guide' ? outreachWindowEnd(state) : undefined;
    throw new JourneyRuleViolation(
      JourneyErrorCode.OutreachRequirementNotMet,
      `a member may be closed as unreachable only after at least ${REQUIRED_OUTREACH_ATTEMPTS} attempts, 1 in person, on ${REQUIRED_OUTREACH_ATTEMPTS} different days and at different times of day, using ${progress.requiredDistinctMethods} different methods, within the 30 days (R-OUTREACH-30D); ` +
        `so far ${progress.attempts} attempts, ${progress.inPersonAttempts} in person, ${progress.distinctDays} days, ${progress.distinctTimesOfDay} times of day, ${progress.distinctMethods} methods` +
        (progress.attemptsAfterWindow > 0 && windowEnd !== undefined
          ? `, and ${progress.attemptsAfterWindow} attempts after the 30 days ended at ${formatInstant(windowEnd, state.policy.calendar.timeZone)}, which do not count`
          : ''),
    );
  }
}

/**
 * R-UNREACHABLE: ends the journey as UNREACHABLE (or DECLINED on the member's refusal) and reports
 * the outcome to the plan.
 */
export function closeOutreach(state: JourneyState, input: CloseOutreachInput, nowMs: number, readings: RuleReadings = CURRENT_READINGS): Transition {
  checkCloseOutreach(state, input, nowMs, readings);
  const atMs = Date.parse(input.at);
  const at = inPlanTime(state, atMs);
  let next = cancelOpenDeadlines(state, atMs, `outreach closed: ${input.outcome}`);
  next = withStage({ ...next, outreachOutcome: { outcome: input.outcome, at } }, input.outcome === 'unreachable' ? 'UNREACHABLE' : 'DECLINED', at, ACTION, input.actor);
  return answer(next, ACTION, at, [
    { kind: 'plan_report', report: 'outreach_outcome', outcome: input.outcome, at },
    ...caseloadRelease(state, at, `outreach closed: ${input.outcome}`),
  ]);
}

/** R-UNREACHABLE, or the member's refusal. */
export const closeOutreachAction = journeyAction({
  name: 'closeOutreach',
  eventKind: ACTION,
  stages: ['OUTREACH'],
  check: checkCloseOutreach,
  apply: closeOutreach,
  route: {
    path: 'outreach/close',
    summary: 'Close outreach: unreachable or declined',
    roles: PROVIDER,
    rules: ['R-UNREACHABLE'],
    leadCareManagerOnly: true,
    body: (k) => k.z.strictObject({ outcome: k.z.enum(['unreachable', 'declined']), at: k.instant }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
});
