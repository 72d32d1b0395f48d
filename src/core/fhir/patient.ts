/** The member's Patient resource: the only place the export carries PHI (`?include=patient`). */
import type { ContactPoint, Patient } from 'fhir/r4';
import * as cs from './code-systems';
import type { MemberDemographics } from './member-record';
import { patientId } from './references';

export function memberPatient(memberId: string, d: MemberDemographics): Patient {
  const telecom: ContactPoint[] = [
    ...(d.contact.phone ? [{ system: 'phone' as const, value: d.contact.phone }] : []),
    ...(d.contact.email ? [{ system: 'email' as const, value: d.contact.email }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: patientId(memberId),
    identifier: [
      { system: cs.MEMBER_ID, value: memberId },
      { type: { coding: [{ system: cs.V2_IDENTIFIER_TYPE, code: 'MA', display: 'Patient Medicaid number' }], text: 'Medi-Cal CIN' }, system: cs.MEDI_CAL_CIN, value: d.cin },
    ],
    name: [{ family: d.familyName, given: [d.givenName] }],
    birthDate: d.dateOfBirth,
    ...(telecom.length ? { telecom } : {}),
    ...(d.contact.address ? { address: [{ text: d.contact.address }] } : {}),
  };
}
