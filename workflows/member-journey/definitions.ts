/**
 * The journey workflow's public surface — type name, ID scheme, updates and query — defined once
 * here and imported by the API, so names cannot drift between caller and workflow.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AssignmentResponseInput,
  AuthorizationDecisionInput,
  JourneyStart,
  LeadCareManagerInput,
  ProviderAssignmentInput,
} from '../../src/domain/actions';
import type { ActionResult, JourneyState, JourneyView } from '../../src/domain/journey-state';
import type { JourneyStage } from '../../src/domain/journey-stage';
import type { ReferralRecord } from '../../activities/care-record/types';

/** Registered workflow type name. */
export const MEMBER_JOURNEY_WORKFLOW = 'memberJourney';

/** One journey per member at a time; the ID carries only the opaque member ID. */
export function memberJourneyWorkflowId(memberId: string): string {
  return `member-journey-${memberId}`;
}

/** The workflow's input. `carriedState` is set only by continue-as-new. */
export interface MemberJourneyInput {
  readonly start: JourneyStart;
  /** The referral as the care record stores it (demographics included); written once by an activity. */
  readonly referralRecord: ReferralRecord;
  readonly carriedState?: JourneyState;
}

/** What a finished journey returns. */
export interface MemberJourneyOutcome {
  readonly memberId: string;
  readonly stage: JourneyStage;
}

export const decideAuthorizationUpdate = defineUpdate<ActionResult, [AuthorizationDecisionInput]>('decideAuthorization');
export const assignProviderUpdate = defineUpdate<ActionResult, [ProviderAssignmentInput]>('assignProvider');
export const respondToAssignmentUpdate = defineUpdate<ActionResult, [AssignmentResponseInput]>('respondToAssignment');
export const nameLeadCareManagerUpdate = defineUpdate<ActionResult, [LeadCareManagerInput]>('nameLeadCareManager');

/** The journey's state: stage, parties, and every deadline with its rule, due instant and status. */
export const journeyStateQuery = defineQuery<JourneyView>('journeyState');
