import { EXPEDITED_ASSIGNMENT_DUE } from '../rules';
import { formatInstant, openDeadline } from '../deadline';
import { turnaroundOf, type PlanPolicy } from '../plan-policy';
import type { JourneyState, ReferralFacts } from '../journey-state';
import type { CountyBehavioralHealthProvider } from '../county-behavioral-health';
import { effectiveDateOf, withAgeMilestone, withAuthorizationPeriod } from './authorization-period';

/** What the workflow is started with: opaque identity, the plan's policy snapshot, and the referral. */
export interface JourneyStart {
  readonly memberId: string;
  readonly policy: PlanPolicy;
  readonly referral: ReferralFacts;
  /** R-AGE-21: the local date the journey moves to adult criteria (the 1st of the month after the 21st birthday), set only for members under 21 at referral. */
  readonly turns21On?: string;
  /** R-ELIGIBILITY's verdict at intake, when the referral carried the member's facts. */
  readonly eligibility?: NonNullable<JourneyState['eligibilityFindings']>[number];
  /** R-BH-ASSIGN: the member's county behavioural-health provider, when the referral named one. */
  readonly countyBehavioralHealthProvider?: Omit<CountyBehavioralHealthProvider, 'recordedAt'>;
}

/**
 * The journey's first state. A routine referral starts R-AUTH-ROUTINE, an expedited one
 * R-AUTH-EXPEDITED, and either starts R-ASSIGN on the same turnaround. A contracted provider's
 * E-Form is authorized and assigned to that provider at once (R-AUTH-PRESUMPTIVE), which starts
 * R-LCM-72H from the submission.
 */
export function startJourney(start: JourneyStart): JourneyState {
  const { policy, referral } = start;
  const receivedMs = Date.parse(referral.receivedAt);
  const tz = policy.calendar.timeZone;
  const receivedAt = formatInstant(receivedMs, tz);
  const base: JourneyState = withAgeMilestone({
    schemaVersion: 1,
    memberId: start.memberId,
    ...(start.turns21On ? { turns21On: start.turns21On } : {}),
    ...(start.eligibility ? { eligibilityFindings: [start.eligibility] } : {}),
    ...(start.countyBehavioralHealthProvider ? { countyBehavioralHealthProvider: countyProviderAt(start.countyBehavioralHealthProvider, receivedMs, tz) } : {}),
    policy,
    referral: { ...referral, receivedAt },
    stage: 'REFERRED',
    pastAssignments: [],
    deadlines: [],
    stageHistory: [{ stage: 'REFERRED', at: receivedAt, action: 'referral' }],
    appliedActions: [],
  });

  if (referral.presumptive && referral.referringProviderId) {
    // R-AUTH-PRESUMPTIVE: authorized immediately upon submission; the submitting provider keeps the member.
    return {
      ...withAuthorizationPeriod(base, 'initial', effectiveDateOf(base, receivedMs)),
      stage: 'ASSIGNED',
      authorization: { decision: 'approved', decidedAt: receivedAt, presumptive: true },
      assignment: {
        providerId: referral.referringProviderId,
        assignedAt: receivedAt,
        response: { response: 'accepted', at: receivedAt },
      },
      deadlines: [openDeadline(policy, 'R-LCM-72H', 'R-LCM-72H', receivedMs, turnaroundOf(policy, 'R-LCM-72H'))],
      stageHistory: [
        ...base.stageHistory,
        { stage: 'AUTHORIZED', at: receivedAt, action: 'presumptive-authorization' },
        { stage: 'ASSIGNED', at: receivedAt, action: 'presumptive-authorization' },
      ],
    };
  }

  const authRule = referral.expedited ? 'R-AUTH-EXPEDITED' : 'R-AUTH-ROUTINE';
  const assignDue = referral.expedited ? EXPEDITED_ASSIGNMENT_DUE : turnaroundOf(policy, 'R-ASSIGN');
  return {
    ...base,
    deadlines: [
      openDeadline(policy, authRule, authRule, receivedMs, turnaroundOf(policy, authRule)),
      openDeadline(policy, 'R-ASSIGN', 'R-ASSIGN', receivedMs, assignDue),
    ],
  };
}

/** R-BH-ASSIGN: the referral's county behavioural-health provider, its instants in the plan's time. */
function countyProviderAt(county: NonNullable<JourneyStart['countyBehavioralHealthProvider']>, receivedMs: number, tz: string): CountyBehavioralHealthProvider {
  const preference = county.memberPrefersOtherProvider;
  return {
    providerId: county.providerId,
    contractedEcmProvider: county.contractedEcmProvider,
    ...(preference ? { memberPrefersOtherProvider: { documentedAt: formatInstant(Date.parse(preference.documentedAt), tz), reason: preference.reason } } : {}),
    recordedAt: formatInstant(receivedMs, tz),
  };
}
