import { describe, expect, it } from 'vitest';
import type { ProgramName } from '../programs';
import { AUTHORIZED_STAGES } from './action-support';
import { checkProgramFindings, recordProgramFindings, type ProgramFindingsInput } from './record-program-findings';
import { after, allowedOnlyIn, deadlineOf, journeyAt, LATER, ms, perform, TIMELINE, verdictsByStage } from './testing/journey-at';

const findings = (programs: readonly ProgramName[], at: string = TIMELINE.ended, extra: Partial<ProgramFindingsInput> = {}): ProgramFindingsInput => ({ actionKey: `findings-${at}`, programs, at, ...extra });

describe('recordProgramFindings', () => {
  it('R-EXCLUDED / R-DUPLICATIVE: findings are recorded in any open stage after authorization', () => {
    expect(verdictsByStage((s) => checkProgramFindings(s, findings(['CCS'], LATER), ms(LATER)))).toEqual(allowedOnlyIn(AUTHORIZED_STAGES));
  });

  it('R-EXCLUDED: an excluded program discontinues ECM with a Notice of Action naming it', () => {
    const { state, effects } = perform(journeyAt('ACTIVE'), TIMELINE.ended, (s, now) => recordProgramFindings(s, findings(['CCS', 'PACE']), now));
    expect(state.stage).toBe('DISCONTINUED');
    expect(state.discontinuation).toEqual({ reason: 'excluded_program', at: TIMELINE.ended, detail: 'PACE' });
    expect(state.eligibilityFindings?.at(-1)).toEqual({ at: TIMELINE.ended, eligible: false, populationsOfFocus: ['1a'], excluded: ['PACE'], duplicative: [] });
    expect(effects).toContainEqual({ kind: 'notice_of_action', noticeType: 'discontinuation', reason: 'excluded_program: PACE', decidedAt: TIMELINE.ended, recipients: ['member'] });
  });

  it('R-DUPLICATIVE: a duplicative program asks the member to choose within the plan’s time (30 days by default); a second finding opens no second clock', () => {
    const { state, effects } = perform(journeyAt('ACTIVE'), TIMELINE.ended, (s, now) => recordProgramFindings(s, findings(['MSSP']), now));
    expect(effects).toEqual([]);
    expect(state.stage).toBe('ACTIVE');
    expect(state.pendingProgramChoice).toEqual({ program: 'MSSP', foundAt: TIMELINE.ended });
    expect(deadlineOf(state, 'R-DUPLICATIVE')).toMatchObject({ status: 'open', party: 'provider', dueAt: '2031-07-31T23:59:59.999-07:00' });
    const again = after(state, LATER, (s, now) => recordProgramFindings(s, findings(['ALW'], LATER), now));
    expect(again.deadlines.filter((d) => d.rule === 'R-DUPLICATIVE')).toHaveLength(1);
    expect(again.pendingProgramChoice?.program).toBe('MSSP');
    expect(again.eligibilityFindings?.at(-1)?.duplicative).toEqual(['ALW']);
  });

  it('R-DUPLICATIVE: a complementary program is only recorded', () => {
    const before = journeyAt('ACTIVE');
    const state = after(before, TIMELINE.ended, (s, now) => recordProgramFindings(s, findings(['CCS', 'IHSS']), now));
    expect(state.stage).toBe('ACTIVE');
    expect(state.pendingProgramChoice).toBeUndefined();
    expect(state.deadlines).toEqual(before.deadlines);
    expect(state.eligibilityFindings?.at(-1)).toMatchObject({ eligible: true, excluded: [], duplicative: [] });
  });

  it('R-ELIGIBILITY: the provider’s evaluation is kept with its reasons and Populations of Focus; only the last 10 findings are kept', () => {
    const evaluation = { eligible: false, populationsOfFocus: ['3'], reasons: ['no qualifying condition'] };
    const state = after(journeyAt('OUTREACH'), TIMELINE.enrolled, (s, now) => recordProgramFindings(s, findings([], TIMELINE.enrolled, { evaluation }), now));
    expect(state.stage).toBe('OUTREACH');
    expect(state.eligibilityFindings?.at(-1)).toEqual({ at: TIMELINE.enrolled, eligible: false, populationsOfFocus: ['3'], excluded: [], duplicative: [], reasons: ['no qualifying condition'] });
    let many = state;
    for (let n = 0; n < 12; n++) many = after(many, TIMELINE.enrolled, (s, now) => recordProgramFindings(s, findings(['CCS'], TIMELINE.enrolled), now));
    expect(many.eligibilityFindings).toHaveLength(10);
  });
});
