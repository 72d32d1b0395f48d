import { addDaysToDate, endOfLocalDate, localDateOf } from '../../calendar';
import { formatInstant, fulfil, openDeadline } from '../deadline';
import type { JourneyState } from '../journey-state';
import { turnaroundOf } from '../plan-policy';
import { ASSESSMENT_BEST_PRACTICE_DAYS } from '../rules';
import { answer, checkTimestamp, inPlanTime, outstandingDeadlineOf, requireStage, withDeadlines, withStage, type ActionEnvelope, type Transition } from './action-support';
import { PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** The member's documented opt-in (R-OPT-IN). */
export interface EnrollmentInput extends ActionEnvelope {
  readonly consent: 'verbal' | 'written';
  readonly recordedBy: string;
  readonly at: string;
}

const ACTION = 'enrollment';

/** Refuses an enrollment that does not fit; the update validator runs this. */
export function checkEnrollment(state: JourneyState, input: EnrollmentInput, nowMs: number): void {
  requireStage(state, ['OUTREACH'], 'Enrolling the member');
  checkTimestamp(state, input.at, nowMs, state.outreachStartedAt ? { at: state.outreachStartedAt, what: 'outreach began' } : undefined);
}

/**
 * R-OPT-IN: ECM starts only on documented consent, keeping how, by whom and when. Reaching the
 * member ends the outreach obligation (R-OUTREACH-30D met), and the assessment clocks start:
 * R-ASSESS-START (30 days, with a 7-day best-practice check) and R-ASSESS-COMPLETE (60 days).
 */
export function enrollMember(state: JourneyState, input: EnrollmentInput, nowMs: number): Transition {
  checkEnrollment(state, input, nowMs);
  const { policy } = state;
  const tz = policy.calendar.timeZone;
  const atMs = Date.parse(input.at);
  const at = inPlanTime(state, atMs);
  const outreach = outstandingDeadlineOf(state, 'R-OUTREACH-30D');
  const bestPracticeDate = addDaysToDate(localDateOf(atMs, tz), ASSESSMENT_BEST_PRACTICE_DAYS);
  let next = withDeadlines(
    {
      ...state,
      consent: { method: input.consent, recordedBy: input.recordedBy, at },
      assessment: { delays: [] },
      milestones: [
        ...(state.milestones ?? []),
        {
          key: 'assessment-best-practice',
          kind: 'assessment-best-practice',
          at: formatInstant(endOfLocalDate(bestPracticeDate, tz), tz),
          status: 'pending',
          summary: `R-ASSESS-START best practice (7 days) ${bestPracticeDate}`,
        },
      ],
    },
    ...(outreach ? [fulfil(outreach, atMs, tz)] : []),
    openDeadline(policy, 'R-ASSESS-START', 'R-ASSESS-START', atMs, turnaroundOf(policy, 'R-ASSESS-START')),
    openDeadline(policy, 'R-ASSESS-COMPLETE', 'R-ASSESS-COMPLETE', atMs, turnaroundOf(policy, 'R-ASSESS-COMPLETE')),
  );
  next = withStage(next, 'ENROLLED', at, ACTION, input.actor);
  return answer(next, ACTION, at);
}

/** R-OPT-IN: how consent was given, who recorded it, when. */
export const enrollMemberAction = journeyAction({
  name: 'enrollMember',
  eventKind: ACTION,
  stages: ['OUTREACH'],
  check: checkEnrollment,
  apply: enrollMember,
  route: {
    path: 'enrollment',
    summary: 'Record the member’s consent to ECM',
    roles: PROVIDER,
    rules: ['R-OPT-IN'],
    leadCareManagerOnly: true,
    body: (k) => k.z.strictObject({ consent: k.z.enum(['verbal', 'written']), recordedBy: k.text({ max: 64 }), at: k.instant }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
  projection: 'opt-in',
});
