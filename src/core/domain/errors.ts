/**
 * Why the journey refused an action. The string travels as the Temporal failure type and becomes
 * the API's machine-readable `code`, so it is a contract with callers.
 */
export const JourneyErrorCode = {
  WrongStage: 'wrong_stage',
  TimestampInFuture: 'timestamp_in_future',
  TimestampBeforeJourney: 'timestamp_before_journey',
  TimestampOutOfOrder: 'timestamp_out_of_order',
  ReasonRequired: 'reason_required',
  DeclineWindowClosed: 'decline_window_closed',
  ProviderAlreadyDeclined: 'provider_already_declined',
  IdempotencyKeyReused: 'idempotency_key_reused',
  OutreachRequirementNotMet: 'outreach_requirement_not_met',
  /** R-UNREACHABLE: an attempt reached the member, who is therefore not unreachable. */
  MemberWasReached: 'member_was_reached',
  PcqWindowNotOpen: 'pcq_window_not_open',
  GraduationRequirementsNotMet: 'graduation_requirements_not_met',
  CarePlanNotSmart: 'care_plan_not_smart',
  NoPendingProgramChoice: 'no_pending_program_choice',
  DelayNotAllowed: 'delay_not_allowed',
  AlreadyRecorded: 'already_recorded',
  /** R-BH-ASSIGN: the member goes to their county behavioural-health provider, a contracted ECM provider, unless they prefer otherwise. */
  BehavioralHealthProviderRequired: 'behavioral_health_provider_required',
  /** No closed-loop referral of the member has that ID. */
  CommunityReferralNotFound: 'community_referral_not_found',
  /** The referral's loop is closed (declined, completed or closed), or the status cannot follow its current one. */
  ReferralStatusNotAllowed: 'referral_status_not_allowed',
} as const;

/** One of {@link JourneyErrorCode}. */
export type JourneyErrorCode = (typeof JourneyErrorCode)[keyof typeof JourneyErrorCode];

/** An action that breaks a rule of the journey; thrown by pure domain checks, carried to the caller as its code. */
export class JourneyRuleViolation extends Error {
  override readonly name = 'JourneyRuleViolation';
  constructor(
    readonly code: JourneyErrorCode,
    message: string,
  ) {
    super(message);
  }
}
