/**
 * Per-plan configuration: a plan overrides its time zone, holidays, turnarounds or its reading of
 * R-OUTREACH-30D here, never in code. Plans not listed get the rule book's defaults.
 */
import { z } from 'zod';
import { CALIFORNIA_BUSINESS_CALENDAR, validateBusinessCalendar, type HolidayRule } from './calendar';
import { CORE_SERVICES, UNIT_ROUNDINGS } from './billing/service-units';
import { defaultPlanPolicy, DEFAULT_BILLING, GUIDE_DISTINCT_OUTREACH_METHODS, type PlanPolicy } from './domain/plan-policy';
import { OUTREACH_METHODS } from './domain/outreach-attempt';
import { DEADLINE_RULES, type DeadlineRuleId } from './domain/rules';
import { noticeTemplateSchema } from './notices/notice-template';
import { assertTimeZone } from './calendar';
import { hl7FeedsSchema, type Hl7FeedConfig } from './adt/hl7-feeds';
import { providerDirectorySchema } from './provider-directory';
import { planReportsSchema } from './reports/report-templates';
import { mifMappingSchema } from './mif/mif-columns';

const dueSpecSchema = z.discriminatedUnion('unit', [
  z.object({ unit: z.literal('hours'), amount: z.number().int().positive() }),
  z.object({ unit: z.literal('calendar-days'), amount: z.number().int().positive() }),
  z.object({ unit: z.literal('business-days'), amount: z.number().int().positive() }),
]);

const claimCodeSchema = z.strictObject({ hcpcs: z.string().regex(/^[A-Z]\d{4}$/), modifiers: z.array(z.string().regex(/^[A-Z0-9]{2}$/)).max(4) });
const billingPolicySchema = z.strictObject({
  unitRounding: z.enum(UNIT_ROUNDINGS).optional(),
  takesInvoices: z.boolean().optional(),
  coding: z.partialRecord(z.templateLiteral([z.enum(CORE_SERVICES), ':', z.enum(['in_person', 'remote'])]), claimCodeSchema).optional(),
});

const ruleIds = Object.keys(DEADLINE_RULES) as [DeadlineRuleId, ...DeadlineRuleId[]];

const planPolicySchema = z.object({
  /** The monthly files' templates (RTF, OTF, Staffing and Capacity; src/core/reports). */
  reports: planReportsSchema.optional(),
  timeZone: z.string().optional(),
  /** Holiday rules in the calendar module's serialisable form. */
  holidays: z.array(z.record(z.string(), z.unknown())).optional(),
  turnarounds: z.partialRecord(z.enum(ruleIds), dueSpecSchema).optional(),
  /** Issue 14: per rule, how long before its deadline it is due soon (worklists, `deadline.due_soon`). */
  dueSoon: z.partialRecord(z.enum(ruleIds), dueSpecSchema).optional(),
  presumptiveAuthorization: z.boolean().optional(),
  outreach: z
    .object({
      // R-OUTREACH-30D: the Guide asks for five different methods; a plan may ask fewer, never more.
      distinctMethods: z.number().int().min(1).max(Math.min(GUIDE_DISTINCT_OUTREACH_METHODS, OUTREACH_METHODS.length)),
    })
    .strict()
    .optional(),
  /** Issue 13: R-PAY-6U's unit rounding, whether the plan takes invoices, and its HCPCS coding (src/core/billing). */
  billing: billingPolicySchema.optional(),
  /** R-DENIAL-NOA: the plan's Notice of Action template (src/core/notices/notice-template.ts). */
  notice: noticeTemplateSchema.optional(),
  /** Issue 12: the plan's Member Information File columns (src/core/mif/mif-columns.ts). */
  mif: mifMappingSchema.optional(),
});

/**
 * Shape of the ECM_PLANS_FILE: plan policies, and the HL7 ADT feeds that carry the plans' members
 * (src/core/adt/hl7-feeds.ts: identifier rules, zone, sending facilities, admit-time policy).
 */
export const planPoliciesFileSchema = z.object({ plans: z.record(z.string(), planPolicySchema), feeds: hl7FeedsSchema.optional(), providers: providerDirectorySchema.optional() });

/** The HL7 feeds by name. */
export type Hl7Feeds = Readonly<Record<string, Hl7FeedConfig>>;

/** Refuses feeds whose zone the calendar does not know (a naive timestamp could not be read). */
export function validateHl7Feeds(feeds: Hl7Feeds): void {
  for (const [name, feed] of Object.entries(feeds)) {
    try {
      if (feed.timeZone !== undefined) assertTimeZone(feed.timeZone);
    } catch (err) {
      throw new Error(`feed ${name}: ${(err as Error).message}`);
    }
  }
}

/** Overrides by plan code. */
export type PlanPolicies = Readonly<Record<string, z.infer<typeof planPolicySchema>>>;

/** The policy snapshot a new journey of this plan starts with. */
export function resolvePlanPolicy(plans: PlanPolicies, plan: string): PlanPolicy {
  const base = defaultPlanPolicy(plan);
  const override = plans[plan];
  if (!override) return base;
  return {
    ...base,
    calendar: {
      timeZone: override.timeZone ?? CALIFORNIA_BUSINESS_CALENDAR.timeZone,
      holidays: (override.holidays as readonly HolidayRule[] | undefined) ?? CALIFORNIA_BUSINESS_CALENDAR.holidays,
    },
    turnarounds: override.turnarounds ?? {},
    presumptiveAuthorization: override.presumptiveAuthorization ?? base.presumptiveAuthorization,
    outreach: override.outreach ?? base.outreach,
    // Only when the plan sets it, so snapshots of plans that do not keep their shape.
    ...(override.dueSoon ? { dueSoon: override.dueSoon } : {}),
    ...(override.billing
      ? { billing: { unitRounding: override.billing.unitRounding ?? DEFAULT_BILLING.unitRounding, takesInvoices: override.billing.takesInvoices ?? DEFAULT_BILLING.takesInvoices, coding: override.billing.coding ?? {} } }
      : {}),
  };
}

/** Refuses plan overrides the calendar cannot count with (unknown zone, malformed holiday rule). */
export function validatePlanPolicies(plans: PlanPolicies): void {
  for (const plan of Object.keys(plans)) {
    try {
      validateBusinessCalendar(resolvePlanPolicy(plans, plan).calendar);
    } catch (err) {
      throw new Error(`plan ${plan}: ${(err as Error).message}`);
    }
  }
}
