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
  /**
   * How the plan reads R-OUTREACH-30D where the Guide lets it choose. Absent in the snapshots of
   * journeys started before plans could set it; those read the Guide's default ({@link outreachPolicyOf}).
   */
  readonly outreach?: OutreachPolicy;
  /** Issue 14: how long before a rule's deadline it is due soon (default: 24 h or 2 business days; see due-soon.ts). */
  readonly dueSoon?: Readonly<Partial<Record<DeadlineRuleId, DueSpec>>>;
}

/** A plan's reading of R-OUTREACH-30D. */
export interface OutreachPolicy {
  /** Different outreach methods the attempts must use: at least five (Guide §8.1), or fewer if the plan says so. */
  readonly distinctMethods: number;
}

/** R-OUTREACH-30D: the Guide's "at least five different outreach methods" (§8.1), the most a plan may ask. */
export const GUIDE_DISTINCT_OUTREACH_METHODS = 5;

/** Defaults of the rule book: L.A. County practice, California state holidays, Pacific time. */
export function defaultPlanPolicy(plan: string): PlanPolicy {
  return {
    plan,
    calendar: CALIFORNIA_BUSINESS_CALENDAR,
    turnarounds: {},
    presumptiveAuthorization: true,
    outreach: { distinctMethods: GUIDE_DISTINCT_OUTREACH_METHODS },
  };
}

/** The plan's reading of R-OUTREACH-30D; a snapshot from before the field existed reads the Guide's. */
export function outreachPolicyOf(policy: PlanPolicy): OutreachPolicy {
  return policy.outreach ?? { distinctMethods: GUIDE_DISTINCT_OUTREACH_METHODS };
}

/** The turnaround in force for a rule under a plan's policy. */
export function turnaroundOf(policy: PlanPolicy, rule: DeadlineRuleId): DueSpec {
  return policy.turnarounds[rule] ?? DEADLINE_RULES[rule].due;
}
