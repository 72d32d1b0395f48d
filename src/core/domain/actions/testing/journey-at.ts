/**
 * Journeys for the pure actions' unit tests, built as the workflow builds them: every act goes
 * through its pure action, the timers due before it fire first in due order (deadlines breach,
 * milestones are reached), and ECM-RULES §1's judgement by act time follows each transition. No
 * Temporal, no database; only tests import this.
 */
import { CALIFORNIA_BUSINESS_CALENDAR } from '../../../calendar';
import { formatInstant } from '../../deadline';
import { JOURNEY_STAGES, type JourneyStage } from '../../journey-stage';
import type { JourneyState, OutreachMethod, OutreachResult, ReferralFacts } from '../../journey-state';
import { defaultPlanPolicy, type PlanPolicy } from '../../plan-policy';
import { JourneyRuleViolation } from '../../errors';
import type { Transition } from '../action-support';
import { closeOutreach } from '../close-outreach';
import { deadlineBreached } from '../deadline-breached';
import { decideAuthorization } from '../decide-authorization';
import { decideReauthorization } from '../decide-reauthorization';
import { discontinue } from '../discontinue-member';
import { enrollMember } from '../enroll-member';
import { withActTimeJudgement } from '../judge-by-act-time';
import { logOutreachAttempt } from '../log-outreach-attempt';
import { milestoneReached } from '../milestone-reached';
import { nameLeadCareManager } from '../name-lead-care-manager';
import { recordAssessment } from '../record-assessment';
import { recordCarePlan, type SmartGoal } from '../record-care-plan';
import { recordCaseConference } from '../record-case-conference';
import { respondToAssignment } from '../respond-to-assignment';
import { assignProvider } from '../assign-provider';
import { startJourney } from '../start-journey';
import { submitPcq } from '../submit-pcq';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Epoch milliseconds of an ISO instant. */
export const ms = (iso: string): number => Date.parse(iso);

/** An instant as the journey writes it: in the plan's zone (Pacific), to the millisecond. */
export const inPacific = (t: number): string => formatInstant(t, CALIFORNIA_BUSINESS_CALENDAR.timeZone);

/**
 * The happy path, in Pacific daylight time, each act well inside its clock and clear of holidays.
 * The referral arrives Tuesday 3 June 2031; the first authorization period runs 4 June 2031 to
 * 3 June 2032, so its PCQ window opens 4 May 2032 and closes at the end of 20 May 2032.
 */
export const TIMELINE = {
  received: '2031-06-03T09:00:00.000-07:00',
  authorized: '2031-06-04T10:00:00.000-07:00',
  assigned: '2031-06-05T10:00:00.000-07:00',
  accepted: '2031-06-05T15:00:00.000-07:00',
  leadCareManagerNamed: '2031-06-06T09:00:00.000-07:00',
  enrolled: '2031-06-10T11:00:00.000-07:00',
  assessmentStarted: '2031-06-12T10:00:00.000-07:00',
  assessmentCompleted: '2031-06-19T10:00:00.000-07:00',
  carePlanned: '2031-06-20T10:00:00.000-07:00',
  ended: '2031-07-01T10:00:00.000-07:00',
  pcqSubmitted: '2032-05-10T10:00:00.000-07:00',
  caseConference: '2032-05-12T10:00:00.000-07:00',
  reauthorizationDecided: '2032-05-20T10:00:00.000-07:00',
} as const;

/** After every act of every stage's journey: an instant at which any of them may be acted on. */
export const LATER: string = '2032-05-25T10:00:00.000-07:00';

export const MEMBER_ID = 'mbr_0123456789abcdef0123456789abcdef';

/** Five attempts that meet R-OUTREACH-30D: five days, three parts of the day, five methods, one in person. */
export const QUALIFYING_ATTEMPTS: readonly { readonly at: string; readonly method: OutreachMethod; readonly result: OutreachResult }[] = [
  { at: '2031-06-06T10:00:00.000-07:00', method: 'phone', result: 'no_answer' },
  { at: '2031-06-09T18:00:00.000-07:00', method: 'text', result: 'no_answer' },
  { at: '2031-06-10T14:00:00.000-07:00', method: 'in_person', result: 'not_found' },
  { at: '2031-06-11T10:00:00.000-07:00', method: 'email', result: 'no_answer' },
  { at: '2031-06-12T10:00:00.000-07:00', method: 'mail', result: 'no_answer' },
];

/** Two SMART goals due long after any plan in the timeline (R-CAREPLAN-14D). */
export const SMART_GOALS: readonly SmartGoal[] = [
  { description: 'Stable housing', measure: 'Signed lease', targetDate: '2033-01-31' },
  { description: 'Diabetes control', measure: 'HbA1c below 8%', targetDate: '2033-03-31' },
];

/** A care plan body with {@link SMART_GOALS}, dated `at`. */
export function carePlanInput(at: string, actionKey = `care-plan-${at}`) {
  return { actionKey, at, goals: SMART_GOALS, problems: ['Homelessness'], interventions: ['Housing navigation'], barriers: ['No phone'], acuity: 'medium' as const };
}

