import { openDeadline } from '../deadline';
import type { JourneyState } from '../journey-state';
import { turnaroundOf } from '../plan-policy';
import { KNOWN_PROGRAMS, programKind, type ProgramName } from '../programs';
import { AUTHORIZED_STAGES, answer, checkTimestamp, inPlanTime, nextDeadlineKey, requireStage, withDeadlines, type ActionEnvelope, type Transition } from './action-support';
import { discontinueJourney } from './discontinue-member';
import { PLAN_OR_PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** Other programs the member was found enrolled in (eligibility confirmation during outreach, the MIF). */
export interface ProgramFindingsInput extends ActionEnvelope {
  readonly programs: readonly ProgramName[];
  readonly at: string;
  /** R-ELIGIBILITY's evaluation, when the finding came from the provider's eligibility confirmation. */
  readonly evaluation?: { readonly eligible: boolean; readonly populationsOfFocus: readonly string[]; readonly reasons: readonly string[] };
}

const ACTION = 'program-findings';

/** Refuses findings that do not fit. */
export function checkProgramFindings(state: JourneyState, input: ProgramFindingsInput, nowMs: number): void {
  requireStage(state, AUTHORIZED_STAGES, 'Recording program findings');
  checkTimestamp(state, input.at, nowMs);
}

/**
 * R-EXCLUDED: an excluded program discontinues ECM (with a Notice of Action). R-DUPLICATIVE: a
 * duplicative program makes the member choose, within the plan's configured time; the journey
 * waits for that choice. Complementary programs are only recorded.
 */
export function recordProgramFindings(state: JourneyState, input: ProgramFindingsInput, nowMs: number): Transition {
  checkProgramFindings(state, input, nowMs);
  const atMs = Date.parse(input.at);
  const at = inPlanTime(state, atMs);
  const excluded = input.programs.filter((p) => programKind(p) === 'excluded');
  const duplicative = input.programs.filter((p) => programKind(p) === 'duplicative');
  const finding = {
    at,
    eligible: (input.evaluation?.eligible ?? true) && excluded.length === 0,
    populationsOfFocus: input.evaluation?.populationsOfFocus ?? state.referral.populationsOfFocus,
    excluded,
    duplicative,
    ...(input.evaluation ? { reasons: input.evaluation.reasons } : {}),
  };
  const recorded = { ...state, eligibilityFindings: [...(state.eligibilityFindings ?? []).slice(-9), finding] };
  if (excluded.length) return discontinueJourney(recorded, 'excluded_program', atMs, ACTION, input.actor, excluded.join(', '));
  const [program] = duplicative;
  if (!program || state.pendingProgramChoice) return answer(recorded, ACTION, at);
  const next = withDeadlines(
    { ...recorded, pendingProgramChoice: { program, foundAt: at } },
    openDeadline(state.policy, 'R-DUPLICATIVE', nextDeadlineKey(state, 'R-DUPLICATIVE'), atMs, turnaroundOf(state.policy, 'R-DUPLICATIVE')),
  );
  return answer(next, ACTION, at);
}

/** R-EXCLUDED / R-DUPLICATIVE: programs the member was found in. */
export const recordProgramFindingsAction = journeyAction({
  name: 'recordProgramFindings',
  eventKind: ACTION,
  stages: AUTHORIZED_STAGES,
  check: checkProgramFindings,
  apply: recordProgramFindings,
  route: {
    path: 'program-findings',
    summary: 'Programs the member was found enrolled in',
    roles: PLAN_OR_PROVIDER,
    rules: ['R-EXCLUDED', 'R-DUPLICATIVE'],
    body: (k) => k.z.strictObject({ programs: k.z.array(k.z.enum(KNOWN_PROGRAMS)).min(1).max(20), at: k.instant }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
});
