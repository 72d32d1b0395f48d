import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysToDate, addMonthsToDate } from '../../src/core/calendar';
import { ageOn, evaluateEligibility, type MemberFacts } from '../../src/core/eligibility';

const AS_OF = '2030-06-15';
const ADULT_DOB = '1980-03-02';
const YOUTH_DOB = '2015-03-02';
const base: MemberFacts = { dateOfBirth: ADULT_DOB, enrolledInMediCalManagedCare: true, shareOfCost: 'none' };
const pof = (facts: MemberFacts, code: string, asOf = AS_OF) => evaluateEligibility(facts, asOf).populationsOfFocus.find((p) => p.code === code)!;
/** `n` dates inside the window (the first on its very edge). */
const datesFrom = (first: string, n: number) => Array.from({ length: n }, (_, i) => addDaysToDate(first, i));

describe('the eligibility engine', () => {
  it('R-ELIGIBILITY: an adult who is homeless with a complex need meets 1a, is eligible, and every POF carries its reasons', () => {
    const e = evaluateEligibility({ ...base, housing: { homeless: true }, complexNeedUnableToSelfManage: true }, AS_OF);
    expect(e).toMatchObject({ eligible: true, age: 50, ageGroup: 'adult', populationsOfFocusMet: ['1a'], ineligibilityReasons: [] });
    expect(e.populationsOfFocus).toHaveLength(10);
    expect(e.populationsOfFocus.every((p) => p.reasons.length > 0)).toBe(true);
    expect(pof({ ...base, housing: { homeless: true } }, '1a')).toMatchObject({ met: false, reasons: expect.arrayContaining(['no complex need they cannot self-manage']) });
  });

  it('R-ELIGIBILITY: 1b takes homeless families and any homeless or precariously housed child, with no complex-need test', () => {
    expect(pof({ ...base, housing: { homeless: true, withDependentChildren: true } }, '1b').met).toBe(true);
    expect(pof({ ...base, housing: { homeless: true } }, '1b').met).toBe(false);
    expect(pof({ ...base, dateOfBirth: YOUTH_DOB, housing: { homeless: false, precariouslyHoused: true } }, '1b').met).toBe(true);
  });

  it('R-ELIGIBILITY: no Medi-Cal managed care, no POF, an excluded program or a non-LTC share of cost each make the member ineligible, with the reason', () => {
    const pofFacts: MemberFacts = { ...base, housing: { homeless: true }, complexNeedUnableToSelfManage: true };
    expect(evaluateEligibility({ ...pofFacts, enrolledInMediCalManagedCare: false }, AS_OF).ineligibilityReasons).toEqual(['not enrolled in Medi-Cal managed care']);
    expect(evaluateEligibility(base, AS_OF).ineligibilityReasons).toEqual(['meets no Population of Focus']);
    expect(evaluateEligibility({ ...pofFacts, shareOfCost: 'other' }, AS_OF).eligible).toBe(false);
    expect(evaluateEligibility({ ...pofFacts, shareOfCost: 'long_term_care' }, AS_OF).eligible).toBe(true);
  });

  it('R-EXCLUDED: each excluded program makes the member ineligible; R-DUPLICATIVE: each duplicative one asks for a choice; complementary ones change nothing', () => {
    const pofFacts: MemberFacts = { ...base, housing: { homeless: true }, complexNeedUnableToSelfManage: true };
    for (const program of ['FIDE-SNP', 'PACE', 'EAE D-SNP', 'non-EAE D-SNP', 'Family Mosaic Project', 'hospice'] as const) {
      const e = evaluateEligibility({ ...pofFacts, programs: [program] }, AS_OF);
      expect([e.eligible, e.exclusions.map((x) => x.program)]).toEqual([false, [program]]);
    }
    for (const program of ['MSSP', 'ALW', 'HCBA waiver', 'HIV/AIDS waiver', 'HCBS waiver for I/DD', 'Self-Determination Program', 'LGA TCM', 'Complex Care Management (CCM)', 'CCT', 'Money Follows the Person'] as const) {
      const e = evaluateEligibility({ ...pofFacts, programs: [program] }, AS_OF);
      expect([e.eligible, e.requiresProgramChoice, e.duplications.map((x) => x.program)]).toEqual([true, true, [program]]);
    }
    const e = evaluateEligibility({ ...pofFacts, programs: ['IHSS', 'CCS', 'Regional Centers'] }, AS_OF);
    expect([e.eligible, e.requiresProgramChoice, e.complementary]).toEqual([true, false, ['IHSS', 'CCS', 'Regional Centers']]);
  });

  it('R-CONTINUITY: a member with ECM in their previous plan is eligible without re-proving a Population of Focus', () => {
    const e = evaluateEligibility({ ...base, continuityOfCare: true }, AS_OF);
    expect([e.eligible, e.populationsOfFocusMet]).toEqual([true, []]);
    expect(e.eligibilityReasons.join(' ')).toContain('R-CONTINUITY');
  });

  it('R-AGE-21: the day before the 21st birthday is child/youth, the birthday itself adult; a 29 February birth turns 21 on 1 March of a common year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1960, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (year, month, day) => {
        const dob = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const birthday = `${year + 21}${dob.slice(4)}`;
        expect(ageOn(dob, addDaysToDate(birthday, -1))).toBe(20);
        expect(ageOn(dob, birthday)).toBe(21);
        expect(evaluateEligibility({ ...base, dateOfBirth: dob }, addDaysToDate(birthday, -1)).ageGroup).toBe('child_youth');
        expect(evaluateEligibility({ ...base, dateOfBirth: dob }, birthday).ageGroup).toBe('adult');
      }),
    );
    // Born 2008-02-29: 2029 is a common year, so 21 on 2029-03-01; 2032 would be a leap year.
    expect([ageOn('2008-02-29', '2029-02-28'), ageOn('2008-02-29', '2029-03-01')]).toEqual([20, 21]);
    expect([ageOn('2012-02-29', '2033-02-28'), ageOn('2012-02-29', '2033-03-01')]).toEqual([20, 21]);
  });

  it('R-ELIGIBILITY: POF 2 for adults needs 5 avoidable ED visits or 3 unplanned stays within 6 months, counting a visit on the window’s first day and not the day before', () => {
    const windowStart = addMonthsToDate(AS_OF, -6);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 6 }), fc.boolean(), (visits, outside, avoidable) => {
        const edVisits = [
          ...datesFrom(windowStart, visits).map((date) => ({ date, avoidable })),
          ...datesFrom(addDaysToDate(windowStart, -outside - 1), outside).map((date) => ({ date, avoidable: true })),
        ];
        expect(pof({ ...base, edVisits }, '2').met).toBe(avoidable && visits >= 5);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), (stays) => {
        expect(pof({ ...base, unplannedStays: datesFrom(windowStart, stays) }, '2').met).toBe(stays >= 3);
        expect(pof({ ...base, unplannedStays: datesFrom(addDaysToDate(windowStart, -stays - 1), stays) }, '2').met).toBe(false);
      }),
    );
    expect(pof({ ...base, planAuthorizedBelowThreshold: true }, '2').met).toBe(true);
  });

  it('R-ELIGIBILITY: POF 2 for youth needs 3 ED visits (any) or 2 unplanned stays within 12 months', () => {
    const youth: MemberFacts = { ...base, dateOfBirth: YOUTH_DOB };
    const windowStart = addMonthsToDate(AS_OF, -12);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 4 }), (visits, stays) => {
        const facts = { ...youth, edVisits: datesFrom(windowStart, visits).map((date) => ({ date, avoidable: false })), unplannedStays: datesFrom(windowStart, stays) };
        expect(pof(facts, '2').met).toBe(visits >= 3 || stays >= 2);
      }),
    );
    expect(pof({ ...youth, unplannedStays: [addDaysToDate(windowStart, -1), addDaysToDate(windowStart, -2)] }, '2').met).toBe(false);
  });

  it('R-ELIGIBILITY: POF 3 for adults needs criteria, a social factor and risk, or 2 BH events within 12 months; youth need only the criteria', () => {
    const windowStart = addMonthsToDate(AS_OF, -12);
    const bh = { meetsSmhsOrDmcCriteria: true, complexSocialFactor: true, highRisk: false, crisisAsPrimaryCare: false };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), (events) => {
        expect(pof({ ...base, behavioralHealth: { ...bh, relatedEdVisitsOrAdmissions: datesFrom(windowStart, events) } }, '3').met).toBe(events >= 2);
      }),
    );
    expect(pof({ ...base, behavioralHealth: { ...bh, relatedEdVisitsOrAdmissions: [addDaysToDate(windowStart, -1), windowStart] } }, '3').met).toBe(false);
    expect(pof({ ...base, behavioralHealth: { ...bh, highRisk: true, relatedEdVisitsOrAdmissions: [] } }, '3').met).toBe(true);
    expect(pof({ ...base, behavioralHealth: { ...bh, complexSocialFactor: false, highRisk: true, relatedEdVisitsOrAdmissions: [] } }, '3').met).toBe(false);
    expect(pof({ ...base, dateOfBirth: YOUTH_DOB, behavioralHealth: { ...bh, complexSocialFactor: false, relatedEdVisitsOrAdmissions: [] } }, '3').met).toBe(true);
  });

  it('R-ELIGIBILITY: POF 4 counts a release on the first day of the 12-month window and not the day before', () => {
    const windowStart = addMonthsToDate(AS_OF, -12);
    expect(pof({ ...base, incarceration: { releasedOn: windowStart, fromYouthFacility: false, qualifyingCondition: true } }, '4').met).toBe(true);
    expect(pof({ ...base, incarceration: { releasedOn: addDaysToDate(windowStart, -1), fromYouthFacility: false, qualifyingCondition: true } }, '4').met).toBe(false);
    expect(pof({ ...base, incarceration: { releasedOn: windowStart, fromYouthFacility: false, qualifyingCondition: false } }, '4').met).toBe(false);
    const youth = { ...base, dateOfBirth: YOUTH_DOB };
    expect(pof({ ...youth, incarceration: { releasedOn: windowStart, fromYouthFacility: true, qualifyingCondition: false } }, '4').met).toBe(true);
  });

  it('R-ELIGIBILITY: POF 5, 6 and 7 apply their criteria to adults (5, 6) and to children and youth (7) only', () => {
    const ltc = { meetsSnfLevelOfCare: true, complexSocialOrEnvironmentalFactor: true, canLiveInCommunityWithSupports: true };
    expect(pof({ ...base, longTermCareRisk: ltc }, '5').met).toBe(true);
    expect(pof({ ...base, dateOfBirth: YOUTH_DOB, longTermCareRisk: ltc }, '5').met).toBe(false);
    const nf = { resident: true, interestedInMovingOut: true, likelyToSucceed: true, ableToResideContinuously: true };
    expect(pof({ ...base, nursingFacility: nf }, '6').met).toBe(true);
    expect(pof({ ...base, nursingFacility: { ...nf, likelyToSucceed: false } }, '6').met).toBe(false);
    expect(pof({ ...base, dateOfBirth: YOUTH_DOB, ccs: { enrolled: true, complexSocialFactor: true } }, '7').met).toBe(true);
    expect(pof({ ...base, ccs: { enrolled: true, complexSocialFactor: true } }, '7').met).toBe(false);
  });

  it('R-ELIGIBILITY: POF 8 — foster care within 12 months, aged out up to 26, Adoption Assistance and Family Maintenance under 18, each at its edge', () => {
    const cw = { inFosterCare: false, agedOutOfFosterCare: false, adoptionAssistance: false };
    const youth = { ...base, dateOfBirth: YOUTH_DOB };
    const windowStart = addMonthsToDate(AS_OF, -12);
    expect(pof({ ...youth, childWelfare: { ...cw, fosterCareEndedOn: windowStart } }, '8').met).toBe(true);
    expect(pof({ ...youth, childWelfare: { ...cw, fosterCareEndedOn: addDaysToDate(windowStart, -1) } }, '8').met).toBe(false);
    // Aged out of foster care: met the day before the 26th birthday, not on it.
    const born = '2004-06-16';
    expect(pof({ ...base, dateOfBirth: born, childWelfare: { ...cw, agedOutOfFosterCare: true } }, '8', '2030-06-15').met).toBe(true);
    expect(pof({ ...base, dateOfBirth: born, childWelfare: { ...cw, agedOutOfFosterCare: true } }, '8', '2030-06-16').met).toBe(false);
    // Under 18: met the day before the 18th birthday, not on it.
    const teen = '2012-06-16';
    expect(pof({ ...base, dateOfBirth: teen, childWelfare: { ...cw, adoptionAssistance: true } }, '8', '2030-06-15').met).toBe(true);
    expect(pof({ ...base, dateOfBirth: teen, childWelfare: { ...cw, adoptionAssistance: true } }, '8', '2030-06-16').met).toBe(false);
    expect(pof({ ...youth, childWelfare: { ...cw, familyMaintenanceOn: windowStart } }, '8').met).toBe(true);
    expect(pof({ ...youth, childWelfare: { ...cw, familyMaintenanceOn: addDaysToDate(windowStart, -1) } }, '8').met).toBe(false);
  });

  it('R-ELIGIBILITY: POF 9 — pregnant or postpartum through 12 months, in a group subject to disparities', () => {
    const windowStart = addMonthsToDate(AS_OF, -12);
    expect(pof({ ...base, birthEquity: { pregnant: true, inDisparityGroup: true } }, '9').met).toBe(true);
    expect(pof({ ...base, birthEquity: { pregnant: true, inDisparityGroup: false } }, '9').met).toBe(false);
    expect(pof({ ...base, birthEquity: { pregnant: false, deliveredOn: windowStart, inDisparityGroup: true } }, '9').met).toBe(true);
    expect(pof({ ...base, birthEquity: { pregnant: false, deliveredOn: addDaysToDate(windowStart, -1), inDisparityGroup: true } }, '9').met).toBe(false);
  });

  it('R-ELIGIBILITY: the engine is deterministic — the same facts and date always give the same answer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.boolean(), fc.boolean(), (visits, homeless, complex) => {
        const facts: MemberFacts = { ...base, housing: { homeless }, complexNeedUnableToSelfManage: complex, edVisits: datesFrom('2030-03-01', visits).map((date) => ({ date, avoidable: true })) };
        expect(evaluateEligibility(facts, AS_OF)).toEqual(evaluateEligibility(structuredClone(facts), AS_OF));
      }),
    );
  });
});
