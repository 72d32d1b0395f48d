import { fulfil } from '../deadline';
import type { JourneyState } from '../journey-state';
import { effectiveDateOf, withAuthorizationPeriod } from './authorization-period';
import {
  cancelOpenDeadlines,
  checkTimestamp,
  inPlanTime,
  outstandingDeadlineOf,
  requireReason,
  requireStage,
  withDeadlines,
  withStage,
  type ActionEnvelope,
  type Transition,
} from './action-support';
import { PLAN } from '../../roles';
import { journeyAction } from './journey-action';

/** The plan's benefit determination on a referral. */
export interface AuthorizationDecisionInput extends ActionEnvelope {
  readonly decision: 'approved' | 'denied';
  readonly decidedAt: string;
  readonly reason?: string;
}

const ACTION = 'authorization';

/** Refuses a decision that does not fit; the update validator runs this. */
export function checkAuthorizationDecision(state: JourneyState, input: AuthorizationDecisionInput, nowMs: number): void {
  requireStage(state, ['REFERRED'], 'A benefit determination');
  checkTimestamp(state, input.decidedAt, nowMs);
  if (input.decision === 'denied') requireReason(input.reason, 'A denial');
}

/**
 * Meets R-AUTH-ROUTINE / R-AUTH-EXPEDITED. A denial ends the journey and sends a Notice of Action
 * with appeal rights to the member and the requester (R-DENIAL-NOA); R-ASSIGN no longer applies.
 */
export function decideAuthorization(state: JourneyState, input: AuthorizationDecisionInput, nowMs: number): Transition {
  checkAuthorizationDecision(state, input, nowMs);
  const tz = state.policy.calendar.timeZone;
  const atMs = Date.parse(input.decidedAt);
  const decidedAt = inPlanTime(state, atMs);
  const authDeadline = outstandingDeadlineOf(state, 'R-AUTH-ROUTINE') ?? outstandingDeadlineOf(state, 'R-AUTH-EXPEDITED');
  let next = authDeadline ? withDeadlines(state, fulfil(authDeadline, atMs, tz)) : state;

  if (input.decision === 'approved') {
    // R-AUTH-12M: the first period runs 12 months from the decision's local date.
    next = withAuthorizationPeriod(next, 'initial', effectiveDateOf(next, atMs));
    next = withStage({ ...next, authorization: { decision: 'approved', decidedAt, presumptive: false } }, 'AUTHORIZED', decidedAt, ACTION, input.actor);
    return { state: next, effects: [], result: { action: ACTION, stage: next.stage, at: decidedAt } };
  }

  const reason = requireReason(input.reason, 'A denial');
  next = cancelOpenDeadlines(next, atMs, 'referral denied');
  next = withStage({ ...next, authorization: { decision: 'denied', decidedAt, reason, presumptive: false } }, 'DENIED', decidedAt, ACTION, input.actor);
  return {
    state: next,
    // R-DENIAL-NOA: the member and whoever asked on their behalf learn of the right to appeal.
    effects: [{ kind: 'notice_of_action', noticeType: 'denial', reason, decidedAt, recipients: ['member', 'requester'] }],
    result: { action: ACTION, stage: next.stage, at: decidedAt },
  };
}

/** The plan's benefit determination (`POST /v1/members/:memberId/authorization`). */
export const decideAuthorizationAction = journeyAction({
  name: 'decideAuthorization',
  eventKind: ACTION,
  stages: ['REFERRED'],
  check: checkAuthorizationDecision,
  apply: decideAuthorization,
  route: {
    path: 'authorization',
    summary: 'The plan’s benefit determination',
    roles: PLAN,
    rules: ['R-AUTH-ROUTINE', 'R-AUTH-EXPEDITED', 'R-DENIAL-NOA'],
    body: (k) =>
      k.z
        .strictObject({ decision: k.z.enum(['approved', 'denied']), decidedAt: k.instant, reason: k.text({ max: 2000 }).optional() })
        // R-DENIAL-NOA: the Notice of Action states the reason; without one the answer is reason_required.
        .refine((b) => b.decision !== 'denied' || b.reason, k.reasonRequired('a denial needs a reason (R-DENIAL-NOA)')),
    toInput: (b, actionKey) => ({ actionKey, decision: b.decision, decidedAt: b.decidedAt, ...(b.reason ? { reason: b.reason } : {}) }),
  },
});
