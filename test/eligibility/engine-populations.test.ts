import { describe, expect, it } from 'vitest';
import type { EligibilityFacts } from '../../src/eligibility/engine';
import { evaluateEligibility } from '../../src/eligibility/engine';
import { ADULT, AS_OF, HOMELESS_ADULT, met, pof, YOUTH } from './engine-support';

// Hand-computed cases, one or more per POF, met and not met. AS_OF is 2026-06-15, so the 6-month
// window starts 2025-12-15 and the 12-month one 2025-06-15; ADULT is 46, YOUTH 11.

describe('eligibility engine: Populations of Focus, met and not met', () => {
  it('R-ELIGIBILITY: every POF is reported, in order, with at least one reason, whether met or not', () => {
    for (const facts of [ADULT, YOUTH, HOMELESS_ADULT]) {
      const { populationsOfFocus } = evaluateEligibility(facts, AS_OF);
      expect(populationsOfFocus.map((p) => p.code)).toEqual(['1a', '1b', '2', '3', '4', '5', '6', '7', '8', '9']);
      for (const finding of populationsOfFocus) expect(finding.reasons.length).toBeGreaterThan(0);
    }
  });

  it('R-ELIGIBILITY: 1a needs homelessness and a complex need the adult cannot self-manage', () => {
    expect(pof(HOMELESS_ADULT, '1a')).toEqual({
      code: '1a',
      title: 'Adults experiencing homelessness',
      met: true,
      reasons: ['experiencing homelessness: sleeps in a place not meant for sleeping', 'has a complex behavioral need they cannot self-manage'],
    });
    expect(pof({ ...HOMELESS_ADULT, complexNeedsNotSelfManaged: [] }, '1a')).toMatchObject({
      met: false,
      reasons: ['experiencing homelessness: sleeps in a place not meant for sleeping', 'no complex physical, behavioral or developmental need they cannot self-manage'],
    });
    expect(pof({ ...ADULT, complexNeedsNotSelfManaged: ['physical'] }, '1a')).toMatchObject({
      met: false,
      reasons: ['not experiencing homelessness under any of the six conditions', 'has a complex physical need they cannot self-manage'],
    });
    // Guide §5.1 A: adults "whether or not they have dependent children" — dependants do not stop 1a.
    expect(pof({ ...HOMELESS_ADULT, housing: { homelessConditions: ['fleeing_violence'], householdHasMemberUnder21: true } }, '1a').met).toBe(true);
    // Couch-surfing is 1b's clause 2, not one of the six homelessness conditions.
    expect(pof({ ...HOMELESS_ADULT, housing: { unstableHousing: ['couch_surfing'] } }, '1a').met).toBe(false);
    expect(pof({ ...YOUTH, housing: HOMELESS_ADULT.housing, complexNeedsNotSelfManaged: ['physical'] }, '1a')).toMatchObject({ met: false });
  });

  it('R-ELIGIBILITY: condition v counts a housing loss from today through 30 days ahead, not 31, not a past date', () => {
    const losing = (housingLossExpectedOn: string): EligibilityFacts => ({ ...HOMELESS_ADULT, housing: { housingLossExpectedOn } });
    expect(pof(losing('2026-06-15'), '1a').met).toBe(true);
    expect(pof(losing('2026-07-15'), '1a')).toMatchObject({ met: true, reasons: ['experiencing homelessness: will lose housing within the next 30 days', 'has a complex behavioral need they cannot self-manage'] });
    expect(pof(losing('2026-07-16'), '1a')).toMatchObject({ met: false, reasons: expect.arrayContaining(['housing loss expected more than 30 days ahead, not yet imminent']) });
    expect(pof(losing('2026-06-14'), '1a')).toMatchObject({ met: false, reasons: expect.arrayContaining(['the expected housing-loss date has passed; the current housing situation decides']) });
  });

  it('R-ELIGIBILITY: 1b takes any homeless or unstably housed child/youth, and adults only in a family with a member under 21; no complex-need test', () => {
    expect(pof({ ...YOUTH, housing: { unstableHousing: ['abandoned_in_hospital'] } }, '1b')).toMatchObject({
      met: true,
      reasons: ['homeless or unstably housed: is in hospital with no safe place to be discharged to', 'a child or youth under 21'],
    });
    expect(pof({ ...YOUTH, housing: { homelessConditions: ['supervised_shelter'] } }, '1b').met).toBe(true);
    expect(pof({ ...ADULT, housing: { unstableHousing: ['motel_trailer_park_or_camping'], householdHasMemberUnder21: true } }, '1b')).toMatchObject({
      met: true,
      reasons: ['homeless or unstably housed: lives in a motel, trailer park or camping ground for lack of housing', 'an adult in a family with a member under 21'],
    });
    expect(pof({ ...ADULT, housing: { unstableHousing: ['couch_surfing'] } }, '1b')).toMatchObject({
      met: false,
      reasons: ['homeless or unstably housed: shares others’ housing (couch-surfing)', 'an adult with no household member under 21 (see 1a)'],
    });
    expect(pof(YOUTH, '1b')).toMatchObject({ met: false, reasons: ['neither homeless nor unstably housed', 'a child or youth under 21'] });
  });

  it('R-ELIGIBILITY: 2 counts avoidable ED visits and avoidable unplanned stays in the age group’s window, or the plan’s authorization below the thresholds', () => {
    const edVisits = ['2025-12-15', '2026-01-10', '2026-02-10', '2026-03-10', '2026-06-15'].map((date) => ({ date, avoidable: true }));
    expect(pof({ ...ADULT, edVisits }, '2')).toMatchObject({
      met: true,
      reasons: [
        '5 avoidable ED visits in the past 6 months (on or after 2025-12-15), at least 5',
        '0 avoidable unplanned hospital or short-term SNF stays in the past 6 months (on or after 2025-12-15), fewer than 3',
      ],
    });
    // The first visit moved a day earlier falls outside the window; one more is not avoidable.
    expect(pof({ ...ADULT, edVisits: [{ date: '2025-12-14', avoidable: true }, ...edVisits.slice(1)] }, '2')).toMatchObject({
      met: false,
      reasons: [
        '4 avoidable ED visits in the past 6 months (on or after 2025-12-15), fewer than 5',
        '0 avoidable unplanned hospital or short-term SNF stays in the past 6 months (on or after 2025-12-15), fewer than 3',
        'the plan has not authorized ECM below the thresholds',
      ],
    });
    expect(pof({ ...ADULT, edVisits: [{ date: '2026-01-01', avoidable: false }, ...edVisits.slice(1)] }, '2').met).toBe(false);
    const stays = ['2026-01-01', '2026-02-01', '2026-03-01'].map((admittedOn) => ({ admittedOn, setting: 'short_term_snf', unplanned: true, avoidable: true }) as const);
    expect(pof({ ...ADULT, facilityStays: stays }, '2').met).toBe(true);
    expect(pof({ ...ADULT, facilityStays: [...stays.slice(1), { ...stays[0]!, unplanned: false }] }, '2').met).toBe(false);
    expect(pof({ ...ADULT, planAuthorizedBelowThreshold: true }, '2')).toMatchObject({ met: true, reasons: expect.arrayContaining(['the plan authorized ECM below the numeric thresholds']) });
    // Youth: 3 ED visits or 2 stays in 12 months.
    expect(pof({ ...YOUTH, edVisits: ['2025-06-15', '2025-09-01', '2026-06-01'].map((date) => ({ date, avoidable: true })) }, '2')).toMatchObject({
      met: true,
      reasons: ['3 avoidable ED visits in the past 12 months (on or after 2025-06-15), at least 3', '0 avoidable unplanned hospital or short-term SNF stays in the past 12 months (on or after 2025-06-15), fewer than 2'],
    });
    expect(pof({ ...YOUTH, facilityStays: stays.slice(0, 2) }, '2').met).toBe(true);
    expect(pof({ ...YOUTH, facilityStays: stays.slice(0, 1) }, '2').met).toBe(false);
  });

  it('R-ELIGIBILITY: 2 names events dated after the evaluation date instead of counting them', () => {
    const edVisits = ['2026-06-16', '2026-06-01', '2026-05-01', '2026-04-01', '2026-03-01'].map((date) => ({ date, avoidable: true }));
    expect(pof({ ...ADULT, edVisits }, '2').reasons[0]).toBe('4 avoidable ED visits in the past 6 months (on or after 2025-12-15), fewer than 5; 1 event dated after the evaluation date not counted');
  });

  it('R-ELIGIBILITY: 3 for youth needs only SMHS or DMC/DMC-ODS criteria', () => {
    expect(pof({ ...YOUTH, behavioralHealth: { meetsDmcOrDmcOdsCriteria: true } }, '3')).toMatchObject({ met: true, reasons: ['meets DMC/DMC-ODS criteria'] });
    expect(pof(YOUTH, '3')).toMatchObject({ met: false, reasons: ['meets neither SMHS nor DMC/DMC-ODS criteria'] });
  });

  it('R-ELIGIBILITY: 3 for adults needs the criteria, a complex social factor, and a risk, crisis care as primary care, or 2 BH ED visits or 2 BH hospitalizations', () => {
    const base: EligibilityFacts = { ...ADULT, behavioralHealth: { meetsSmhsCriteria: true }, complexSocialFactors: ['food_insecurity'] };
    expect(pof(base, '3').met).toBe(false);
    expect(pof({ ...base, behavioralHealth: { meetsSmhsCriteria: true, highRisks: ['overdose'] } }, '3')).toMatchObject({
      met: true,
      reasons: [
        'meets SMHS criteria',
        'complex social factor: food insecurity',
        'at high risk of overdose',
        'crisis or emergency care is not the primary source of care',
        '0 mental health or SUD ED visits in the past 12 months (on or after 2025-06-15), fewer than 2',
        '0 mental health or SUD hospitalizations in the past 12 months (on or after 2025-06-15), fewer than 2',
      ],
    });
    expect(pof({ ...base, behavioralHealth: { meetsSmhsCriteria: true, crisisCareIsPrimarySource: true } }, '3').met).toBe(true);
    const bhVisit = (date: string) => ({ date, avoidable: false, behavioralHealth: true });
    expect(pof({ ...base, edVisits: [bhVisit('2025-06-15'), bhVisit('2026-06-15')] }, '3').met).toBe(true);
    const bhStay = (admittedOn: string) => ({ admittedOn, setting: 'hospital', unplanned: true, avoidable: false, behavioralHealth: true }) as const;
    expect(pof({ ...base, facilityStays: [bhStay('2025-07-01'), bhStay('2026-01-01')] }, '3').met).toBe(true);
    // "two or more ED visits or two or more hospitalizations": one of each is neither.
    expect(pof({ ...base, edVisits: [bhVisit('2026-01-01')], facilityStays: [bhStay('2026-02-01')] }, '3').met).toBe(false);
    // A short-term SNF stay is not a hospitalization.
    expect(pof({ ...base, facilityStays: [bhStay('2026-01-01'), { ...bhStay('2026-02-01'), setting: 'short_term_snf' }] }, '3').met).toBe(false);
    expect(pof({ ...base, complexSocialFactors: [], behavioralHealth: { meetsSmhsCriteria: true, highRisks: ['suicide'] } }, '3')).toMatchObject({ met: false, reasons: expect.arrayContaining(['no complex social factor']) });
    expect(pof({ ...base, behavioralHealth: { highRisks: ['suicide'] } }, '3').met).toBe(false);
  });

  it('R-ELIGIBILITY: 4 for adults needs a release within 12 months from any correctional facility and a qualifying condition', () => {
    expect(pof({ ...ADULT, incarceration: { releasedOn: '2025-06-15', conditions: ['traumatic_brain_injury'] } }, '4')).toMatchObject({
      met: true,
      reasons: ['released from a correctional facility within the past 12 months (on or after 2025-06-15)', 'qualifying condition: traumatic brain injury'],
    });
    expect(pof({ ...ADULT, incarceration: { releasedOn: '2025-06-14', conditions: ['hiv_aids'] } }, '4')).toMatchObject({
      met: false,
      reasons: ['released from a correctional facility more than 12 months ago (not on or after 2025-06-15)', 'qualifying condition: hiv aids'],
    });
    expect(pof({ ...ADULT, incarceration: { releasedOn: '2026-01-01' } }, '4').met).toBe(false);
    // Pregnancy or postpartum is condition vii, read from the pregnancy facts.
    expect(pof({ ...ADULT, incarceration: { releasedOn: '2026-01-01' }, pregnancy: { endedOn: '2026-02-01' } }, '4')).toMatchObject({
      met: true,
      reasons: expect.arrayContaining(['qualifying condition: pregnant or postpartum']),
    });
    // An adult released from a youth facility counts too ("e.g., prison, jail, or youth correctional facility").
    expect(pof({ ...ADULT, incarceration: { releasedFromYouthFacilityOn: '2026-01-01', conditions: ['mental_illness'] } }, '4').met).toBe(true);
    expect(pof({ ...ADULT, incarceration: { releasedOn: '2026-06-16', conditions: ['mental_illness'] } }, '4')).toMatchObject({
      met: false,
      reasons: expect.arrayContaining(['the release from a correctional facility is dated after the evaluation date']),
    });
  });

  it('R-ELIGIBILITY: 4 for youth needs a youth correctional facility release within 12 months, nothing more', () => {
    expect(pof({ ...YOUTH, incarceration: { releasedFromYouthFacilityOn: '2025-06-15' } }, '4')).toMatchObject({
      met: true,
      reasons: ['released from a youth correctional facility within the past 12 months (on or after 2025-06-15)'],
    });
    expect(pof({ ...YOUTH, incarceration: { releasedOn: '2026-01-01' } }, '4')).toMatchObject({
      met: false,
      reasons: ['no release from a youth correctional facility recorded', 'for children/youth only a youth correctional facility release counts'],
    });
  });

  it('R-ELIGIBILITY: 5 needs SNF level of care or lower-acuity skilled nursing, a complex factor, and life in the community with wraparound supports', () => {
    const facts: EligibilityFacts = { ...ADULT, communityLongTermCare: { needsLowerAcuitySkilledNursing: true, canResideInCommunityWithWraparound: true }, complexSocialFactors: ['living_alone'] };
    expect(pof(facts, '5')).toMatchObject({
      met: true,
      reasons: ['needs lower-acuity skilled nursing', 'complex social or environmental factor: living alone', 'can reside continuously in the community with wraparound supports'],
    });
    expect(pof({ ...facts, communityLongTermCare: { meetsSnfLevelOfCare: true } }, '5').met).toBe(false);
    expect(pof({ ...facts, complexSocialFactors: [] }, '5').met).toBe(false);
    expect(pof({ ...facts, nursingFacility: {} }, '5')).toMatchObject({ met: false, reasons: expect.arrayContaining(['lives in a nursing facility, not in the community (see POF 6)']) });
    expect(pof({ ...facts, dateOfBirth: '2010-01-01' }, '5').met).toBe(false);
  });

  it('R-ELIGIBILITY: 6 needs a nursing facility resident who is interested, likely to succeed and able to reside continuously in the community', () => {
    const resident = { interestedInMovingOut: true, likelyToTransitionSuccessfully: true, ableToResideContinuouslyInCommunity: true };
    expect(pof({ ...ADULT, nursingFacility: resident }, '6')).toMatchObject({
      met: true,
      reasons: ['a nursing facility resident', 'interested in moving out', 'likely to transition successfully', 'able to reside continuously in the community'],
    });
    expect(pof({ ...ADULT, nursingFacility: { ...resident, likelyToTransitionSuccessfully: false } }, '6').met).toBe(false);
    expect(pof(ADULT, '6')).toMatchObject({ met: false, reasons: ['not a nursing facility resident'] });
  });

  it('R-ELIGIBILITY: 7 needs a child/youth in CCS or CCS WCM with a complex social factor', () => {
    expect(pof({ ...YOUTH, programs: ['CCS WCM'], complexSocialFactors: ['transportation_difficulty'] }, '7')).toMatchObject({
      met: true,
      reasons: ['enrolled in CCS WCM', 'complex social factor: transportation difficulty'],
    });
    expect(pof({ ...YOUTH, programs: ['CCS'] }, '7')).toMatchObject({ met: false, reasons: ['enrolled in CCS', 'no complex social factor'] });
    expect(pof({ ...YOUTH, complexSocialFactors: ['aces_four_or_more'] }, '7').met).toBe(false);
    expect(pof({ ...ADULT, programs: ['CCS'], complexSocialFactors: ['aces_four_or_more'] }, '7').met).toBe(false);
  });

  it('R-ELIGIBILITY: 8 takes any of its five conditions, each with its own age limit', () => {
    expect(pof({ ...YOUTH, childWelfare: { inFosterCareInCalifornia: true } }, '8')).toMatchObject({ met: true, reasons: ['under 21 and in foster care in California'] });
    expect(pof({ ...YOUTH, childWelfare: { fosterCareEndedOn: '2025-06-15' } }, '8')).toMatchObject({ met: true, reasons: ['under 21 and in foster care within the last 12 months (on or after 2025-06-15)'] });
    expect(pof({ ...YOUTH, childWelfare: { fosterCareEndedOn: '2025-06-14' } }, '8')).toMatchObject({ met: false, reasons: ['foster care ended more than 12 months ago (before 2025-06-15)'] });
    expect(pof({ ...ADULT, dateOfBirth: '2001-06-16', childWelfare: { agedOutOfFosterCare: true } }, '8')).toMatchObject({ met: true, reasons: ['aged out of foster care and under 26'] });
    expect(pof({ ...ADULT, dateOfBirth: '2000-06-15', childWelfare: { agedOutOfFosterCare: true } }, '8')).toMatchObject({ met: false, reasons: ['aged out of foster care, which counts up to age 26; the member is 26'] });
    expect(pof({ ...YOUTH, childWelfare: { adoptionAssistance: true } }, '8').met).toBe(true);
    expect(pof({ ...YOUTH, dateOfBirth: '2008-06-15', childWelfare: { adoptionAssistance: true } }, '8')).toMatchObject({ met: false, reasons: ['Adoption Assistance counts under 18; the member is 18'] });
    expect(pof({ ...YOUTH, childWelfare: { inFamilyMaintenance: true } }, '8').met).toBe(true);
    expect(pof({ ...YOUTH, childWelfare: { familyMaintenanceEndedOn: '2025-06-15' } }, '8').met).toBe(true);
    expect(pof({ ...YOUTH, childWelfare: { familyMaintenanceEndedOn: '2025-06-14' } }, '8').met).toBe(false);
    expect(pof({ ...ADULT, dateOfBirth: '2005-06-15', childWelfare: { inFosterCareInCalifornia: true } }, '8')).toMatchObject({ met: false, reasons: ['in foster care, but current foster care counts under 21; the member is 21'] });
    expect(pof(YOUTH, '8')).toMatchObject({ met: false, reasons: ['no child welfare involvement recorded'] });
  });

  it('R-ELIGIBILITY: 9 needs pregnancy or postpartum through 12 months, and a group subject to maternal health disparities', () => {
    expect(pof({ ...ADULT, pregnancy: { pregnant: true, inMaternalDisparityGroup: true } }, '9')).toMatchObject({
      met: true,
      reasons: ['pregnant', 'in a group subject to racial and ethnic disparities in maternal morbidity and mortality'],
    });
    expect(pof({ ...YOUTH, dateOfBirth: '2009-01-01', pregnancy: { endedOn: '2025-06-15', inMaternalDisparityGroup: true } }, '9').met).toBe(true);
    expect(pof({ ...ADULT, pregnancy: { endedOn: '2025-06-14', inMaternalDisparityGroup: true } }, '9')).toMatchObject({
      met: false,
      reasons: ['not pregnant, and the pregnancy ended more than 12 months ago (before 2025-06-15)', 'in a group subject to racial and ethnic disparities in maternal morbidity and mortality'],
    });
    expect(pof({ ...ADULT, pregnancy: { pregnant: true } }, '9').met).toBe(false);
  });

  it('R-ELIGIBILITY: a member may meet several POFs at once, all listed', () => {
    const facts: EligibilityFacts = {
      ...HOMELESS_ADULT,
      housing: { homelessConditions: ['no_fixed_nighttime_residence'], householdHasMemberUnder21: true },
      pregnancy: { pregnant: true, inMaternalDisparityGroup: true },
    };
    expect(met(facts)).toEqual(['1a', '1b', '9']);
    expect(evaluateEligibility(facts, AS_OF).eligibilityReasons).toContain('meets Population of Focus 1a, 1b and 9');
  });
});
