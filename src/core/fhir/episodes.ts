/**
 * EpisodeOfCare for the ECM enrollment (its status from the journey stage, its authorization
 * periods) and one per transitional-care episode; an Encounter per hospital visit of an episode.
 */
import type { CodeableConcept, Encounter, EpisodeOfCare, Extension } from 'fhir/r4';
import * as cs from './code-systems';
import type { MemberRecord, RecordEpisode, RecordVisit } from './member-record';
import { ECM_EPISODE_ID, fhirId, patientRef, ref, tcsEpisodeId } from './references';

type EpisodeStatus = EpisodeOfCare['status'];

/**
 * The journey stage as an episode status: before enrollment the episode is `planned`; enrolled
 * until review `active`; ended before it began (denied, declined, unreachable) `cancelled`; ended
 * after (graduated, discontinued, transferred) `finished`.
 */
export const EPISODE_STATUS_OF_STAGE: Readonly<Record<string, EpisodeStatus>> = {
  REFERRED: 'planned',
  AUTHORIZED: 'planned',
  ASSIGNED: 'planned',
  OUTREACH: 'planned',
  ENROLLED: 'active',
  ASSESSMENT: 'active',
  CARE_PLANNING: 'active',
  ACTIVE: 'active',
  REAUTH_REVIEW: 'active',
  DENIED: 'cancelled',
  DECLINED: 'cancelled',
  UNREACHABLE: 'cancelled',
  GRADUATED: 'finished',
  DISCONTINUED: 'finished',
  TRANSFERRED: 'finished',
};

const ecmType: CodeableConcept = {
  coding: [{ system: cs.ECM_PROGRAM, code: 'ecm', display: 'Enhanced Care Management' }, { ...cs.ECM_HCPCS }],
  text: 'Enhanced Care Management',
};

/** R-AUTH-12M, R-REAUTH-6M: each authorization period, numbered, as a complex extension. */
function authorizationPeriodExtension(p: MemberRecord['authorizationPeriods'][number]): Extension {
  return {
    url: cs.AUTHORIZATION_PERIOD_EXTENSION,
    extension: [
      { url: 'number', valuePositiveInt: p.number },
      { url: 'kind', valueCode: p.kind },
      { url: 'period', valuePeriod: { start: p.startDate, end: p.endDate } },
    ],
  };
}

/** The ECM enrollment: one per journey. */
export function ecmEpisode(record: MemberRecord): EpisodeOfCare {
  const { journey, authorizationPeriods } = record;
  const periods = [...authorizationPeriods].sort((a, b) => a.number - b.number);
  const first = periods[0];
  const last = periods.at(-1);
  return {
    resourceType: 'EpisodeOfCare',
    id: ECM_EPISODE_ID,
    ...(periods.length ? { extension: periods.map(authorizationPeriodExtension) } : {}),
    identifier: [{ system: cs.REFERRAL_ID, value: journey.referralId, assigner: { identifier: { system: cs.PLAN_CODE, value: journey.plan } } }],
    status: EPISODE_STATUS_OF_STAGE[journey.stage] ?? 'planned',
    type: [
      ecmType,
      { coding: [{ system: cs.ECM_STAGE, code: journey.stage }], text: `journey stage ${journey.stage}` },
      ...journey.populationsOfFocus.map((code) => ({ coding: [{ system: cs.POPULATION_OF_FOCUS, code, display: `Population of Focus ${code}` }] })),
    ],
    patient: patientRef(record.memberId),
    ...(journey.providerId ? { managingOrganization: { identifier: { system: cs.PROVIDER_ID, value: journey.providerId } } } : {}),
    // The authorized span: from the first period's start to the last one's end.
    ...(first && last ? { period: { start: first.startDate, end: last.endDate } } : {}),
    ...(journey.careManagerId ? { careManager: { identifier: { system: cs.CARE_MANAGER_ID, value: journey.careManagerId } } } : {}),
  };
}

const TCS_STATUS: Readonly<Record<RecordEpisode['status'], EpisodeStatus>> = {
  inpatient: 'active',
  discharged: 'active',
  completed: 'finished',
  cancelled: 'cancelled',
};

/** One transitional-care episode (R-TCS-24H, R-TCS-7D, R-TCS-30D). */
export function transitionalCareEpisode(memberId: string, episode: RecordEpisode): EpisodeOfCare {
  return {
    resourceType: 'EpisodeOfCare',
    id: tcsEpisodeId(episode.episodeKey),
    status: TCS_STATUS[episode.status],
    type: [{ coding: [{ system: cs.ECM_PROGRAM, code: 'transitional-care', display: 'ECM Transitional Care Services' }] }],
    patient: patientRef(memberId),
    period: { start: episode.openedAt, ...(episode.closedAt ? { end: episode.closedAt } : {}) },
  };
}

/** HL7 v2 PV1-2 patient class → v3 ActCode. */
const ENCOUNTER_CLASS: Readonly<Record<string, { code: string; display: string }>> = {
  I: { code: 'IMP', display: 'inpatient encounter' },
  E: { code: 'EMER', display: 'emergency' },
  O: { code: 'AMB', display: 'ambulatory' },
  B: { code: 'IMP', display: 'inpatient encounter' },
};

/** A hospital visit as the ADT feed reported it, under its episode and the ECM enrollment. */
export function visitEncounter(memberId: string, episode: RecordEpisode, visit: RecordVisit): Encounter {
  const klass = ENCOUNTER_CLASS[visit.patientClass] ?? { code: 'IMP', display: 'inpatient encounter' };
  const status: Encounter['status'] = visit.cancelled ? 'cancelled' : visit.dischargedAt ? 'finished' : 'in-progress';
  const start = visit.admittedAt;
  return {
    resourceType: 'Encounter',
    id: fhirId('visit', visit.visitKey),
    identifier: [{ system: cs.VISIT_KEY, value: visit.visitKey }],
    status,
    class: { system: cs.V3_ACT_CODE, ...klass },
    subject: patientRef(memberId),
    episodeOfCare: [ref('EpisodeOfCare', tcsEpisodeId(episode.episodeKey)), ref('EpisodeOfCare', ECM_EPISODE_ID)],
    ...(start || visit.dischargedAt ? { period: { ...(start ? { start } : {}), ...(visit.dischargedAt ? { end: visit.dischargedAt } : {}) } } : {}),
    ...(visit.disposition ? { hospitalization: { dischargeDisposition: { coding: [{ system: cs.V2_DISCHARGE_DISPOSITION, code: visit.disposition }] } } } : {}),
    serviceProvider: { identifier: { system: cs.FACILITY_ID, value: visit.facilityId } },
  };
}
