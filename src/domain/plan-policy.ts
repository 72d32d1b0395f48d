import { CALIFORNIA_BUSINESS_CALENDAR, type BusinessCalendar, type DueSpec } from '../calendar';
import { DEADLINE_RULES, type DeadlineRuleId } from './rules';

/**
 * What a health plan configures about its journeys. The API resolves it at intake and hands the
 * workflow a snapshot, so a configuration change never rewrites the clocks of a running journey.
 */
export interface PlanPolicy {
  readonly plan: string;
  /** Time zone and holidays that business and calendar days are counted in (ECM-RULES §1). */
  readonly calendar: BusinessCalendar;
  /** Overrides of the default turnaround of a rule; the rule IDs themselves are fixed. */
  readonly turnarounds: Readonly<Partial<Record<DeadlineRuleId, DueSpec>>>;
  /** Whether the plan accepts E-Form submissions as presumptive authorizations (R-AUTH-PRESUMPTIVE). */
  readonly presumptiveAuthorization: boolean;
}

/** Defaults of the rule book: L.A. County practice, California state holidays, Pacific time. */
export function defaultPlanPolicy(plan: string): PlanPolicy {
  return { plan, calendar: CALIFORNIA_BUSINESS_CALENDAR, turnarounds: {}, presumptiveAuthorization: true };
}

/** The turnaround in force for a rule under a plan's policy. */
export function turnaroundOf(policy: PlanPolicy, rule: DeadlineRuleId): DueSpec {
  return policy.turnarounds[rule] ?? DEADLINE_RULES[rule].due;
}
