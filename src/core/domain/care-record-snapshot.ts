/**
 * What the care record keeps of a journey or an episode besides its events: the current facts
 * (stage, assignment, Lead Care Manager, authorization periods, assessment, care-plan version,
 * transitional-care visits and tasks) that lists, reports and access checks read without asking
 * Temporal. Each write carries one, stamped with a sequence so the newest always wins.
 */
import type { CommunityReferral } from './community-referral';
import type { Deadline } from './deadline';
import { isTerminalStage, type JourneyStage } from './journey-stage';
import {
  hasOverdueDeadline,
  nextOpenDeadline,
  type Assessment,
  type AuthorizationDecision,
  type AuthorizationPeriodState,
  type CarePlanRevision,
  type JourneyState,
  type LeadCareManager,
  type ProviderAssignment,
} from './journey-state';
import type { EpisodeState, TaskState, VisitState } from './transitional-care/episode-state';
import { isOverdue } from './deadline';

/** The journey's current facts, for the care record. */
export interface JourneySnapshot {
  readonly sequence: number;
  readonly plan: string;
  readonly stage: JourneyStage;
  readonly ended: boolean;
  readonly overdue: boolean;
  readonly nextDueAt?: string;
  readonly nextDueRule?: string;
  readonly authorization?: AuthorizationDecision;
  readonly authorizationPeriods: readonly AuthorizationPeriodState[];
  readonly assignment?: ProviderAssignment;
  readonly pastAssignments: readonly ProviderAssignment[];
  readonly leadCareManager?: LeadCareManager;
  readonly assessment?: Assessment;
  readonly carePlan?: CarePlanRevision;
  readonly communityReferrals?: readonly CommunityReferral[];
}

/** An episode's current facts, for the care record. */
export interface EpisodeSnapshot {
  readonly sequence: number;
  readonly episodeKey: string;
  readonly status: EpisodeState['status'];
  readonly overdue: boolean;
  readonly riskBand?: 'low' | 'moderate' | 'high';
  readonly closedAt?: string;
  readonly visits: readonly VisitState[];
  readonly tasks: readonly TaskState[];
}

/** The state with its write counter advanced: call once per care-record write. */
export function nextRecordSequence<S extends { readonly recordSequence?: number }>(state: S): S {
  return { ...state, recordSequence: (state.recordSequence ?? 0) + 1 };
}

/** The journey's snapshot; call after {@link nextRecordSequence}. */
export function journeySnapshot(state: JourneyState): JourneySnapshot {
  const next: Deadline | undefined = nextOpenDeadline(state);
  const carePlan = state.carePlan?.at(-1);
  return {
    sequence: state.recordSequence ?? 0,
    plan: state.policy.plan,
    stage: state.stage,
    ended: isTerminalStage(state.stage),
    overdue: hasOverdueDeadline(state),
    ...(next ? { nextDueAt: next.dueAt, nextDueRule: next.rule } : {}),
    ...(state.authorization ? { authorization: state.authorization } : {}),
    authorizationPeriods: state.authorizationPeriods ?? [],
    ...(state.assignment ? { assignment: state.assignment } : {}),
    pastAssignments: state.pastAssignments,
    ...(state.leadCareManager ? { leadCareManager: state.leadCareManager } : {}),
    ...(state.assessment ? { assessment: state.assessment } : {}),
    ...(carePlan ? { carePlan } : {}),
    ...(state.communityReferrals?.length ? { communityReferrals: state.communityReferrals } : {}),
  };
}

/** The episode's snapshot; call after {@link nextRecordSequence}. */
export function episodeSnapshot(state: EpisodeState): EpisodeSnapshot {
  return {
    sequence: state.recordSequence ?? 0,
    episodeKey: state.episodeKey,
    status: state.status,
    overdue: state.deadlines.some(isOverdue),
    ...(state.riskBand ? { riskBand: state.riskBand } : {}),
    ...(state.closedAt ? { closedAt: state.closedAt } : {}),
    visits: state.visits,
    tasks: state.tasks,
  };
}
