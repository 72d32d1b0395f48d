import { addDaysToDate } from '../../calendar';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyStage } from '../journey-stage';
import type { JourneyState } from '../journey-state';
import {
  answer,
  cancelOpenDeadlines,
  caseloadRelease,
  checkTimestamp,
  inPlanTime,
  requireReason,
  requireStage,
  withDeadlines,
  withStage,
  type ActionEnvelope,
  type Transition,
} from './action-support';
import { lapseDeadlineKey, withAuthorizationPeriod } from './authorization-period';
import { fulfil } from '../deadline';
import { discontinueJourney } from './discontinue-member';
import { PLAN } from '../../roles';
import { journeyAction } from './journey-action';

/** The plan's decision after the PCQ. */
export interface ReauthorizationInput extends ActionEnvelope {
  readonly decision: 'reauthorize' | 'deny' | 'graduate';
  readonly decidedAt: string;
  readonly reason?: string;
  /** R-GRADUATION: the other programs the member was told of (e.g. Basic Care Management). */
  readonly otherProgramsInformed?: readonly string[];
}

const ACTION = 'reauthorization';

/** Refuses a decision that does not fit; graduation needs its PCQ and case conference (R-GRADUATION). */
export function checkReauthorization(state: JourneyState, input: ReauthorizationInput, nowMs: number): void {
  requireStage(state, ['REAUTH_REVIEW'], 'A reauthorization decision');
  checkTimestamp(state, input.decidedAt, nowMs, state.pcq ? { at: state.pcq.submittedAt, what: 'the PCQ was submitted' } : undefined);
  if (input.decision === 'deny') requireReason(input.reason, 'A reauthorization denial');
  if (input.decision === 'graduate') {
    const period = state.authorizationPeriods?.at(-1);
    const conference = state.caseConferences?.some((c) => period && c.at.slice(0, 10) >= period.start);
    const missing = [
      ...(state.pcq?.recommendation === 'complete' ? [] : ['a PCQ recommending completion']),
      ...(conference ? [] : ['a case conference in this authorization period']),
      ...(input.otherProgramsInformed?.length ? [] : ['the other programs the member was told of']),
    ];
    if (missing.length) {
      throw new JourneyRuleViolation(JourneyErrorCode.GraduationRequirementsNotMet, `graduation needs ${missing.join(', ')} (R-GRADUATION)`);
    }
  }
}

/** Where an enrolled member stands once the review is over. */
function workingStage(state: JourneyState): JourneyStage {
  if (!state.assessment?.startedAt) return 'ENROLLED';
  if (!state.assessment.completedAt) return 'ASSESSMENT';
  return state.carePlan?.length ? 'ACTIVE' : 'CARE_PLANNING';
}

/**
 * R-REAUTH-6M: a reauthorization opens a 6-month period from the day after the current one ends,
 * and asks the run to continue as new so history stays bounded. A denial discontinues with a
 * Notice of Action (R-DENIAL-NOA). Graduation (R-GRADUATION) ends the journey as GRADUATED.
 */
export function decideReauthorization(given: JourneyState, input: ReauthorizationInput, nowMs: number): Transition {
  checkReauthorization(given, input, nowMs);
  const atMs = Date.parse(input.decidedAt);
  const at = inPlanTime(given, atMs);
  // R-AUTH-LAPSE: any decision (reauthorize, deny, graduate) is the one the period waited for; dated
  // on or before the period's last day it is met, whenever it is documented.
  const lapse = given.authorizationPeriods?.length ? given.deadlines.find((d) => d.key === lapseDeadlineKey(given.authorizationPeriods!.at(-1)!.number)) : undefined;
  const { authorizationLapse: _lapse, ...undecided } = given;
  const state = lapse ? withDeadlines(undecided, fulfil(lapse, atMs, given.policy.calendar.timeZone)) : given;
  if (input.decision === 'deny') {
    return discontinueJourney(state, 'reauthorization_denied', atMs, ACTION, input.actor, input.reason);
  }
  if (input.decision === 'graduate') {
    let next = cancelOpenDeadlines(state, atMs, 'member graduated');
    next = withStage({ ...next, graduation: { at, otherProgramsInformed: input.otherProgramsInformed ?? [] } }, 'GRADUATED', at, ACTION, input.actor);
    return answer(next, ACTION, at, caseloadRelease(state, at, 'graduated'));
  }
  const current = state.authorizationPeriods!.at(-1)!;
  // The old period's end no longer needs watching: its successor is decided.
  const milestones = (state.milestones ?? []).map((m) => (m.key === `authorization-ends#${current.number}` && m.status === 'pending' ? { ...m, status: 'cancelled' as const } : m));
  let next = withAuthorizationPeriod({ ...state, milestones }, 'reauthorization', addDaysToDate(current.end, 1));
  next = withStage(next, workingStage(next), at, ACTION, input.actor);
  return answer({ ...next, continueAsNewRequested: true }, ACTION, at);
}

/** R-REAUTH-6M, R-GRADUATION, R-DENIAL-NOA. */
export const decideReauthorizationAction = journeyAction({
  name: 'decideReauthorization',
  eventKind: ACTION,
  stages: ['REAUTH_REVIEW'],
  check: checkReauthorization,
  apply: decideReauthorization,
  route: {
    path: 'reauthorization',
    summary: 'Reauthorize, deny or graduate',
    roles: PLAN,
    rules: ['R-REAUTH-6M', 'R-GRADUATION', 'R-DENIAL-NOA'],
    body: (k) =>
      k.z
        .strictObject({
          decision: k.z.enum(['reauthorize', 'deny', 'graduate']),
          decidedAt: k.instant,
          reason: k.text({ max: 2000 }).optional(),
          otherProgramsInformed: k.z.array(k.text({ max: 2000 })).max(20).optional(),
        })
        .refine((b) => b.decision !== 'deny' || b.reason, k.reasonRequired('a denial needs a reason (R-DENIAL-NOA)')),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
});
