import { fulfil } from '../deadline';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState } from '../journey-state';
import { AUTHORIZED_STAGES, answer, checkTimestamp, inPlanTime, outstandingDeadlineOf, withDeadlines, type ActionEnvelope, type Transition } from './action-support';
import { discontinueJourney } from './discontinue-member';
import { PLAN_OR_PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** The member's choice between ECM and the duplicative program found (R-DUPLICATIVE). */
export interface ProgramChoiceInput extends ActionEnvelope {
  readonly choice: 'ecm' | 'other_program';
  readonly at: string;
}

/** Refuses a choice nobody asked for. */
export function checkProgramChoice(state: JourneyState, input: ProgramChoiceInput, nowMs: number): void {
  if (!state.pendingProgramChoice) throw new JourneyRuleViolation(JourneyErrorCode.NoPendingProgramChoice, 'no duplicative program is waiting for the member’s choice');
  checkTimestamp(state, input.at, nowMs, { at: state.pendingProgramChoice.foundAt, what: 'the duplicative program was found' });
}

/** R-DUPLICATIVE: ECM or the other program, not both. Choosing the other program discontinues ECM. */
export function chooseProgram(state: JourneyState, input: ProgramChoiceInput, nowMs: number): Transition {
  checkProgramChoice(state, input, nowMs);
  const atMs = Date.parse(input.at);
  const at = inPlanTime(state, atMs);
  const clock = outstandingDeadlineOf(state, 'R-DUPLICATIVE');
  const { pendingProgramChoice, ...rest } = withDeadlines(state, ...(clock ? [fulfil(clock, atMs, state.policy.calendar.timeZone)] : []));
  if (input.choice === 'other_program') {
    return discontinueJourney(rest, 'chose_duplicative_program', atMs, 'program-choice', input.actor, pendingProgramChoice?.program);
  }
  return answer(rest, 'program-choice', at);
}

/**
 * R-DUPLICATIVE: ECM or the other program. It applies while a found program waits for the
 * member's choice (its check says `no_pending_program_choice` otherwise), which only an open,
 * authorized journey can have.
 */
export const chooseProgramAction = journeyAction({
  name: 'chooseProgram',
  eventKind: 'program-choice',
  stages: AUTHORIZED_STAGES,
  check: checkProgramChoice,
  apply: chooseProgram,
  route: {
    path: 'program-choice',
    summary: 'The member chooses ECM or the duplicative program',
    roles: PLAN_OR_PROVIDER,
    rules: ['R-DUPLICATIVE'],
    body: (k) => k.z.strictObject({ choice: k.z.enum(['ecm', 'other_program']), at: k.instant }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
});
