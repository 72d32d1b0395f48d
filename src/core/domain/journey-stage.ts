/**
 * The public stages of a member's ECM journey (ECM-RULES §5). The API returns the stage and the
 * `EcmStage` search attribute carries it, so these strings are a contract: never rename one.
 */
export const JOURNEY_STAGES = [
  'REFERRED',
  'AUTHORIZED',
  'ASSIGNED',
  'OUTREACH',
  'ENROLLED',
  'ASSESSMENT',
  'CARE_PLANNING',
  'ACTIVE',
  'REAUTH_REVIEW',
  'DENIED',
  'DECLINED',
  'UNREACHABLE',
  'GRADUATED',
  'DISCONTINUED',
  'TRANSFERRED',
] as const;

export type JourneyStage = (typeof JOURNEY_STAGES)[number];

/** Stages that end the journey: the workflow completes when it reaches one. */
export const TERMINAL_STAGES = [
  'DENIED',
  'DECLINED',
  'UNREACHABLE',
  'GRADUATED',
  'DISCONTINUED',
  'TRANSFERRED',
] as const satisfies readonly JourneyStage[];

/** Stages after authorization in which the journey is still open. */
export const AUTHORIZED_STAGES = ['AUTHORIZED', 'ASSIGNED', 'OUTREACH', 'ENROLLED', 'ASSESSMENT', 'CARE_PLANNING', 'ACTIVE', 'REAUTH_REVIEW'] as const satisfies readonly JourneyStage[];
/** Stages in which a provider is assigned, so the member has one to change from, and the journey is open. */
export const PROVIDER_STAGES = ['ASSIGNED', 'OUTREACH', 'ENROLLED', 'ASSESSMENT', 'CARE_PLANNING', 'ACTIVE', 'REAUTH_REVIEW'] as const satisfies readonly JourneyStage[];
/** Stages in which the member is enrolled (opted in) and the journey is open. */
export const ENROLLED_STAGES = ['ENROLLED', 'ASSESSMENT', 'CARE_PLANNING', 'ACTIVE', 'REAUTH_REVIEW'] as const satisfies readonly JourneyStage[];

export function isTerminalStage(stage: JourneyStage): boolean {
  return (TERMINAL_STAGES as readonly JourneyStage[]).includes(stage);
}
