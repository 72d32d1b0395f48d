import { programKind, type ProgramName } from '../domain/programs';
import { ADULT_AGE, ageOn } from './age';
import type { MemberFacts } from './facts';
import { POPULATIONS_OF_FOCUS, type PopulationOfFocusResult } from './populations-of-focus';

/** The engine's answer, with a reason for every verdict. */
export interface EligibilityEvaluation {
  readonly asOf: string;
  readonly eligible: boolean;
  readonly age: number;
  readonly ageGroup: 'adult' | 'child_youth';
  readonly populationsOfFocus: readonly PopulationOfFocusResult[];
  readonly populationsOfFocusMet: readonly string[];
  /** R-EXCLUDED: programs that rule ECM out. */
  readonly exclusions: readonly { readonly program: ProgramName; readonly reason: string }[];
  /** R-DUPLICATIVE: programs the member must choose between and ECM. */
  readonly duplications: readonly { readonly program: ProgramName; readonly reason: string }[];
  readonly requiresProgramChoice: boolean;
  readonly complementary: readonly ProgramName[];
  readonly ineligibilityReasons: readonly string[];
  readonly eligibilityReasons: readonly string[];
}

/**
 * R-ELIGIBILITY: eligible when enrolled in Medi-Cal managed care, in at least one Population of
 * Focus (or arriving under continuity of care, R-CONTINUITY), in no excluded program, and with no
 * share of cost other than long-term care's. Pure and deterministic: the same facts and `asOf`
 * give the same answer, in a workflow or in the API.
 */
export function evaluateEligibility(facts: MemberFacts, asOf: string): EligibilityEvaluation {
  const age = ageOn(facts.dateOfBirth, asOf);
  const adult = age >= ADULT_AGE;
  const populationsOfFocus = POPULATIONS_OF_FOCUS.map((pof) => pof({ facts, asOf, adult, age }));
  const met = populationsOfFocus.filter((p) => p.met).map((p) => p.code);
  const programs = facts.programs ?? [];
  const exclusions = programs.filter((p) => programKind(p) === 'excluded').map((program) => ({ program, reason: `${program} excludes ECM (R-EXCLUDED)` }));
  const duplications = programs.filter((p) => programKind(p) === 'duplicative').map((program) => ({ program, reason: `${program} duplicates ECM: the member must choose one (R-DUPLICATIVE)` }));
  const ineligibilityReasons = [
    ...(facts.enrolledInMediCalManagedCare ? [] : ['not enrolled in Medi-Cal managed care']),
    ...(met.length || facts.continuityOfCare ? [] : ['meets no Population of Focus']),
    ...exclusions.map((e) => e.reason),
    ...(facts.shareOfCost === 'other' ? ['has a share of cost (only a long-term-care share of cost is allowed)'] : []),
  ];
  return {
    asOf,
    eligible: ineligibilityReasons.length === 0,
    age,
    ageGroup: adult ? 'adult' : 'child_youth',
    populationsOfFocus,
    populationsOfFocusMet: met,
    exclusions,
    duplications,
    requiresProgramChoice: duplications.length > 0,
    complementary: programs.filter((p) => programKind(p) === 'complementary'),
    ineligibilityReasons,
    eligibilityReasons: [
      ...met.map((code) => `meets Population of Focus ${code}`),
      ...(facts.continuityOfCare ? ['continuity of care: had ECM in the previous plan, no Population of Focus to re-prove (R-CONTINUITY)'] : []),
      ...(facts.shareOfCost === 'long_term_care' ? ['long-term-care share of cost is allowed'] : []),
    ],
  };
}
