import { cancel, type Deadline } from '../deadline';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';

// The deadline vocabulary journeys share with transitional-care episodes.
export { inPlanTime, nextDeadlineKey, outstandingDeadlineOf, withDeadlines } from '../deadline-holder';
import type { JourneyStage } from '../journey-stage';
import type { ActionResult, JourneyState } from '../journey-state';
import type { EpisodeAdtEvent } from '../transitional-care/episode-state';

/**
 * How far a caller's clock may run ahead of the journey's before a timestamp counts as "in the
 * future": enough for ordinary NTP drift, too little to pre-date a deadline.
 */
export const CLOCK_SKEW_ALLOWANCE_MS = 2 * 60_000;

/** A side effect the workflow must carry out through an activity. */
export type JourneyEffect =
  | {
      readonly kind: 'notice_of_action';
      readonly noticeType: 'denial' | 'discontinuation';
      readonly reason: string;
      readonly decidedAt: string;
      /** R-DENIAL-NOA: the member and whoever asked on their behalf. */
      readonly recipients: readonly ('member' | 'requester')[];
    }
  | { readonly kind: 'escalation'; readonly deadline: Deadline }
  /** ECM-RULES §1: the alarm no longer stands (a timely act documented late); the party is told. */
  | { readonly kind: 'escalation_withdrawn'; readonly deadline: Deadline }
  /** R-UNREACHABLE: the outcome of outreach is reported to the plan. */
  | { readonly kind: 'plan_report'; readonly report: 'outreach_outcome'; readonly outcome: 'unreachable' | 'declined'; readonly at: string }
  /** R-CASELOAD-50: the Lead Care Manager's slot is freed when the member leaves them. */
  | { readonly kind: 'caseload_release'; readonly careManagerId: string; readonly reason: string; readonly at: string }
  /** R-ONE-LCM: the slot the API reserved for this naming becomes the member's one active assignment. */
  | { readonly kind: 'caseload_confirm'; readonly reservationKey: string }
  /** An ADT event for a transitional-care episode: start its child workflow, or signal the running one. */
  | { readonly kind: 'transitional_care'; readonly start: boolean; readonly workflowId: string; readonly episodeKey: string; readonly event: EpisodeAdtEvent }
  /** R-CLAIMS-60D: the first service of a provider's month starts the month's claims clock. */
  | { readonly kind: 'claims_month'; readonly providerId: string; readonly month: string };

/** What applying an action or a timer produces: the next state, its effects, and the caller's answer. */
export interface Transition {
  readonly state: JourneyState;
  readonly effects: readonly JourneyEffect[];
  readonly result: ActionResult;
}

/** Every action carries its idempotency key and the instant the act happened. */
export interface ActionEnvelope {
  /** Client-supplied idempotency key; a repeat returns the first result without a second effect. */
  readonly actionKey: string;
  /** Who acted, as the caller identifies them; kept in the stage history. */
  readonly actor?: string;
}

export { AUTHORIZED_STAGES, ENROLLED_STAGES } from '../journey-stage';

/**
 * ECM-RULES §1: event timestamps come from the caller and may be neither in the future nor before
 * the journey began; `notBefore` adds the stage's own ordering (e.g. acceptance after assignment).
 */
export function checkTimestamp(
  state: JourneyState,
  at: string,
  nowMs: number,
  notBefore?: { readonly at: string; readonly what: string },
): number {
  const atMs = Date.parse(at);
  if (Number.isNaN(atMs)) throw new JourneyRuleViolation(JourneyErrorCode.TimestampInFuture, `"${at}" is not a timestamp`);
  if (atMs > nowMs + CLOCK_SKEW_ALLOWANCE_MS) {
    throw new JourneyRuleViolation(JourneyErrorCode.TimestampInFuture, `the timestamp ${at} is in the future`);
  }
  if (atMs < Date.parse(state.referral.receivedAt)) {
    throw new JourneyRuleViolation(
      JourneyErrorCode.TimestampBeforeJourney,
      `the timestamp ${at} is before the referral was received (${state.referral.receivedAt})`,
    );
  }
  if (notBefore && atMs < Date.parse(notBefore.at)) {
    throw new JourneyRuleViolation(JourneyErrorCode.TimestampOutOfOrder, `the timestamp ${at} is before ${notBefore.what} (${notBefore.at})`);
  }
  return atMs;
}

/** Refuses an action that does not fit the current stage, naming the stages it fits. */
export function requireStage(state: JourneyState, allowed: readonly JourneyStage[], action: string): void {
  if (!allowed.includes(state.stage)) {
    throw new JourneyRuleViolation(
      JourneyErrorCode.WrongStage,
      `${action} is not allowed while the journey is ${state.stage}; it needs ${allowed.join(' or ')}`,
    );
  }
}

/** A reason is required and must say something. */
export function requireReason(reason: string | undefined, what: string): string {
  const trimmed = reason?.trim();
  if (!trimmed) throw new JourneyRuleViolation(JourneyErrorCode.ReasonRequired, `${what} needs a reason`);
  return trimmed;
}

/** Moves the journey to a stage and keeps the change in its history, with who acted. */
export function withStage(state: JourneyState, stage: JourneyStage, at: string, action: string, actor?: string): JourneyState {
  if (state.stage === stage) return state;
  return { ...state, stage, stageHistory: [...state.stageHistory, { stage, at, action, ...(actor ? { actor } : {}) }] };
}


/** The open deadline of a rule, if any. */
export function openDeadlineOf(state: JourneyState, rule: Deadline['rule']): Deadline | undefined {
  return state.deadlines.find((d) => d.rule === rule && d.status === 'open');
}


/** The most recent deadline of a rule, whatever its status. */
export function latestDeadlineOf(state: JourneyState, rule: Deadline['rule']): Deadline | undefined {
  return [...state.deadlines].reverse().find((d) => d.rule === rule);
}

/** Cancels every open deadline and pending milestone; used when the journey ends. */
export function cancelOpenDeadlines(state: JourneyState, atMs: number, reason: string): JourneyState {
  const tz = state.policy.calendar.timeZone;
  return {
    ...state,
    deadlines: state.deadlines.map((d) => cancel(d, atMs, tz, reason)),
    ...(state.milestones ? { milestones: state.milestones.map((m) => (m.status === 'pending' ? { ...m, status: 'cancelled' as const } : m)) } : {}),
  };
}

/** A finished transition's answer. */
export function answer(state: JourneyState, action: string, at: string, effects: readonly JourneyEffect[] = []): Transition {
  return { state, effects, result: { action, stage: state.stage, at } };
}

/** Frees the Lead Care Manager's caseload slot, when there is one. */
export function caseloadRelease(state: JourneyState, at: string, reason: string): JourneyEffect[] {
  return state.leadCareManager ? [{ kind: 'caseload_release', careManagerId: state.leadCareManager.careManagerId, reason, at }] : [];
}


