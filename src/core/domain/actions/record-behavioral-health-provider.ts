import type { CountyBehavioralHealthProvider, MemberProviderPreference } from '../county-behavioral-health';
import type { JourneyState } from '../journey-state';
import { AUTHORIZED_STAGES, answer, checkTimestamp, inPlanTime, requireStage, type ActionEnvelope, type Transition } from './action-support';
import { PLAN } from '../../roles';
import { journeyAction } from './journey-action';

/** The plan learned (or learned more about) the member's county behavioural-health provider. */
export interface BehavioralHealthProviderInput extends ActionEnvelope {
  readonly providerId: string;
  readonly contractedEcmProvider: boolean;
  readonly memberPrefersOtherProvider?: MemberProviderPreference;
  readonly at: string;
}

const ACTION = 'behavioral-health-provider';
const STAGES = ['REFERRED', ...AUTHORIZED_STAGES] as const;

/** Refuses an update that does not fit. */
export function checkBehavioralHealthProvider(state: JourneyState, input: BehavioralHealthProviderInput, nowMs: number): void {
  requireStage(state, STAGES, 'Recording the county behavioural-health provider');
  checkTimestamp(state, input.at, nowMs);
}

/**
 * R-BH-ASSIGN: replaces what the journey knows of the member's county behavioural-health provider,
 * the member's documented preference included (an update without one withdraws an earlier one). It
 * binds the next assignment; a member already assigned keeps their provider.
 */
export function recordBehavioralHealthProvider(state: JourneyState, input: BehavioralHealthProviderInput, nowMs: number): Transition {
  checkBehavioralHealthProvider(state, input, nowMs);
  const at = inPlanTime(state, Date.parse(input.at));
  const preference = input.memberPrefersOtherProvider;
  const county: CountyBehavioralHealthProvider = {
    providerId: input.providerId,
    contractedEcmProvider: input.contractedEcmProvider,
    ...(preference ? { memberPrefersOtherProvider: { documentedAt: inPlanTime(state, Date.parse(preference.documentedAt)), reason: preference.reason } } : {}),
    recordedAt: at,
  };
  return answer({ ...state, countyBehavioralHealthProvider: county }, ACTION, at);
}

/** R-BH-ASSIGN: the member's county behavioural-health provider (an eligibility-facts update). */
export const recordBehavioralHealthProviderAction = journeyAction({
  name: 'recordBehavioralHealthProvider',
  eventKind: ACTION,
  stages: STAGES,
  check: checkBehavioralHealthProvider,
  apply: recordBehavioralHealthProvider,
  route: {
    path: 'behavioral-health-provider',
    summary: 'The member’s county behavioural-health provider, whether it is a contracted ECM provider, and the member’s preference',
    roles: PLAN,
    rules: ['R-BH-ASSIGN'],
    body: (k) =>
      k.z
        .strictObject({
          providerId: k.text({ max: 64 }),
          contractedEcmProvider: k.z.boolean(),
          memberPrefersOtherProvider: k.z.strictObject({ documentedAt: k.instant, reason: k.text({ max: 500 }) }).optional(),
          at: k.instant,
        })
        .refine((b) => !b.memberPrefersOtherProvider || Date.parse(b.memberPrefersOtherProvider.documentedAt) <= Date.parse(b.at), {
          path: ['memberPrefersOtherProvider', 'documentedAt'],
          message: 'must not be after at',
        }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
});
