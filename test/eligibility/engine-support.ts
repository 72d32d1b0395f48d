/** Shared builders for the eligibility engine's tests (src/eligibility/engine). */
import fc from 'fast-check';
import { addDaysToDate, fromEpochDay, toEpochDay } from '../../src/calendar';
import {
  BEHAVIORAL_HEALTH_RISKS,
  COMPLEX_NEEDS,
  COMPLEX_SOCIAL_FACTORS,
  type EligibilityEvaluation,
  type EligibilityFacts,
  evaluateEligibility,
  HOMELESS_CONDITIONS,
  KNOWN_PROGRAMS,
  type PopulationOfFocusCode,
  type PopulationOfFocusFinding,
  REENTRY_CONDITIONS,
  SHARE_OF_COST,
  STAY_SETTINGS,
  UNSTABLE_HOUSING,
} from '../../src/eligibility/engine';

/** The evaluation date most hand-computed cases use. */
export const AS_OF = '2026-06-15';
/** 46 on {@link AS_OF}. */
export const ADULT_DOB = '1980-03-02';
/** 11 on {@link AS_OF}. */
export const YOUTH_DOB = '2015-03-02';

/** An adult enrolled in managed care, no share of cost, nothing else known. */
export const ADULT: EligibilityFacts = { dateOfBirth: ADULT_DOB, enrolledInMediCalManagedCare: true, shareOfCost: 'none' };
/** The same, as a child. */
export const YOUTH: EligibilityFacts = { ...ADULT, dateOfBirth: YOUTH_DOB };
/** An adult who meets POF 1a and nothing else. */
export const HOMELESS_ADULT: EligibilityFacts = {
  ...ADULT,
  housing: { homelessConditions: ['place_not_meant_for_sleeping'] },
  complexNeedsNotSelfManaged: ['behavioral'],
};

/** The finding for one POF. */
export function pof(facts: EligibilityFacts, code: PopulationOfFocusCode, asOf = AS_OF): PopulationOfFocusFinding {
  const found = evaluateEligibility(facts, asOf).populationsOfFocus.find((p) => p.code === code);
  if (!found) throw new Error(`no finding for POF ${code}`);
  return found;
}

/** Evaluates and returns only the codes met. */
export function met(facts: EligibilityFacts, asOf = AS_OF): EligibilityEvaluation['populationsOfFocusMet'] {
  return evaluateEligibility(facts, asOf).populationsOfFocusMet;
}

/** `n` consecutive dates, starting at `first`. */
export function datesFrom(first: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => addDaysToDate(first, i));
}

/** A date between 1990 and 2035. */
export const dateArb = fc.integer({ min: toEpochDay('1990-01-01'), max: toEpochDay('2035-12-31') }).map(fromEpochDay);

const subset = <T>(values: readonly T[]) => fc.subarray([...values]);

/** Any facts the schema allows, dates from 1990 to 2035 (the date of birth up to 2030). */
export const factsArb: fc.Arbitrary<EligibilityFacts> = fc.record(
  {
    dateOfBirth: fc.integer({ min: toEpochDay('1990-01-01'), max: toEpochDay('2030-12-31') }).map(fromEpochDay),
    enrolledInMediCalManagedCare: fc.boolean(),
    shareOfCost: fc.constantFrom(...SHARE_OF_COST),
    programs: subset(KNOWN_PROGRAMS),
    continuityOfCare: fc.boolean(),
    ecmEnrolledSince: dateArb,
    housing: fc.record(
      {
        homelessConditions: subset(HOMELESS_CONDITIONS),
        housingLossExpectedOn: dateArb,
        unstableHousing: subset(UNSTABLE_HOUSING),
        householdHasMemberUnder21: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    complexNeedsNotSelfManaged: subset(COMPLEX_NEEDS),
    complexSocialFactors: subset(COMPLEX_SOCIAL_FACTORS),
    edVisits: fc.array(fc.record({ date: dateArb, avoidable: fc.boolean(), behavioralHealth: fc.boolean() }), { maxLength: 12 }),
    facilityStays: fc.array(
      fc.record({ admittedOn: dateArb, setting: fc.constantFrom(...STAY_SETTINGS), unplanned: fc.boolean(), avoidable: fc.boolean(), behavioralHealth: fc.boolean() }),
      { maxLength: 8 },
    ),
    planAuthorizedBelowThreshold: fc.boolean(),
    behavioralHealth: fc.record(
      { meetsSmhsCriteria: fc.boolean(), meetsDmcOrDmcOdsCriteria: fc.boolean(), highRisks: subset(BEHAVIORAL_HEALTH_RISKS), crisisCareIsPrimarySource: fc.boolean() },
      { requiredKeys: [] },
    ),
    incarceration: fc.record({ releasedOn: dateArb, releasedFromYouthFacilityOn: dateArb, conditions: subset(REENTRY_CONDITIONS) }, { requiredKeys: [] }),
    communityLongTermCare: fc.record(
      { meetsSnfLevelOfCare: fc.boolean(), needsLowerAcuitySkilledNursing: fc.boolean(), canResideInCommunityWithWraparound: fc.boolean() },
      { requiredKeys: [] },
    ),
    nursingFacility: fc.record(
      { interestedInMovingOut: fc.boolean(), likelyToTransitionSuccessfully: fc.boolean(), ableToResideContinuouslyInCommunity: fc.boolean() },
      { requiredKeys: [] },
    ),
    childWelfare: fc.record(
      {
        inFosterCareInCalifornia: fc.boolean(),
        fosterCareEndedOn: dateArb,
        agedOutOfFosterCare: fc.boolean(),
        adoptionAssistance: fc.boolean(),
        inFamilyMaintenance: fc.boolean(),
        familyMaintenanceEndedOn: dateArb,
      },
      { requiredKeys: [] },
    ),
    pregnancy: fc.record({ pregnant: fc.boolean(), endedOn: dateArb, inMaternalDisparityGroup: fc.boolean() }, { requiredKeys: [] }),
  },
  { requiredKeys: ['dateOfBirth', 'enrolledInMediCalManagedCare', 'shareOfCost'] },
);

/** Facts and an evaluation date on or after the date of birth (up to 30 years later). */
export const factsAndAsOfArb = factsArb.chain((facts) =>
  fc.integer({ min: 0, max: 30 * 366 }).map((days) => ({ facts, asOf: addDaysToDate(facts.dateOfBirth, days) })),
);
