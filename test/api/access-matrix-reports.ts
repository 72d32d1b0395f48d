/** The access matrix's calls for issue 12's monthly files (RTF, OTF, Staffing and Capacity). */
const file = (kind: string) => (_t: unknown, at: string) => ({ path: `/v1/reports/${kind}?provider=PROV-ACME&month=${at.slice(0, 7)}` });

/** Each file from an assigned member of the own provider: the own plan's and the own provider's to read. */
export const REPORT_FIXTURES = {
  getReturnTransmissionFile: { from: 'assigned', call: file('rtf') },
  getOutreachTrackerFile: { from: 'assigned', call: file('otf') },
  getStaffingCapacityReport: { from: 'assigned', call: file('capacity') },
} as const;
