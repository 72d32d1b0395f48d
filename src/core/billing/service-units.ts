/**
 * ECM service time (CalOptima FAQ Q16, Guide §8): which of the seven core services a service was,
 * and how its minutes become 15-minute units under the plan's rounding policy.
 */

/** The seven ECM core services of Guide §8. */
export const CORE_SERVICES = [
  'outreach',
  'assessment_and_care_plan',
  'care_coordination',
  'health_promotion',
  'transitional_care',
  'member_and_family_supports',
  'community_referral',
] as const;
export type CoreService = (typeof CORE_SERVICES)[number];

/**
 * How a plan turns minutes into units. `full-units` (the default): one unit per 15 full minutes,
 * as CalOptima FAQ Q16 reads. `midpoint`: the 8-minute rule, a remainder of 8 minutes or more
 * counts as one more unit.
 */
export const UNIT_ROUNDINGS = ['full-units', 'midpoint'] as const;
export type UnitRounding = (typeof UNIT_ROUNDINGS)[number];

/** R-PAY-6U: one unit is 15 minutes of interaction with the member or work on their behalf. */
export const UNIT_MINUTES = 15;
/** The midpoint rule's threshold: 8 of the 15 minutes. */
export const MIDPOINT_MINUTES = 8;

/** R-PAY-6U: the units of one service of `minutes`, rounded per service (each encounter on its own). */
export function unitsOf(minutes: number, rounding: UnitRounding): number {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`minutes must be a whole number ≥ 0, not ${minutes}`);
  const full = Math.floor(minutes / UNIT_MINUTES);
  if (rounding === 'full-units') return full;
  return full + (minutes % UNIT_MINUTES >= MIDPOINT_MINUTES ? 1 : 0);
}
