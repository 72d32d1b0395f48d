/** The zod schema of {@link MemberFacts}: one schema validates the body and types it. */
import { z } from 'zod';
import type { MemberFacts } from '../src/core/eligibility';
import { KNOWN_PROGRAMS } from '../src/core/domain/programs';
import { dateOfBirthSchema, dateSchema } from './timestamp';

const dates = z.array(dateSchema).max(500);

/**
 * Member facts for R-ELIGIBILITY. Strict at every level: a misplaced field (`homeless` beside
 * `housing` instead of in it) is refused by name, never read as "not eligible".
 */
export const memberFactsSchema = z.strictObject({
  dateOfBirth: dateOfBirthSchema,
  enrolledInMediCalManagedCare: z.boolean(),
  shareOfCost: z.enum(['none', 'long_term_care', 'other']),
  housing: z.strictObject({ homeless: z.boolean(), precariouslyHoused: z.boolean().optional(), withDependentChildren: z.boolean().optional() }).optional(),
  complexNeedUnableToSelfManage: z.boolean().optional(),
  edVisits: z.array(z.strictObject({ date: dateSchema, avoidable: z.boolean() })).max(500).optional(),
  unplannedStays: dates.optional(),
  behavioralHealth: z
    .strictObject({
      meetsSmhsOrDmcCriteria: z.boolean(),
      complexSocialFactor: z.boolean(),
      highRisk: z.boolean(),
      crisisAsPrimaryCare: z.boolean(),
      relatedEdVisitsOrAdmissions: dates,
    })
    .optional(),
  incarceration: z.strictObject({ releasedOn: dateSchema, fromYouthFacility: z.boolean(), qualifyingCondition: z.boolean() }).optional(),
  longTermCareRisk: z.strictObject({ meetsSnfLevelOfCare: z.boolean(), complexSocialOrEnvironmentalFactor: z.boolean(), canLiveInCommunityWithSupports: z.boolean() }).optional(),
  nursingFacility: z.strictObject({ resident: z.boolean(), interestedInMovingOut: z.boolean(), likelyToSucceed: z.boolean(), ableToResideContinuously: z.boolean() }).optional(),
  ccs: z.strictObject({ enrolled: z.boolean(), complexSocialFactor: z.boolean() }).optional(),
  childWelfare: z
    .strictObject({
      inFosterCare: z.boolean(),
      fosterCareEndedOn: dateSchema.optional(),
      agedOutOfFosterCare: z.boolean(),
      adoptionAssistance: z.boolean(),
      familyMaintenanceOn: dateSchema.optional(),
    })
    .optional(),
  birthEquity: z.strictObject({ pregnant: z.boolean(), deliveredOn: dateSchema.optional(), inDisparityGroup: z.boolean() }).optional(),
  planAuthorizedBelowThreshold: z.boolean().optional(),
  programs: z.array(z.enum(KNOWN_PROGRAMS)).max(30).optional(),
  continuityOfCare: z.boolean().optional(),
}) satisfies z.ZodType<MemberFacts>;
