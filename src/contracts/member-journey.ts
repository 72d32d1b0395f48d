/**
 * The journey workflow's public surface — type name, ID scheme, updates and query — defined once
 * here and imported by the API, so names cannot drift between caller and workflow.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AssessmentDelayInput,
  AssessmentInput,
  AssignmentResponseInput,
  AuthorizationDecisionInput,
  CarePlanInput,
  CaseConferenceInput,
  CloseOutreachInput,
  DiscontinuationInput,
  EnrollmentInput,
  JourneyStart,
  LeadCareManagerInput,
  OptOutInput,
  OutreachAttemptInput,
  PcpChangeInput,
  PcqInput,
  ProgramChoiceInput,
  ProgramFindingsInput,
  AdtEventInput,
  ProviderAssignmentInput,
  ProviderChangeInput,
  ReauthorizationInput,
} from '../core/domain/actions';
import type { ActionResult, JourneyState, JourneyView } from '../core/domain/journey-state';
import type { JourneyStage } from '../core/domain/journey-stage';
import type { ReferralRecord } from '../core/domain/referral-record';

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
  readonly referralRecord?: ReferralRecord;
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

export const logOutreachAttemptUpdate = defineUpdate<ActionResult, [OutreachAttemptInput]>('logOutreachAttempt');
export const closeOutreachUpdate = defineUpdate<ActionResult, [CloseOutreachInput]>('closeOutreach');
export const enrollMemberUpdate = defineUpdate<ActionResult, [EnrollmentInput]>('enrollMember');
export const optOutUpdate = defineUpdate<ActionResult, [OptOutInput]>('optOut');
export const recordAssessmentUpdate = defineUpdate<ActionResult, [AssessmentInput]>('recordAssessment');
export const delayAssessmentUpdate = defineUpdate<ActionResult, [AssessmentDelayInput]>('delayAssessment');
export const recordCarePlanUpdate = defineUpdate<ActionResult, [CarePlanInput]>('recordCarePlan');
export const submitPcqUpdate = defineUpdate<ActionResult, [PcqInput]>('submitPcq');
export const decideReauthorizationUpdate = defineUpdate<ActionResult, [ReauthorizationInput]>('decideReauthorization');
export const recordCaseConferenceUpdate = defineUpdate<ActionResult, [CaseConferenceInput]>('recordCaseConference');
export const discontinueUpdate = defineUpdate<ActionResult, [DiscontinuationInput]>('discontinue');
export const requestProviderChangeUpdate = defineUpdate<ActionResult, [ProviderChangeInput]>('requestProviderChange');
export const recordPcpChangeUpdate = defineUpdate<ActionResult, [PcpChangeInput]>('recordPcpChange');
export const recordProgramFindingsUpdate = defineUpdate<ActionResult, [ProgramFindingsInput]>('recordProgramFindings');
/** An ADT event for this member: starts or feeds a transitional-care child workflow. */
export const recordAdtEventUpdate = defineUpdate<ActionResult, [AdtEventInput]>('recordAdtEvent');
export const chooseProgramUpdate = defineUpdate<ActionResult, [ProgramChoiceInput]>('chooseProgram');

/** The journey's state: stage, parties, and every deadline with its rule, due instant and status. */
export const journeyStateQuery = defineQuery<JourneyView>('journeyState');
