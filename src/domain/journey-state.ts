import type { Deadline } from './deadline';
import { isOverdue } from './deadline';
import type { JourneyStage } from './journey-stage';
import type { PlanPolicy } from './plan-policy';

/** How the referral reached the plan (the API's `source`). */
export const REFERRAL_SOURCES = ['community', 'provider', 'self', 'mif', 'continuity_of_care'] as const;
/** One of {@link REFERRAL_SOURCES}. */
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

/** A change of stage, kept so the journey's path can be audited. */
export interface StageChange {
  readonly stage: JourneyStage;
  readonly at: string;
  readonly action: string;
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
}

/** How many applied actions a run keeps for idempotent replies; older keys are in the care record. */
export const APPLIED_ACTIONS_KEPT = 200;

/** The journey as callers see it: state plus what ops watch. */
export interface JourneyView extends Omit<JourneyState, 'appliedActions' | 'policy' | 'schemaVersion'> {
  readonly plan: string;
  readonly timeZone: string;
  readonly overdue: boolean;
  readonly nextDeadline?: Deadline;
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
  const { appliedActions: _a, policy, schemaVersion: _v, ...rest } = state;
  const nextDeadline = nextOpenDeadline(state);
  return {
    ...rest,
    plan: policy.plan,
    timeZone: policy.calendar.timeZone,
    overdue: hasOverdueDeadline(state),
    ...(nextDeadline ? { nextDeadline } : {}),
  };
}
