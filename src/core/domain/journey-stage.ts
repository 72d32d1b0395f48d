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

/** One of {@link JOURNEY_STAGES}. */
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

/** True when the journey has ended. */
export function isTerminalStage(stage: JourneyStage): boolean {
  return (TERMINAL_STAGES as readonly JourneyStage[]).includes(stage);
}