export interface JourneyOptions {
  readonly referral?: Partial<ReferralFacts>;
  readonly policy?: PlanPolicy;
  /** Off for a journey started before ECM-RULES §1's judgement by act time (no `actTimeJudgement`). */
  readonly actTimeJudgement?: boolean;
  /** What the provider's PCQ recommends on the way to REAUTH_REVIEW (GRADUATED needs `complete`). */
  readonly pcqRecommendation?: 'continue' | 'complete';
}

/** A fresh journey, as the workflow starts it (routine community referral unless overridden). */
export function newJourney(options: JourneyOptions = {}): JourneyState {
  const state = startJourney({
    memberId: MEMBER_ID,
    policy: options.policy ?? defaultPlanPolicy('LA-CARE'),
    referral: {
      referralKey: 'ref_unit',
      receivedAt: TIMELINE.received,
      source: 'community',
      expedited: false,
      presumptive: false,
      populationsOfFocus: ['1a'],
      ...options.referral,
    },
  });
  return options.actTimeJudgement === false ? state : { ...state, actTimeJudgement: true };
}

/** Fires, in due order, every open deadline and pending milestone due at or before `nowMs` (strictly before, when `strict`). */
export function runClockTo(state: JourneyState, nowMs: number, strict = false): JourneyState {
  let s = state;
  for (;;) {
    const due = (at: string) => (strict ? ms(at) < nowMs : ms(at) <= nowMs);
    const deadline = s.deadlines.filter((d) => d.status === 'open' && due(d.dueAt)).sort((a, b) => ms(a.dueAt) - ms(b.dueAt))[0];
    const milestone = (s.milestones ?? []).filter((m) => m.status === 'pending' && due(m.at)).sort((a, b) => ms(a.at) - ms(b.at))[0];
    if (!deadline && !milestone) return s;
    // The workflow's timers fire in due order; a deadline and a milestone due together: the deadline.
    if (deadline && (!milestone || ms(deadline.dueAt) <= ms(milestone.at))) {
      s = withActTimeJudgement(s, deadlineBreached(s, deadline.key), ms(deadline.dueAt)).state;
    } else {
      s = withActTimeJudgement(s, milestoneReached(s, milestone!.key), ms(milestone!.at)).state;
    }
  }
}

/**
 * One act arriving at `at` (the journey's now): the timers due strictly before it fire first, so an
 * act at a deadline's exact due instant is on time; then the act, then the judgement by act time.
 */
export function perform(state: JourneyState, at: string | number, act: (state: JourneyState, nowMs: number) => Transition): Transition {
  const nowMs = typeof at === 'number' ? at : ms(at);
  const before = runClockTo(state, nowMs, true);
  return withActTimeJudgement(before, act(before, nowMs), nowMs);
}

/** {@link perform}'s next state. */
export function after(state: JourneyState, at: string | number, act: (state: JourneyState, nowMs: number) => Transition): JourneyState {
  return perform(state, at, act).state;
}

const T = TIMELINE;

