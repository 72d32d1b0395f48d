import { fulfil } from '../deadline';
import { OUTREACH_METHODS, OUTREACH_RESULTS, type JourneyState, type OutreachMethod, type OutreachResult } from '../journey-state';
import { outreachProgress } from '../outreach-progress';
import { CURRENT_READINGS, type RuleReadings } from '../rule-readings';
import { answer, checkTimestamp, inPlanTime, outstandingDeadlineOf, requireStage, withDeadlines, type ActionEnvelope, type Transition } from './action-support';
import { PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';
import { withServiceTime } from './record-service';

/** One documented outreach attempt: when, how, what came of it, and the minutes spent. */
export interface OutreachAttemptInput extends ActionEnvelope {
  readonly at: string;
  readonly method: OutreachMethod;
  readonly result: OutreachResult;
  readonly minutes: number;
}

const ACTION = 'outreach-attempt';

/** Refuses an attempt that does not fit; the update validator runs this. */
export function checkOutreachAttempt(state: JourneyState, input: OutreachAttemptInput, nowMs: number): void {
  requireStage(state, ['OUTREACH'], 'Logging an outreach attempt');
  checkTimestamp(state, input.at, nowMs, state.outreachStartedAt ? { at: state.outreachStartedAt, what: 'outreach began' } : undefined);
}

/**
 * Documents the attempt (R-OUTREACH-30D), whenever it is dated. When the attempts inside the 30
 * days reach the rule — 5, one in person, on different days and times, with the plan's number of
 * different methods — the deadline is met, dated by the attempt that completed it. An attempt after
 * the 30 days is kept but never counts toward the rule.
 */
export function logOutreachAttempt(state: JourneyState, input: OutreachAttemptInput, nowMs: number, readings: RuleReadings = CURRENT_READINGS): Transition {
  checkOutreachAttempt(state, input, nowMs);
  const atMs = Date.parse(input.at);
  const at = inPlanTime(state, atMs);
  const attempts = [...(state.outreachAttempts ?? []), { at, method: input.method, result: input.result, minutes: input.minutes }]
    // Attempts may be logged late and out of order; keep them in the order they happened.
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  // R-PAY-6U: an attempt's minutes are outreach units of its member-month.
  const withTime = withServiceTime({ ...state, outreachAttempts: attempts }, atMs, true, input.minutes);
  let next: JourneyState = withTime.state;
  const deadline = outstandingDeadlineOf(state, 'R-OUTREACH-30D');
  const progress = outreachProgress(next, readings);
  if (deadline && progress.satisfied) {
    // Acts recorded before the Guide's readings were dated by the attempt that was logged last.
    const fulfilledAtMs = readings === 'guide' && progress.satisfiedAtMs !== undefined ? progress.satisfiedAtMs : atMs;
    next = withDeadlines(next, fulfil(deadline, fulfilledAtMs, state.policy.calendar.timeZone));
  }
  return answer(next, ACTION, at, withTime.effects);
}

/** R-OUTREACH-30D: when, how, what came of it, minutes spent. */
export const logOutreachAttemptAction = journeyAction({
  name: 'logOutreachAttempt',
  eventKind: ACTION,
  stages: ['OUTREACH'],
  check: checkOutreachAttempt,
  apply: logOutreachAttempt,
  route: {
    path: 'outreach-attempts',
    summary: 'Document an outreach attempt',
    roles: PROVIDER,
    rules: ['R-OUTREACH-30D'],
    leadCareManagerOnly: true,
    body: (k) =>
      k.z.strictObject({ at: k.instant, method: k.z.enum(OUTREACH_METHODS), result: k.z.enum(OUTREACH_RESULTS), minutes: k.z.number().int().min(0).max(24 * 60) }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
  projection: 'outreach-attempt',
});
