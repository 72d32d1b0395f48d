import { describe, expect, it } from 'vitest';
import { JOURNEY_STAGES } from '../journey-stage';
import { JourneyErrorCode } from '../errors';
import { checkProgramChoice, chooseProgram, type ProgramChoiceInput } from './choose-program';
import { recordProgramFindings } from './record-program-findings';
import { clockOf, after, deadlineOf, inPacific, journeyAt, LATER, ms, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const choose = (choice: ProgramChoiceInput['choice'], at = LATER): ProgramChoiceInput => ({ actionKey: `choose-${choice}-${at}`, choice, at });
const FOUND = TIMELINE.ended;
const DUPLICATIVE_DUE = '2031-07-31T23:59:59.999-07:00';
const pending = () => after(journeyAt('ACTIVE'), FOUND, (s, now) => recordProgramFindings(s, { actionKey: 'findings', programs: ['MSSP'], at: FOUND }, now));

describe('chooseProgram', () => {
  it('R-DUPLICATIVE: a choice nobody asked for is refused in every stage', () => {
    expect(verdictsByStage((s) => checkProgramChoice(s, choose('ecm'), ms(LATER)))).toEqual(Object.fromEntries(JOURNEY_STAGES.map((s) => [s, JourneyErrorCode.NoPendingProgramChoice])));
  });

  it('R-DUPLICATIVE: choosing ECM meets the deadline and clears the question; ECM goes on', () => {
    const at = '2031-07-10T10:00:00.000-07:00';
    const { state, effects, result } = perform(pending(), at, (s, now) => chooseProgram(s, choose('ecm', at), now));
    expect(result).toEqual({ action: 'program-choice', stage: 'ACTIVE', at });
    expect(effects).toEqual([]);
    expect(state.pendingProgramChoice).toBeUndefined();
    expect(clockOf(state, 'R-DUPLICATIVE')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: at });
  });

  it('R-DUPLICATIVE: choosing the other program discontinues ECM with a Notice of Action naming it', () => {
    const at = '2031-07-10T10:00:00.000-07:00';
    const { state, effects } = perform(pending(), at, (s, now) => chooseProgram(s, choose('other_program', at), now));
    expect(state.stage).toBe('DISCONTINUED');
    expect(state.discontinuation).toEqual({ reason: 'chose_duplicative_program', at, detail: 'MSSP' });
    expect(deadlineOf(state, 'R-DUPLICATIVE')?.status).toBe('met');
    expect(effects).toContainEqual({ kind: 'notice_of_action', noticeType: 'discontinuation', reason: 'chose_duplicative_program: MSSP', decidedAt: at, recipients: ['member'] });
  });

  it('R-DUPLICATIVE: a choice at the due instant is met; a millisecond later it is breached', () => {
    const chosen = (at: string) => clockOf(after(pending(), at, (s, now) => chooseProgram(s, choose('ecm', at), now)), 'R-DUPLICATIVE');
    expect(chosen(DUPLICATIVE_DUE)).toMatchObject({ status: 'met', documentedLate: false });
    expect(chosen(inPacific(ms(DUPLICATIVE_DUE) + 1))).toMatchObject({ status: 'breached', breachedAt: DUPLICATIVE_DUE });
  });

  it('R-DUPLICATIVE: a choice dated before the program was found is out of order', () => {
    expect(verdict(() => checkProgramChoice(pending(), choose('ecm', inPacific(ms(FOUND) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
  });
});