function reach(stage: JourneyStage, o: JourneyOptions): JourneyState {
  switch (stage) {
    case 'REFERRED':
      return newJourney(o);
    case 'AUTHORIZED':
      return after(reach('REFERRED', o), T.authorized, (s, now) => decideAuthorization(s, { actionKey: 'authorize', decision: 'approved', decidedAt: T.authorized }, now));
    case 'DENIED':
      return after(reach('REFERRED', o), T.authorized, (s, now) => decideAuthorization(s, { actionKey: 'deny', decision: 'denied', decidedAt: T.authorized, reason: 'not in a Population of Focus' }, now));
    case 'ASSIGNED':
      return after(reach('AUTHORIZED', o), T.assigned, (s, now) => assignProvider(s, { actionKey: 'assign', providerId: 'PROV-ACME', assignedAt: T.assigned }, now));
    case 'OUTREACH': {
      const accepted = after(reach('ASSIGNED', o), T.accepted, (s, now) => respondToAssignment(s, { actionKey: 'accept', response: 'accepted', at: T.accepted }, now));
      return after(accepted, T.leadCareManagerNamed, (s, now) => nameLeadCareManager(s, { actionKey: 'name-lcm', careManagerId: 'LCM-0001', at: T.leadCareManagerNamed }, now));
    }
    case 'DECLINED':
      return after(reach('OUTREACH', o), T.enrolled, (s, now) => closeOutreach(s, { actionKey: 'close', outcome: 'declined', at: T.enrolled }, now));
    case 'UNREACHABLE': {
      const tried = QUALIFYING_ATTEMPTS.reduce(
        (s, a, n) => after(s, a.at, (x, now) => logOutreachAttempt(x, { actionKey: `attempt-${n}`, at: a.at, method: a.method, result: a.result, minutes: 10 }, now)),
        reach('OUTREACH', o),
      );
      return after(tried, T.ended, (s, now) => closeOutreach(s, { actionKey: 'close', outcome: 'unreachable', at: T.ended }, now));
    }
    case 'ENROLLED':
      return after(reach('OUTREACH', o), T.enrolled, (s, now) => enrollMember(s, { actionKey: 'enroll', consent: 'verbal', recordedBy: 'LCM-0001', at: T.enrolled }, now));
    case 'ASSESSMENT':
      return after(reach('ENROLLED', o), T.assessmentStarted, (s, now) => recordAssessment(s, { actionKey: 'assess-start', action: 'start', at: T.assessmentStarted }, now));
    case 'CARE_PLANNING':
      return after(reach('ASSESSMENT', o), T.assessmentCompleted, (s, now) => recordAssessment(s, { actionKey: 'assess-complete', action: 'complete', at: T.assessmentCompleted }, now));
    case 'ACTIVE':
      return after(reach('CARE_PLANNING', o), T.carePlanned, (s, now) => recordCarePlan(s, carePlanInput(T.carePlanned, 'care-plan'), now));
    case 'DISCONTINUED':
    case 'TRANSFERRED': {
      const reason = stage === 'TRANSFERRED' ? 'left_plan' : 'unable_to_connect';
      return after(reach('ACTIVE', o), T.ended, (s, now) => discontinue(s, { actionKey: 'discontinue', reason, at: T.ended }, now));
    }
    case 'REAUTH_REVIEW': {
      const submitted = after(reach('ACTIVE', o), T.pcqSubmitted, (s, now) =>
        submitPcq(s, { actionKey: 'pcq', submittedAt: T.pcqSubmitted, recommendation: o.pcqRecommendation ?? 'continue' }, now),
      );
      return after(submitted, T.caseConference, (s, now) => recordCaseConference(s, { actionKey: 'conference', at: T.caseConference, participants: ['LCM-0001', 'PCP-0001'] }, now));
    }
    case 'GRADUATED':
      return after(reach('REAUTH_REVIEW', { ...o, pcqRecommendation: 'complete' }), T.reauthorizationDecided, (s, now) =>
        decideReauthorization(s, { actionKey: 'graduate', decision: 'graduate', decidedAt: T.reauthorizationDecided, otherProgramsInformed: ['Basic Care Management'] }, now),
      );
  }
}

/**
 * A journey at `stage`, reached along {@link TIMELINE} by the pure actions: REAUTH_REVIEW after a
 * PCQ and a case conference, DISCONTINUED / TRANSFERRED from ACTIVE, DECLINED / UNREACHABLE from
 * OUTREACH, DENIED from REFERRED, GRADUATED from REAUTH_REVIEW.
 */
export function journeyAt(stage: JourneyStage, options: JourneyOptions = {}): JourneyState {
  // States are immutable, so one built journey serves every test that asks for it.
  const key = `${stage} ${JSON.stringify(options)}`;
  const built = journeys.get(key) ?? reach(stage, options);
  if (built.stage !== stage) throw new Error(`the builder reached ${built.stage}, not ${stage}`);
  journeys.set(key, built);
  return built;
}
const journeys = new Map<string, JourneyState>();

/** What an action's check says in each stage: `allowed`, or the code it refused with. */
export function verdictsByStage(check: (state: JourneyState) => void, options: JourneyOptions = {}): Record<JourneyStage, string> {
  const verdicts = {} as Record<JourneyStage, string>;
  for (const stage of JOURNEY_STAGES) {
    try {
      check(journeyAt(stage, options));
      verdicts[stage] = 'allowed';
    } catch (err) {
      if (!(err instanceof JourneyRuleViolation)) throw err;
      verdicts[stage] = err.code;
    }
  }
  return verdicts;
}

/** The verdicts of an action allowed in exactly `allowed` and refused as `refusal` everywhere else. */
export function allowedOnlyIn(allowed: readonly JourneyStage[], refusal = 'wrong_stage'): Record<JourneyStage, string> {
  return Object.fromEntries(JOURNEY_STAGES.map((s) => [s, allowed.includes(s) ? 'allowed' : refusal])) as Record<JourneyStage, string>;
}

/** The code a call refused with (a JourneyRuleViolation), or `allowed`. */
export function verdict(call: () => unknown): string {
  try {
    call();
    return 'allowed';
  } catch (err) {
    if (err instanceof JourneyRuleViolation) return err.code;
    throw err;
  }
}

/**
 * The latest deadline of a rule, with `documentedLate` always present, so that an assertion of
 * `{ status: 'met', documentedLate: false }` tells an act met on its own time from one met only by
 * the judgement by act time after its alarm (ECM-RULES §1).
 */
export function clockOf(state: JourneyState, rule: string) {
  const deadline = deadlineOf(state, rule);
  return deadline && { ...deadline, documentedLate: deadline.documentedLate ?? false };
}

/** The latest deadline of a rule in a state. */
export function deadlineOf(state: JourneyState, rule: string) {
  return [...state.deadlines].reverse().find((d) => d.rule === rule);
}
