/**
 * The fields each monthly file can carry, and the default column order and headers. The default
 * follows the list, which follows the public implementations of these files (DHCS ECM
 * RTF/OTF and the Staffing and Capacity report); a plan reorders, renames or drops columns in its
 * template (./report-templates.ts).
 */

/** Which file. */
export const REPORT_KINDS = ['rtf', 'otf', 'capacity'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

type Columns = readonly (readonly [field: string, header: string])[];

/** RTF: one row per assigned member per provider per month. */
export const RTF_COLUMNS = [
  ['planMcpId', 'MCP Identifier'],
  ['planName', 'MCP Name'],
  ['memberCin', 'Member CIN'],
  ['memberLastName', 'Member Last Name'],
  ['memberFirstName', 'Member First Name'],
  ['newAddressIndicator', 'New Address Indicator'],
  ['homelessnessIndicator', 'Homelessness Indicator'],
  ['memberAddress', 'Member Address'],
  ['memberPhone', 'Member Phone'],
  ['pofIndicator', 'POF Indicator'],
  ['populationsOfFocus', 'Populations of Focus'],
  ['ecmStatus', 'Member ECM Status'],
  ['acuity', 'Acuity'],
  ['enrollmentStartDate', 'ECM Enrollment Start Date'],
  ['enrollmentEndDate', 'ECM Enrollment End Date'],
  ['latestCarePlanRevisionDate', 'Date of Latest Care Plan Revision'],
  ['mostRecentCareConferenceDate', 'Most Recent Care Conference Date'],
  ['assessmentStartDate', 'Date Assessment Started'],
  ['mostRecentCompletedAssessmentDate', 'Most Recent Completed Assessment Date'],
  ['mostRecentEncounterDate', 'Most Recent Encounter Date'],
  ['leadCareManagerName', 'Lead Care Manager Name'],
  ['leadCareManagerPhone', 'Lead Care Manager Phone'],
  ['leadCareManagerEmail', 'Lead Care Manager Email'],
  ['discontinuationDate', 'ECM Discontinuation Date'],
  ['discontinuationReasonCode', 'Discontinuation Reason Code'],
  ['discontinuationReason', 'Discontinuation Reason'],
  ['contactMode', 'Contact Mode'],
  ['rtfProductionDate', 'RTF Production Date'],
  ['mifReportingPeriod', 'MIF Reporting Period'],
  ['providerName', 'ECM Provider Name'],
  ['providerNpi', 'ECM Provider NPI'],
  ['providerTin', 'ECM Provider TIN'],
  ['providerPhone', 'ECM Provider Phone'],
  ['closedLoopReferralStatus', 'Closed Loop Referral Status'],
  ['closedLoopReferralStatusDate', 'Date of Referral Status Update'],
  ['closedLoopReferralClosureReason', 'Reason for Loop Closure'],
] as const satisfies Columns;

/** OTF: one row per outreach attempt in the month. */
export const OTF_COLUMNS = [
  ['planMcpId', 'MCP Identifier'],
  ['planName', 'MCP Name'],
  ['providerName', 'ECM Provider Name'],
  ['providerNpi', 'ECM Provider NPI'],
  ['providerTin', 'ECM Provider TIN'],
  ['providerType', 'ECM Provider Type'],
  ['memberName', 'Client Name'],
  ['memberCin', 'Member CIN'],
  ['attemptDate', 'Outreach Attempt Date'],
  ['attemptMethod', 'Outreach Attempt Method'],
  ['attemptSuccessful', 'Outreach Attempt Successful'],
  ['attemptMinutes', 'Time Spent (minutes)'],
] as const satisfies Columns;

/** Staffing and Capacity: one row per Lead Care Manager, then one total row per provider. */
export const CAPACITY_COLUMNS = [
  ['providerName', 'ECM Provider Name'],
  ['providerNpi', 'ECM Provider NPI'],
  ['providerTin', 'ECM Provider TIN'],
  ['rowType', 'Row Type'],
  ['leadCareManagerId', 'Lead Care Manager ID'],
  ['leadCareManagerName', 'Lead Care Manager Name'],
  ['leadCareManagerPhone', 'Lead Care Manager Phone'],
  ['leadCareManagerEmail', 'Lead Care Manager Email'],
  ['caseload', 'Current Caseload'],
  ['caseloadLimit', 'Caseload Limit (R-CASELOAD-50)'],
  ['capacityLeft', 'Capacity Left'],
  ['reportingPeriod', 'Reporting Period'],
] as const satisfies Columns;

export type RtfField = (typeof RTF_COLUMNS)[number][0];
export type OtfField = (typeof OTF_COLUMNS)[number][0];
export type CapacityField = (typeof CAPACITY_COLUMNS)[number][0];

/** A row of a file, by field; an empty string for what the record does not have. */
export type ReportRecord<F extends string> = Readonly<Record<F, string>>;

/** The default columns of each file. */
export const DEFAULT_COLUMNS: Readonly<Record<ReportKind, Columns>> = { rtf: RTF_COLUMNS, otf: OTF_COLUMNS, capacity: CAPACITY_COLUMNS };
