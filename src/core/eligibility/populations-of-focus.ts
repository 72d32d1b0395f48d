/**
 * The Populations of Focus of ECM-RULES §4 (Guide §5.1), one predicate each, every one giving its
 * reasons whether met or not, so a person can check the engine's answer.
 */
import { addMonthsToDate } from '../calendar';
import type { MemberFacts } from './facts';

/** POF codes. */
export const POPULATION_OF_FOCUS_CODES = ['1a', '1b', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
/** One of {@link POPULATION_OF_FOCUS_CODES}. */
export type PopulationOfFocusCode = (typeof POPULATION_OF_FOCUS_CODES)[number];

/** One POF's verdict. */
export interface PopulationOfFocusResult {
  readonly code: PopulationOfFocusCode;
  readonly met: boolean;
  readonly reasons: readonly string[];
}

/** What every predicate is given. */
export interface EvaluationContext {
  readonly facts: MemberFacts;
  readonly asOf: string;
  readonly adult: boolean;
  readonly age: number;
}

/** Thresholds of POF 2, 3, 4, 8 and 9, named so the tests can walk each edge. */
export const THRESHOLDS = {
  adultAvoidableEdVisits: { count: 5, months: 6 },
  adultUnplannedStays: { count: 3, months: 6 },
  youthEdVisits: { count: 3, months: 12 },
  youthUnplannedStays: { count: 2, months: 12 },
  behavioralHealthEvents: { count: 2, months: 12 },
  releasedWithinMonths: 12,
  fosterCareWithinMonths: 12,
  agedOutOfFosterCareUnderAge: 26,
  adoptionAssistanceUnderAge: 18,
  familyMaintenanceUnderAge: 18,
  familyMaintenanceWithinMonths: 12,
  postpartumMonths: 12,
} as const;

/** "Within the past N months": on or after the same date N months back, and not after `asOf`. */
export function withinMonths(date: string, asOf: string, months: number): boolean {
  return date >= addMonthsToDate(asOf, -months) && date <= asOf;
}

function countWithin(dates: readonly string[], asOf: string, months: number): number {
  return dates.filter((d) => withinMonths(d, asOf, months)).length;
}

function result(code: PopulationOfFocusCode, met: boolean, reasons: readonly string[]): PopulationOfFocusResult {
  return { code, met, reasons };
}

const pof1a = ({ facts, adult }: EvaluationContext): PopulationOfFocusResult => {
  const homeless = facts.housing?.homeless === true;
  const noChildren = facts.housing?.withDependentChildren !== true;
  const complex = facts.complexNeedUnableToSelfManage === true;
  const met = adult && homeless && noChildren && complex;
  return result('1a', met, [
    adult ? 'adult (21 or older)' : 'not an adult',
    homeless ? 'experiencing homelessness' : 'not homeless',
    noChildren ? 'no dependent children' : 'has dependent children (see 1b)',
    complex ? 'has a complex need they cannot self-manage' : 'no complex need they cannot self-manage',
  ]);
};

const pof1b = ({ facts, adult }: EvaluationContext): PopulationOfFocusResult => {
  const housing = facts.housing?.homeless === true || facts.housing?.precariouslyHoused === true;
  const family = adult ? facts.housing?.withDependentChildren === true : true;
  return result('1b', housing && family, [
    housing ? 'homeless or precariously housed' : 'not homeless or precariously housed',
    adult ? (family ? 'a family with dependent children' : 'an adult without dependent children') : 'a child or youth',
  ]);
};

const pof2 = ({ facts, adult, asOf }: EvaluationContext): PopulationOfFocusResult => {
  const visits = facts.edVisits ?? [];
  const stays = facts.unplannedStays ?? [];
  const [edRule, stayRule] = adult ? [THRESHOLDS.adultAvoidableEdVisits, THRESHOLDS.adultUnplannedStays] : [THRESHOLDS.youthEdVisits, THRESHOLDS.youthUnplannedStays];
  const ed = countWithin(visits.filter((v) => !adult || v.avoidable).map((v) => v.date), asOf, edRule.months);
  const stayCount = countWithin(stays, asOf, stayRule.months);
  const overPlan = facts.planAuthorizedBelowThreshold === true;
  const met = ed >= edRule.count || stayCount >= stayRule.count || overPlan;
  return result('2', met, [
    `${ed} ${adult ? 'avoidable ' : ''}ED visits in ${edRule.months} months (threshold ${edRule.count})`,
    `${stayCount} unplanned hospital or short-term SNF stays in ${stayRule.months} months (threshold ${stayRule.count})`,
    ...(overPlan ? ['the plan authorized below the thresholds'] : []),
  ]);
};

const pof3 = ({ facts, adult, asOf }: EvaluationContext): PopulationOfFocusResult => {
  const bh = facts.behavioralHealth;
  const criteria = bh?.meetsSmhsOrDmcCriteria === true;
  if (!adult) return result('3', criteria, [criteria ? 'meets SMHS or DMC/DMC-ODS criteria' : 'does not meet SMHS or DMC/DMC-ODS criteria']);
  const events = countWithin(bh?.relatedEdVisitsOrAdmissions ?? [], asOf, THRESHOLDS.behavioralHealthEvents.months);
  const risk = bh?.highRisk === true || bh?.crisisAsPrimaryCare === true || events >= THRESHOLDS.behavioralHealthEvents.count;
  const social = bh?.complexSocialFactor === true;
  return result('3', criteria && social && risk, [
    criteria ? 'meets SMHS or DMC/DMC-ODS criteria' : 'does not meet SMHS or DMC/DMC-ODS criteria',
    social ? 'has a complex social factor' : 'no complex social factor',
    `${events} BH-related ED visits or hospitalizations in 12 months (threshold ${THRESHOLDS.behavioralHealthEvents.count})`,
    risk ? 'high risk, crisis care as primary care, or enough BH events' : 'no high risk, crisis use or enough BH events',
  ]);
};

const pof4 = ({ facts, adult, asOf }: EvaluationContext): PopulationOfFocusResult => {
  const release = facts.incarceration;
  const recent = release !== undefined && withinMonths(release.releasedOn, asOf, THRESHOLDS.releasedWithinMonths);
  if (!adult) {
    const youth = recent && release?.fromYouthFacility === true;
    return result('4', youth, [youth ? 'released from a youth facility within 12 months' : 'no release from a youth facility within 12 months']);
  }
  const condition = release?.qualifyingCondition === true;
  return result('4', recent && condition, [
    recent ? 'released within the past 12 months' : 'no release within the past 12 months',
    condition ? 'has a qualifying condition' : 'no qualifying condition',
  ]);
};

const pof5 = ({ facts, adult }: EvaluationContext): PopulationOfFocusResult => {
  const l = facts.longTermCareRisk;
  const met = adult && l?.meetsSnfLevelOfCare === true && l.complexSocialOrEnvironmentalFactor && l.canLiveInCommunityWithSupports;
  return result('5', met === true, [met ? 'adult at risk of LTC institutionalization who can live in the community with supports' : 'not an adult meeting SNF level of care with a complex factor who can live in the community']);
};

const pof6 = ({ facts, adult }: EvaluationContext): PopulationOfFocusResult => {
  const n = facts.nursingFacility;
  const met = adult && n?.resident === true && n.interestedInMovingOut && n.likelyToSucceed && n.ableToResideContinuously;
  return result('6', met === true, [met ? 'nursing facility resident ready to move to the community' : 'not a nursing facility resident interested, likely to succeed and able to live in the community']);
};

const pof7 = ({ facts, adult }: EvaluationContext): PopulationOfFocusResult => {
  const met = !adult && facts.ccs?.enrolled === true && facts.ccs.complexSocialFactor;
  return result('7', met === true, [met ? 'child or youth in CCS / CCS WCM with a complex social factor' : 'not a child or youth in CCS with a complex social factor']);
};

const pof8 = ({ facts, adult, age, asOf }: EvaluationContext): PopulationOfFocusResult => {
  const cw = facts.childWelfare;
  const reasons: string[] = [];
  if (!adult && cw?.inFosterCare) reasons.push('in foster care in California');
  if (!adult && cw?.fosterCareEndedOn && withinMonths(cw.fosterCareEndedOn, asOf, THRESHOLDS.fosterCareWithinMonths)) reasons.push('in foster care within the last 12 months');
  if (cw?.agedOutOfFosterCare && age < THRESHOLDS.agedOutOfFosterCareUnderAge) reasons.push('aged out of foster care, under 26');
  if (cw?.adoptionAssistance && age < THRESHOLDS.adoptionAssistanceUnderAge) reasons.push('under 18 in Adoption Assistance');
  if (cw?.familyMaintenanceOn && age < THRESHOLDS.familyMaintenanceUnderAge && withinMonths(cw.familyMaintenanceOn, asOf, THRESHOLDS.familyMaintenanceWithinMonths)) {
    reasons.push('under 18 with Family Maintenance services within 12 months');
  }
  return result('8', reasons.length > 0, reasons.length ? reasons : ['no child welfare involvement that qualifies']);
};

const pof9 = ({ facts, asOf }: EvaluationContext): PopulationOfFocusResult => {
  const b = facts.birthEquity;
  const postpartum = b?.deliveredOn !== undefined && b.deliveredOn <= asOf && b.deliveredOn >= addMonthsToDate(asOf, -THRESHOLDS.postpartumMonths);
  const perinatal = b?.pregnant === true || postpartum;
  const group = b?.inDisparityGroup === true;
  return result('9', perinatal && group, [
    perinatal ? (b?.pregnant ? 'pregnant' : 'postpartum within 12 months') : 'not pregnant or postpartum',
    group ? 'in a group subject to maternal health disparities' : 'not in a group subject to maternal health disparities',
  ]);
};

/** Every POF predicate, in code order. */
export const POPULATIONS_OF_FOCUS = [pof1a, pof1b, pof2, pof3, pof4, pof5, pof6, pof7, pof8, pof9] as const;
