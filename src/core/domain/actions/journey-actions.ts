/**
 * Every journey action, in the order the API lists them. The workflow registers an Update handler
 * for each, `src/contracts/member-journey.ts` defines their Updates, and the API builds its routes
 * (so the OpenAPI document and the access matrix) from this list: an action added here is
 * handled, routed, documented and access-checked with no other wiring.
 */
import { assignProviderAction } from './assign-provider';
import { chooseProgramAction } from './choose-program';
import { closeOutreachAction } from './close-outreach';
import { confirmEligibilityAction } from './confirm-eligibility';
import { decideAuthorizationAction } from './decide-authorization';
import { decideReauthorizationAction } from './decide-reauthorization';
import { delayAssessmentAction } from './delay-assessment';
import { discontinueAction } from './discontinue-member';
import { enrollMemberAction } from './enroll-member';
import { logOutreachAttemptAction } from './log-outreach-attempt';
import { nameLeadCareManagerAction } from './name-lead-care-manager';
import { optOutAction } from './opt-out';
import { recordAdtEventAction } from './record-adt-event';
import { recordBehavioralHealthProviderAction } from './record-behavioral-health-provider';
import { recordAssessmentAction } from './record-assessment';
import { recordCarePlanAction } from './record-care-plan';
import { recordCaseConferenceAction } from './record-case-conference';
import { recordPcpChangeAction } from './record-pcp-change';
import { recordProgramFindingsAction } from './record-program-findings';
import { recordServiceAction } from './record-service';
import { referToCommunityServiceAction } from './refer-to-community-service';
import { requestProviderChangeAction } from './request-provider-change';
import { respondToAssignmentAction } from './respond-to-assignment';
import { submitPcqAction } from './submit-pcq';
import { updateCommunityReferralAction } from './update-community-referral';
import { isAlias, type JourneyAction, type JourneyActionAlias } from './journey-action';

export const JOURNEY_ACTIONS = [
  decideAuthorizationAction,
  assignProviderAction,
  respondToAssignmentAction,
  nameLeadCareManagerAction,
  logOutreachAttemptAction,
  closeOutreachAction,
  enrollMemberAction,
  optOutAction,
  recordAssessmentAction,
  delayAssessmentAction,
  recordCarePlanAction,
  submitPcqAction,
  decideReauthorizationAction,
  recordCaseConferenceAction,
  referToCommunityServiceAction,
  updateCommunityReferralAction,
  discontinueAction,
  requestProviderChangeAction,
  recordPcpChangeAction,
  recordProgramFindingsAction,
  confirmEligibilityAction,
  chooseProgramAction,
  recordAdtEventAction,
  recordServiceAction,
  recordBehavioralHealthProviderAction,
] as const;

/** One entry of {@link JOURNEY_ACTIONS}. */
export type JourneyActionEntry = (typeof JOURNEY_ACTIONS)[number];

/** The actions the journey handles as Updates of their own (aliases reuse another's). */
export type HandledJourneyAction = Exclude<JourneyActionEntry, { readonly via: unknown }>;

/** The name of a handled action: its Update's name. */
export type JourneyActionName = HandledJourneyAction['name'];

/** The actions with Update handlers of their own. */
export const HANDLED_JOURNEY_ACTIONS = JOURNEY_ACTIONS.filter((entry): entry is HandledJourneyAction => !isAlias(entry as JourneyAction | JourneyActionAlias));

/** The action an event kind of the care record came from, if a journey action wrote it. */
export function journeyActionOfEventKind(kind: string): JourneyAction | undefined {
  return (HANDLED_JOURNEY_ACTIONS as readonly JourneyAction[]).find((action) => action.eventKind === kind);
}
