/**
 * R-ELIGIBILITY at the provider's confirmation during outreach: the member's facts, judged by the
 * eligibility engine, reach the journey as program findings (the journey judges them there).
 */
import { evaluateEligibility } from '../../eligibility';
import { PROVIDER } from '../../roles';
import { journeyActionAlias } from './journey-action';
import { recordProgramFindingsAction } from './record-program-findings';

export const confirmEligibilityAction = journeyActionAlias({
  name: 'confirmEligibility',
  eventKind: 'eligibility-confirmation',
  via: recordProgramFindingsAction,
  route: {
    path: 'eligibility-confirmation',
    summary: 'The provider confirms eligibility during outreach',
    roles: PROVIDER,
    rules: ['R-ELIGIBILITY'],
    body: (k) =>
      k.z
        .strictObject({ facts: k.memberFacts, at: k.instant })
        .refine((b) => b.facts.dateOfBirth <= b.at.slice(0, 10), { path: ['facts', 'dateOfBirth'], message: 'must not be after at' }),
    toInput: (b, actionKey) => {
      const evaluation = evaluateEligibility(b.facts, b.at.slice(0, 10));
      return {
        actionKey,
        at: b.at,
        programs: b.facts.programs ?? [],
        evaluation: { eligible: evaluation.eligible, populationsOfFocus: evaluation.populationsOfFocusMet, reasons: [...evaluation.eligibilityReasons, ...evaluation.ineligibilityReasons] },
      };
    },
  },
});
