import { CALIFORNIA_BUSINESS_CALENDAR, type BusinessCalendar, type DueSpec } from '../calendar';
import { DEADLINE_RULES, type DeadlineRuleId } from './rules';
import type { UnitRounding } from '../billing/service-units';
import type { CodingTable } from '../billing/claim-coding';

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
  /** Issue 13: how service minutes become units (R-PAY-6U) and how claims are coded; absent reads {@link DEFAULT_BILLING}. */
  readonly billing?: BillingPolicy;
}

/** A plan's billing choices (Guide §14, CalOptima FAQ Q16). */
export interface BillingPolicy {
  /** R-PAY-6U: one unit per 15 full minutes (default), or the midpoint (8-minute) rule. */
  readonly unitRounding: UnitRounding;
  /** Whether the plan takes an invoice in the DHCS minimum data set from a provider that cannot send claims. */
  readonly takesInvoices: boolean;
  /** Overrides of the default HCPCS coding (src/core/billing/claim-coding.ts). */
  readonly coding: CodingTable;
}

/** The rule book's billing defaults. */
export const DEFAULT_BILLING: BillingPolicy = { unitRounding: 'full-units', takesInvoices: true, coding: {} };

/** The plan's billing choices; a snapshot from before they existed reads the defaults. */
export function billingPolicyOf(policy: Pick<PlanPolicy, 'billing'>): BillingPolicy {
  return policy.billing ?? DEFAULT_BILLING;
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
