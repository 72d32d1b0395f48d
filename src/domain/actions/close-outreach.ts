import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState } from '../journey-state';
import { outreachProgress } from '../outreach-progress';
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

/** The provider ends outreach: the member could not be reached, or refused. */
export interface CloseOutreachInput extends ActionEnvelope {
  readonly outcome: 'unreachable' | 'declined';
  readonly at: string;
}

const ACTION = 'outreach-close';

/** Refuses a closing that does not fit; R-UNREACHABLE needs R-OUTREACH-30D satisfied first. */
export function checkCloseOutreach(state: JourneyState, input: CloseOutreachInput, nowMs: number): void {
  requireStage(state, ['OUTREACH'], 'Closing outreach');
  checkTimestamp(state, input.at, nowMs, state.outreachStartedAt ? { at: state.outreachStartedAt, what: 'outreach began' } : undefined);
  if (input.outcome === 'unreachable') {
    const progress = outreachProgress(state.outreachAttempts ?? [], state.policy.calendar.timeZone);
    if (!progress.satisfied) {
      throw new JourneyRuleViolation(
        JourneyErrorCode.OutreachRequirementNotMet,
        `a member may be closed as unreachable only after at least 5 attempts, 1 in person, on 5 different days and at different times of day (R-OUTREACH-30D); so far ${progress.attempts} attempts, ${progress.inPersonAttempts} in person, ${progress.distinctDays} days, ${progress.distinctTimesOfDay} times of day`,
      );
    }
  }
}

/**
 * R-UNREACHABLE: ends the journey as UNREACHABLE (or DECLINED on the member's refusal) and reports
 * the outcome to the plan.
 */
export function closeOutreach(state: JourneyState, input: CloseOutreachInput, nowMs: number): Transition {
  checkCloseOutreach(state, input, nowMs);
  const atMs = Date.parse(input.at);
  const at = inPlanTime(state, atMs);
  let next = cancelOpenDeadlines(state, atMs, `outreach closed: ${input.outcome}`);
  next = withStage({ ...next, outreachOutcome: { outcome: input.outcome, at } }, input.outcome === 'unreachable' ? 'UNREACHABLE' : 'DECLINED', at, ACTION, input.actor);
  return answer(next, ACTION, at, [
    { kind: 'plan_report', report: 'outreach_outcome', outcome: input.outcome, at },
    ...caseloadRelease(state, at, `outreach closed: ${input.outcome}`),
  ]);
}
