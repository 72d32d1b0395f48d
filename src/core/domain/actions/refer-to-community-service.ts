import { COMMUNITY_SERVICE_TYPES, type CommunityReferral, type CommunityServiceType } from '../community-referral';
import type { JourneyState } from '../journey-state';
import { ENROLLED_STAGES, checkTimestamp, inPlanTime, requireStage, type ActionEnvelope, type Transition } from './action-support';
import { PLAN_OR_PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

const ACTION = 'community-referral';

/** A closed-loop referral made for the member (Guide §8.7, §10). */
export interface CommunityReferralInput extends ActionEnvelope {
  /** The organisation the member was referred to (a Community Supports provider, a food bank…). */
  readonly referredTo: string;
  readonly serviceType: CommunityServiceType;
  readonly at: string;
  readonly note?: string;
}

/** Refuses a referral that does not fit: the member must be enrolled and the date sane. */
export function checkCommunityReferral(state: JourneyState, input: CommunityReferralInput, nowMs: number): void {
  requireStage(state, ENROLLED_STAGES, 'Recording a community referral');
  checkTimestamp(state, input.at, nowMs);
}

/** Records the referral, numbered within the journey, as `sent` on its own date. */
export function referToCommunityService(state: JourneyState, input: CommunityReferralInput, nowMs: number): Transition {
  checkCommunityReferral(state, input, nowMs);
  const at = inPlanTime(state, Date.parse(input.at));
  const existing = state.communityReferrals ?? [];
  const referral: CommunityReferral = {
    id: `clr-${existing.length + 1}`,
    referredTo: input.referredTo,
    serviceType: input.serviceType,
    referredAt: at,
    status: 'sent',
    statusAt: at,
    ...(input.note ? { note: input.note } : {}),
  };
  const next: JourneyState = { ...state, communityReferrals: [...existing, referral] };
  return { state: next, effects: [], result: { action: ACTION, stage: next.stage, at, communityReferralId: referral.id } };
}

/** Guide §8.7: a referral to Community Supports or a social service, whose loop the provider then closes. */
export const referToCommunityServiceAction = journeyAction({
  name: 'recordCommunityReferral',
  eventKind: ACTION,
  stages: ENROLLED_STAGES,
  check: checkCommunityReferral,
  apply: referToCommunityService,
  route: {
    path: 'community-referrals',
    summary: 'Record a closed-loop referral to Community Supports or a social service',
    roles: PLAN_OR_PROVIDER,
    // ECM-RULES has no rule of its own for closed-loop referrals; they are ECM services, so R-OPT-IN gates them.
    rules: ['R-OPT-IN'],
    body: (k) =>
      k.z.strictObject({
        referredTo: k.text({ min: 1, max: 200 }),
        serviceType: k.z.enum(COMMUNITY_SERVICE_TYPES),
        at: k.instant,
        note: k.text({ max: 500 }).optional(),
      }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
  projection: 'community-referral',
});
