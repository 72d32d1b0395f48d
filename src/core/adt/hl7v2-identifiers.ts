/**
 * PID-3, the patient identifier list (CX, repeating): which repetition is the Medi-Cal CIN, which
 * the plan's member number, and every other identifier with its issuer. A CX is `ID^check digit^
 * check scheme^assigning authority^identifier type^assigning facility`; the authority is an HD whose
 * namespace (`&`-subcomponent 1) or universal ID (subcomponent 2, often an OID:
 * `&2.16.840.1.113883.3.x&ISO`) is matched, case-insensitively. Each feed may bring its own rules
 * (src/core/adt/hl7-feeds.ts), since hospitals disagree on where they put the CIN.
 */
import { type AdtEvent, CIN_PATTERN, type OtherIdentifier } from './adt-event';
import type { Hl7Encoding } from './hl7v2-encoding';
import type { Hl7Issue } from './hl7v2-header';
import { fieldValue, type Hl7Segment, repetitionCount } from './hl7v2-read';

/**
 * A CX that is a CIN by the pair of its authority and type: `{ assigningAuthority: '2.16.840.1.
 * 113883.3.1', identifierType: 'PI' }`. `identifierType: ''` means untyped (CX-5 empty); an omitted
 * part matches anything.
 */
export interface CinIdentifierRule {
  readonly assigningAuthority?: string;
  readonly identifierType?: string;
}

/** How PID-3 identifiers are recognised. */
export interface IdentifierRules {
  /**
   * Identifier types (CX-5) that mark a Medi-Cal CIN. HL7 table 0203 names a patient's Medicaid
   * number `MA`; `MCD` (strictly "practitioner Medicaid number") is what many feeds put in PID-3
   * for the same thing, and a practitioner number has no business in a patient identifier list.
   */
  readonly cinIdentifierTypes: readonly string[];
  /** Assigning authorities (CX-4) that mark a Medi-Cal CIN whatever its type, e.g. `MEDI-CAL`. */
  readonly cinAssigningAuthorities: readonly string[];
  /** Authority-and-type pairs that mark a CIN where neither alone does (a type `PI` is also an MRN's). */
  readonly cinRules?: readonly CinIdentifierRule[];
  /** Identifier types (CX-5) of the plan's member number; table 0203 `MB` is "member number". */
  readonly planMemberIdentifierTypes: readonly string[];
}

/** The identifier rules used unless a feed's configuration says otherwise. */
export const DEFAULT_IDENTIFIER_RULES = {
  cinIdentifierTypes: ['MA', 'MCD'],
  cinAssigningAuthorities: ['MEDI-CAL', 'MEDICAL', 'MEDI_CAL', 'DHCS'],
  cinRules: [],
  planMemberIdentifierTypes: ['MB'],
} as const satisfies IdentifierRules;

function matches(value: string, candidates: readonly string[]): boolean {
  const upper = value.toUpperCase();
  return upper !== '' && candidates.some((candidate) => candidate.toUpperCase() === upper);
}

function matchesRule(rule: CinIdentifierRule, authorities: readonly string[], type: string): boolean {
  const authorityOk = rule.assigningAuthority === undefined || matches(rule.assigningAuthority, authorities.filter((a) => a !== ''));
  const typeOk = rule.identifierType === undefined || rule.identifierType.toUpperCase() === type.toUpperCase();
  return authorityOk && typeOk;
}

/** Reads PID-3; `undefined` (with issues pushed) when it cannot identify the member. */
export function readIdentifiers(pid: Hl7Segment, encoding: Hl7Encoding, rules: IdentifierRules, issues: Hl7Issue[]): AdtEvent['memberIdentifiers'] | undefined {
  const cins = new Set<string>();
  const planMemberIds = new Set<string>();
  const other: OtherIdentifier[] = [];
  for (let repetition = 0; repetition < repetitionCount(pid, 3); repetition += 1) {
    const value = fieldValue(pid, encoding, 3, { repetition }).trim();
    if (value === '') continue;
    // CX-4 is an HD inside a component, so its namespace and universal IDs are subcomponents.
    const namespace = fieldValue(pid, encoding, 3, { repetition, component: 4, subcomponent: 1 }).trim();
    const universalId = fieldValue(pid, encoding, 3, { repetition, component: 4, subcomponent: 2 }).trim();
    const type = fieldValue(pid, encoding, 3, { repetition, component: 5 }).trim();
    const isCin =
      matches(type, rules.cinIdentifierTypes) ||
      matches(namespace, rules.cinAssigningAuthorities) ||
      matches(universalId, rules.cinAssigningAuthorities) ||
      (rules.cinRules ?? []).some((rule) => matchesRule(rule, [namespace, universalId], type));
    // CINs are compared case-insensitively (src/infra/identity.ts); one spelling keeps duplicates apart from conflicts.
    if (isCin) cins.add(value.toUpperCase());
    else if (matches(type, rules.planMemberIdentifierTypes)) planMemberIds.add(value);
    else other.push({ system: [namespace || universalId, type].filter((part) => part !== '').join(':') || 'unknown', value });
  }
  const [cin] = cins;
  const [planMemberId] = planMemberIds;
  const before = issues.length;
  if (cins.size === 0 && planMemberIds.size === 0 && other.length === 0) {
    issues.push({ code: 101, segment: 'PID', position: 3, message: 'PID-3 patient identifier list is required' });
  }
  if (cins.size > 1) issues.push({ code: 102, segment: 'PID', position: 3, message: 'PID-3 carries more than one Medi-Cal CIN' });
  if (cin !== undefined && !CIN_PATTERN.test(cin)) {
    issues.push({ code: 102, segment: 'PID', position: 3, message: 'PID-3 Medi-Cal CIN must be 8 to 14 letters and digits' });
  }
  if (planMemberIds.size > 1) issues.push({ code: 102, segment: 'PID', position: 3, message: 'PID-3 carries more than one plan member ID' });
  if (issues.length > before) return undefined;
  return {
    ...(cin === undefined ? {} : { cin }),
    ...(planMemberId === undefined ? {} : { planMemberId }),
    other,
  };
}
