import type { CountyBehavioralHealthProvider } from './county-behavioral-health';
import type { CommunityReferral } from './community-referral';
import type { Deadline } from './deadline';
import { isOverdue } from './deadline';
import type { JourneyStage } from './journey-stage';
import type { PlanPolicy } from './plan-policy';
import type { OutreachAttempt, OutreachProgress } from './outreach-attempt';
import { outreachProgressView } from './outreach-progress';
import type { ServiceMonth } from '../billing/service-month';
import { judgeServiceMonth, type MonthPayability } from '../billing/payable-month';

export {
  IN_PERSON_METHODS,
  OUTREACH_METHODS,
  OUTREACH_RESULTS,
  type OutreachAttempt,
  type OutreachMethod,
  type OutreachProgress,
  type OutreachResult,
} from './outreach-attempt';

/** How the referral reached the plan (the API's `source`). */
export const REFERRAL_SOURCES = ['community', 'provider', 'self', 'mif', 'continuity_of_care'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** The referral as the journey keeps it: no demographics, those live in the care record only. */
export interface ReferralFacts {
  /** Keyed hash of plan + referral ID: identifies the journey without exposing the plan's ID. */
  readonly referralKey: string;
  readonly receivedAt: string;
  readonly source: ReferralSource;
  readonly expedited: boolean;
  /** A contracted provider's E-Form (R-AUTH-PRESUMPTIVE). */
  readonly presumptive: boolean;
  readonly referringProviderId?: string;
  readonly populationsOfFocus: readonly string[];
}

/** The plan's benefit determination. */
export interface AuthorizationDecision {
  readonly decision: 'approved' | 'denied';
  readonly decidedAt: string;
  readonly reason?: string;
  readonly presumptive: boolean;
}

/** The provider's answer to an assignment; `deemed` when silence past R-DECLINE-1BD counted as acceptance. */
export interface AssignmentResponse {
  readonly response: 'accepted' | 'declined';
  readonly at: string;
  readonly reason?: string;
  readonly detail?: string;
  readonly deemed?: boolean;
}

/** An assignment of the member to an ECM provider. */
export interface ProviderAssignment {
  readonly providerId: string;
  readonly assignedAt: string;
  readonly response?: AssignmentResponse;
}

/** The member's Lead Care Manager (R-ONE-LCM: one at a time). */
export interface LeadCareManager {
  readonly careManagerId: string;
  readonly providerId: string;
  readonly namedAt: string;
}

/** A change of stage, kept so the journey's path can be audited, with who acted when known. */
export interface StageChange {
  readonly stage: JourneyStage;
  readonly at: string;
  readonly action: string;
  readonly actor?: string;
}

/** The member's documented consent (R-OPT-IN). */
export interface Consent {
  readonly method: 'verbal' | 'written';
  readonly recordedBy: string;
  readonly at: string;
}

/** A member-requested delay of the assessment (R-ASSESS-COMPLETE). */
export interface AssessmentDelay {
  readonly requestedAt: string;
  readonly reason: string;
  readonly agreedDate: string;
}

/** The comprehensive assessment. */
export interface Assessment {
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly delays: readonly AssessmentDelay[];
}

/** A revision of the care plan; the content itself lives in the care record. */
export interface CarePlanRevision {
  readonly version: number;
  readonly at: string;
  readonly goals: number;
  readonly acuity: 'low' | 'medium' | 'high';
  readonly reason?: string;
}

/** One authorization period (R-AUTH-12M, R-REAUTH-6M); dates are inclusive local dates. */
export interface AuthorizationPeriodState {
  readonly number: number;
  readonly kind: 'initial' | 'reauthorization';
  readonly start: string;
  readonly end: string;
}

/** The submitted Program Completion Questionnaire of the current period (R-PCQ-WINDOW). */
export interface ProgramCompletionQuestionnaire {
  readonly periodNumber: number;
  readonly submittedAt: string;
  readonly recommendation: 'continue' | 'complete';
}

/** R-DISCONTINUE reasons (Guide §9.1, §9.3), plus the member choosing a duplicative program (R-DUPLICATIVE). */
export const DISCONTINUATION_REASONS = [
  'goals_met',
  'lower_level_of_care',
  'member_no_longer_wishes',
  'unresponsive_or_unwilling',
  'unsafe_for_staff',
  'unable_to_connect',
  'no_longer_eligible',
  'excluded_program',
  'chose_duplicative_program',
  'death',
  'left_plan',
  'reauthorization_denied',
] as const;
export type DiscontinuationReason = (typeof DISCONTINUATION_REASONS)[number];

/** A point in time the journey waits for that is not a deadline (a window opening, a birthday). */
export interface Milestone {
  readonly key: string;
  readonly kind: 'assessment-best-practice' | 'pcq-window-opens' | 'authorization-ends' | 'turns-21';
  readonly at: string;
  readonly status: 'pending' | 'reached' | 'cancelled';
  /** Shown as the timer's summary in the Web UI; never carries PHI (no birthday date). */
  readonly summary: string;
}

/** A transitional-care episode as the journey tracks it; its clocks live in the child workflow. */
export interface TransitionalCareEpisode {
  readonly episodeKey: string;
  readonly workflowId: string;
  readonly visitKeys: readonly string[];
  readonly status: 'open' | 'completed' | 'cancelled';
  readonly openedAt: string;
  readonly closedAt?: string;
  readonly riskBand?: 'low' | 'moderate' | 'high';
}

/** A best-practice or attention note that is not a breach. */
export interface JourneyWarning {
  readonly rule: string;
  readonly message: string;
  readonly at: string;
}

/** An applied action's result, kept so a repeated idempotency key answers the first result. */
export interface AppliedAction {
  readonly actionKey: string;
  readonly action: string;
  readonly fingerprint: string;
  readonly result: ActionResult;
}

/** What an action returns to its caller. */
export interface ActionResult {
  readonly action: string;
  readonly stage: JourneyStage;
  readonly at: string;
  /** The closed-loop referral the action created or updated (Guide §8.7). */
  readonly communityReferralId?: string;
}

/**
 * The whole journey, serialisable so continue-as-new can carry it into the next run.
 * `schemaVersion` lets a later shape be migrated on the way in.
 */
export interface JourneyState {
  readonly schemaVersion: 1;
  readonly memberId: string;
  readonly policy: PlanPolicy;
  readonly referral: ReferralFacts;
  readonly stage: JourneyStage;
  readonly authorization?: AuthorizationDecision;
  readonly assignment?: ProviderAssignment;
  /** Earlier assignments, e.g. declined for capacity. */
  readonly pastAssignments: readonly ProviderAssignment[];
  readonly leadCareManager?: LeadCareManager;
  readonly outreachStartedAt?: string;
  readonly deadlines: readonly Deadline[];
  readonly stageHistory: readonly StageChange[];
  readonly appliedActions: readonly AppliedAction[];
  readonly outreachAttempts?: readonly OutreachAttempt[];
  readonly consent?: Consent;
  readonly assessment?: Assessment;
  readonly carePlan?: readonly CarePlanRevision[];
  readonly authorizationPeriods?: readonly AuthorizationPeriodState[];
  readonly pcq?: ProgramCompletionQuestionnaire;
  readonly caseConferences?: readonly { readonly at: string; readonly participants: readonly string[] }[];
  /** R-DUPLICATIVE: a duplicative program was found and the member has yet to choose. */
  readonly pendingProgramChoice?: { readonly program: string; readonly foundAt: string };
  readonly providerChangeRequestedAt?: string;
  readonly primaryCareProvider?: { readonly pcpId: string; readonly providerGroup?: string; readonly since: string };
  /** R-BH-ASSIGN: the member's county behavioural-health provider, when the plan named one. */
  readonly countyBehavioralHealthProvider?: CountyBehavioralHealthProvider;
  /** R-AGE-21: the local date the journey moves to adult criteria (the 1st of the month after the 21st birthday), when they were under 21 at referral. */
  readonly turns21On?: string;
  readonly ageGroup?: 'adult' | 'child_youth';
  /** Closed-loop referrals to Community Supports and social services (Guide §8.7, §10). */
  readonly communityReferrals?: readonly CommunityReferral[];
  readonly discontinuation?: { readonly reason: DiscontinuationReason; readonly at: string; readonly detail?: string };
  readonly outreachOutcome?: { readonly outcome: 'unreachable' | 'declined'; readonly at: string };
  readonly graduation?: { readonly at: string; readonly otherProgramsInformed: readonly string[] };
  readonly eligibilityFindings?: readonly { readonly at: string; readonly eligible: boolean; readonly populationsOfFocus: readonly string[]; readonly excluded: readonly string[]; readonly duplicative: readonly string[]; readonly reasons?: readonly string[] }[];
  readonly milestones?: readonly Milestone[];
  readonly warnings?: readonly JourneyWarning[];
  /** Transitional-care episodes (child workflows), by the opaque key of their first visit. */
  readonly episodes?: readonly TransitionalCareEpisode[];
  /** R-TCS-DRA: a High Modified LACE band marks the member high acuity. */
  readonly highAcuity?: { readonly since: string; readonly episodeKey: string };
  /**
   * R-AUTH-LAPSE: the authorization period ended with no plan decision. Services after `since` do
   * not count as authorized until the plan decides; cleared by the decision.
   */
  readonly authorizationLapse?: { readonly periodNumber: number; readonly since: string };
  /** Issue 13 (R-PAY-6U): units per member-month and date, never the services (the care record has those). */
  readonly serviceMonths?: readonly ServiceMonth[];
  /** Set by an action after which the run should continue as new (a new authorization period). */
  readonly continueAsNewRequested?: boolean;
  /**
   * Counts care-record writes across runs, so the record keeps the newest snapshot even when two
   * writes of concurrent actions complete out of order.
   */
  readonly recordSequence?: number;
  /**
   * ECM-RULES §1 as updated: deadlines and windows are judged by when acts happened, whenever they
   * are documented. Set at the start of every run that has the rule (patched), so journeys already
   * running when it shipped keep the judgement their history recorded.
   */
  readonly actTimeJudgement?: true;
}

/** How many applied actions a run keeps for idempotent replies; older keys are in the care record. */
export const APPLIED_ACTIONS_KEPT = 200;

/** The journey as callers see it: state plus what ops watch. */
export interface JourneyView extends Omit<JourneyState, 'appliedActions' | 'policy' | 'schemaVersion' | 'continueAsNewRequested' | 'recordSequence' | 'actTimeJudgement'> {
  readonly plan: string;
  readonly timeZone: string;
  readonly overdue: boolean;
  readonly nextDeadline?: Deadline;
  readonly outreach?: OutreachProgress;
  readonly currentAuthorizationPeriod?: AuthorizationPeriodState;
  /** R-PAY-6U: each member-month's counted units, payable or not and why not. */
  readonly paymentMonths?: readonly MonthPayability[];
}

/** The earliest open deadline, which `EcmNextDeadline` carries. */
export function nextOpenDeadline(state: Pick<JourneyState, 'deadlines'>): Deadline | undefined {
  let next: Deadline | undefined;
  for (const d of state.deadlines) {
    if (d.status === 'open' && (!next || Date.parse(d.dueAt) < Date.parse(next.dueAt))) next = d;
  }
  return next;
}

/** True while any breached deadline still waits for its late act. */
export function hasOverdueDeadline(state: Pick<JourneyState, 'deadlines'>): boolean {
  return state.deadlines.some(isOverdue);
}

/** The query's answer. */
export function viewOf(state: JourneyState): JourneyView {
  const { appliedActions: _a, policy, schemaVersion: _v, continueAsNewRequested: _c, recordSequence: _s, actTimeJudgement: _j, ...rest } = state;
  const nextDeadline = nextOpenDeadline(state);
  const currentAuthorizationPeriod = state.authorizationPeriods?.at(-1);
  return {
    ...rest,
    plan: policy.plan,
    timeZone: policy.calendar.timeZone,
    overdue: hasOverdueDeadline(state),
    ...(nextDeadline ? { nextDeadline } : {}),
    ...(state.outreachStartedAt ? { outreach: outreachProgressView(state) } : {}),
    ...(currentAuthorizationPeriod ? { currentAuthorizationPeriod } : {}),
    ...(state.serviceMonths?.length ? { paymentMonths: state.serviceMonths.map((m) => judgeServiceMonth(m, state.authorizationPeriods ?? [])) } : {}),
  };
}
