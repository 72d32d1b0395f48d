/**
 * R-OPT-IN: each documented opt-in as a Consent that permits ECM (inactive once the member opted
 * out later), and each opt-out as a Consent that denies it.
 */
import type { Consent } from 'fhir/r4';
import * as cs from './code-systems';
import type { RecordConsent } from './member-record';
import { fhirId, patientRef } from './references';

/** Oldest first; ids by position, stable because consents are only ever added. */
export function consents(memberId: string, given: readonly RecordConsent[]): Consent[] {
  const ordered = [...given].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return ordered.map((c, i) => {
    const optOutAfter = c.kind === 'opt_in' ? ordered.slice(i + 1).find((o) => o.kind === 'opt_out') : undefined;
    return {
      resourceType: 'Consent',
      id: fhirId('consent', String(i + 1)),
      ...(c.method ? { extension: [{ url: cs.CONSENT_METHOD_EXTENSION, valueCode: c.method }] } : {}),
      status: c.kind === 'opt_in' && optOutAfter ? 'inactive' : 'active',
      scope: { coding: [{ system: cs.CONSENT_SCOPE, code: 'treatment', display: 'Treatment' }] },
      category: [{ coding: [{ system: cs.LOINC, code: '59284-0', display: 'Consent Document' }] }],
      patient: patientRef(memberId),
      dateTime: c.at,
      policyRule: { coding: [{ system: cs.CONSENT_POLICY, code: 'ecm-opt-in', display: 'ECM participation is voluntary: the member opts in (R-OPT-IN)' }] },
      provision: {
        type: c.kind === 'opt_in' ? 'permit' : 'deny',
        period: { start: c.at, ...(optOutAfter ? { end: optOutAfter.at } : {}) },
      },
    };
  });
}
