/**
 * The code systems and identifier systems the FHIR export names (README "FHIR R4 export"). Public
 * ones by their canonical URL; ours (Populations of Focus, rule IDs, stages, task kinds) as URNs
 * under `urn:ecm:`, so no receiver mistakes them for a published terminology.
 */

/** HCPCS Level II (CMS), not CPT (`http://www.ama-assn.org/go/cpt`). */
export const HCPCS = 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets';
/**
 * The HCPCS code DHCS's ECM coding guidance bills ECM under (with modifier U1, which a coding
 * cannot carry): the episode's type says which benefit it is.
 */
export const ECM_HCPCS = { system: HCPCS, code: 'G9008', display: 'Coordinated care fee, physician coordinated care oversight services' } as const;

/** HL7 v3 ActCode: the Encounter class (inpatient, emergency, ambulatory). */
export const V3_ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** HL7 v2 table 0112, discharge disposition (PV1-36), as the ADT feed sent it. */
export const V2_DISCHARGE_DISPOSITION = 'http://terminology.hl7.org/CodeSystem/v2-0112';
/** HL7 v2 table 0203, identifier type (`MA`: Medicaid number, i.e. the Medi-Cal CIN). */
export const V2_IDENTIFIER_TYPE = 'http://terminology.hl7.org/CodeSystem/v2-0203';
/** FHIR Consent scope. */
export const CONSENT_SCOPE = 'http://terminology.hl7.org/CodeSystem/consentscope';
/** LOINC, for the Consent category (59284-0 Consent Document). */
export const LOINC = 'http://loinc.org';

/** The ECM Populations of Focus (ECM-RULES §4, codes 1a…9). */
export const POPULATION_OF_FOCUS = 'urn:ecm:population-of-focus';
/** ECM rule IDs of ECM-RULES.md (R-AUTH-ROUTINE, R-TCS-24H, …): the code of each deadline's Task. */
export const ECM_RULE = 'urn:ecm:rule';
/** The program an EpisodeOfCare is an episode of: `ecm` or `transitional-care`. */
export const ECM_PROGRAM = 'urn:ecm:program';
/** The journey stages (REFERRED … TRANSFERRED), as the API answers them. */
export const ECM_STAGE = 'urn:ecm:journey-stage';
/** A deadline's own status (open, met, breached, cancelled): Task.businessStatus. */
export const DEADLINE_STATUS = 'urn:ecm:deadline-status';
/** Who must act before a deadline (plan, provider, lead_care_manager): Task.performerType. */
export const RESPONSIBLE_PARTY = 'urn:ecm:responsible-party';
/** The R-TCS-TASKS tasks (facility_and_member_contacted, …). */
export const TCS_TASK = 'urn:ecm:transitional-care-task';
/** What a Communication or Task is in ECM terms (`notice-of-action`, `deadline`, `transitional-care-task`). */
export const ECM_CATEGORY = 'urn:ecm:category';
/** Notice of Action types (denial, discontinuation). */
export const NOTICE_TYPE = 'urn:ecm:notice-type';
/** The ECM opt-in policy (R-OPT-IN) a Consent records. */
export const CONSENT_POLICY = 'urn:ecm:consent-policy';

/** Identifier systems. */
export const MEMBER_ID = 'urn:ecm:member-id';
export const MEDI_CAL_CIN = 'urn:ecm:medi-cal-cin';
export const REFERRAL_ID = 'urn:ecm:referral-id';
export const DEADLINE_KEY = 'urn:ecm:deadline-key';
export const NOTICE_ID = 'urn:ecm:notice-id';
export const PLAN_CODE = 'urn:ecm:plan';
export const PROVIDER_ID = 'urn:ecm:provider';
export const CARE_MANAGER_ID = 'urn:ecm:care-manager';
export const FACILITY_ID = 'urn:ecm:facility';
export const VISIT_KEY = 'urn:ecm:visit-key';

/** Extensions of ours. */
export const AUTHORIZATION_PERIOD_EXTENSION = 'urn:ecm:extension:authorization-period';
export const ACUITY_EXTENSION = 'urn:ecm:extension:acuity';
export const CONSENT_METHOD_EXTENSION = 'urn:ecm:extension:consent-method';
