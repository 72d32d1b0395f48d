import {
  COMMUNITY_REFERRAL_STATUSES,
  LOOP_CLOSURE_REASONS,
  impliedClosureReason,
  mayMove,
  type CommunityReferralStatus,
  type LoopClosureReason,
} from '../community-referral';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState } from '../journey-state';
import { ENROLLED_STAGES, checkTimestamp, inPlanTime, requireStage, type ActionEnvelope, type Transition } from './action-support';
import { PLAN_OR_PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

const ACTION = 'community-referral-status';

/** A referral's follow-up: the receiving organisation's answer, the service under way, the loop closed. */
export interface CommunityReferralStatusInput extends ActionEnvelope {
  readonly communityReferralId: string;
  readonly status: CommunityReferralStatus;
  readonly at: string;
  readonly closureReason?: LoopClosureReason;
  readonly note?: string;
}

function referralOf(state: JourneyState, id: string) {
  const referral = state.communityReferrals?.find((r) => r.id === id);
  if (!referral) throw new JourneyRuleViolation(JourneyErrorCode.CommunityReferralNotFound, 'the member has no community referral with this ID');
  return referral;
}

/**
 * Refuses a status that cannot follow the current one (a closed loop stays closed), a date before
 * the referral's last status, and `closed` without a reason.
 */
export function checkCommunityReferralStatus(state: JourneyState, input: CommunityReferralStatusInput, nowMs: number): void {
  requireStage(state, ENROLLED_STAGES, 'Updating a community referral');
  const referral = referralOf(state, input.communityReferralId);
  checkTimestamp(state, input.at, nowMs, { at: referral.statusAt, what: 'the referral’s last status' });
  if (!mayMove(referral.status, input.status)) {
    throw new JourneyRuleViolation(JourneyErrorCode.ReferralStatusNotAllowed, `a referral that is ${referral.status} cannot become ${input.status}`);
  }
  if (input.status === 'closed' && !input.closureReason) {
    throw new JourneyRuleViolation(JourneyErrorCode.ReasonRequired, 'closing a referral’s loop needs a closureReason');
  }
}

/** The referral's new status, dated by the act; a closing status carries its closure reason. */
export function updateCommunityReferral(state: JourneyState, input: CommunityReferralStatusInput, nowMs: number): Transition {
  checkCommunityReferralStatus(state, input, nowMs);
  const at = inPlanTime(state, Date.parse(input.at));
  const closureReason = input.closureReason ?? impliedClosureReason(input.status);
  const communityReferrals = (state.communityReferrals ?? []).map((r) =>
    r.id === input.communityReferralId
      ? { ...r, status: input.status, statusAt: at, ...(closureReason ? { closureReason } : {}), ...(input.note ? { note: input.note } : {}) }
      : r,
  );
  const next: JourneyState = { ...state, communityReferrals };
  return { state: next, effects: [], result: { action: ACTION, stage: next.stage, at, communityReferralId: input.communityReferralId } };
}

/** Guide §8.7: following a referral up until its loop closes. */
export const updateCommunityReferralAction = journeyAction({
  name: 'updateCommunityReferralStatus',
  eventKind: ACTION,
  stages: ENROLLED_STAGES,
  check: checkCommunityReferralStatus,
  apply: updateCommunityReferral,
  route: {
    path: 'community-referrals/:communityReferralId/status',
    summary: 'Update a closed-loop referral’s status (sent, accepted, declined, in progress, completed, closed with a reason)',
    roles: PLAN_OR_PROVIDER,
    // ECM-RULES has no rule of its own for closed-loop referrals; they are ECM services, so R-OPT-IN gates them.
    rules: ['R-OPT-IN'],
    body: (k) =>
      k.z
        .strictObject({
          status: k.z.enum(COMMUNITY_REFERRAL_STATUSES),
          at: k.instant,
          closureReason: k.z.enum(LOOP_CLOSURE_REASONS).optional(),
          note: k.text({ max: 500 }).optional(),
        })
        .refine((b) => b.status !== 'closed' || b.closureReason !== undefined, k.reasonRequired('closing a referral’s loop needs a closureReason')),
    toInput: (b, actionKey, params) => ({ actionKey, communityReferralId: params?.communityReferralId ?? '', ...b }),
  },
  projection: 'community-referral',
});
