/**
 * How a member's journey is started, by the API's intake and by an import alike: one open journey
 * per member (a second start fails), a closed one may be followed by a new referral, and the
 * stage and plan are searchable from the first instant.
 */
import { MEMBER_JOURNEY_WORKFLOW, memberJourneyWorkflowId, type MemberJourneyInput } from './member-journey';
import { EcmPlan, EcmStage } from './search-attributes';

/** The start's memo: what a redelivery compares its referral with. */
export interface JourneyStartMemo {
  readonly referralKey: string;
  readonly referralFingerprint: string;
}

/** The workflow type and options of a journey's start. */
export function journeyStart(input: MemberJourneyInput, memo: JourneyStartMemo, taskQueue: string) {
  return {
    workflowType: MEMBER_JOURNEY_WORKFLOW,
    options: {
      taskQueue,
      workflowId: memberJourneyWorkflowId(input.start.memberId),
      args: [input] as [MemberJourneyInput],
      workflowIdConflictPolicy: 'FAIL' as const,
      workflowIdReusePolicy: 'ALLOW_DUPLICATE' as const,
      memo: { ...memo },
      typedSearchAttributes: [
        { key: EcmStage, value: 'REFERRED' },
        { key: EcmPlan, value: input.start.policy.plan },
      ],
      staticSummary: `ECM journey (${input.start.policy.plan})`,
    },
  };
}
