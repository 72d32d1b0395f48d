import { describe, expect, it } from 'vitest';
import { milestoneReached } from './milestone-reached';
import { recordAssessment } from './record-assessment';
import { deadlineOf, inPacific, journeyAt, ms, newJourney, perform, TIMELINE } from './testing/journey-at';

const BEST_PRACTICE = '2031-06-17T23:59:59.999-07:00';

describe('milestoneReached', () => {
  it('R-PCQ-WINDOW: the window opens and the PCQ falls due by the end of the day 14 days before the period ends', () => {
    const { state, effects, result } = milestoneReached(journeyAt('ACTIVE'), 'pcq-window-opens#1');
    expect(result).toEqual({ action: 'milestone:pcq-window-opens', stage: 'ACTIVE', at: '2032-05-04T00:00:00.000-07:00' });
    expect(effects).toEqual([]);
    expect(state.milestones?.find((m) => m.key === 'pcq-window-opens#1')?.status).toBe('reached');
    expect(deadlineOf(state, 'R-PCQ-WINDOW')).toMatchObject({ key: 'R-PCQ-WINDOW', status: 'open', startedAt: '2032-05-04T00:00:00.000-07:00', dueAt: '2032-05-20T23:59:59.999-07:00' });
  });

  it('R-PCQ-WINDOW: no clock when this period’s PCQ is already in', () => {
    const submitted = { ...journeyAt('ACTIVE'), pcq: { periodNumber: 1, submittedAt: TIMELINE.pcqSubmitted, recommendation: 'continue' as const } };
    expect(deadlineOf(milestoneReached(submitted, 'pcq-window-opens#1').state, 'R-PCQ-WINDOW')).toBeUndefined();
  });

  it('R-ASSESS-START: an assessment begun at the 7-day best practice’s last instant earns no warning; a millisecond later it does (never a breach)', () => {
    const start = (at: string) => perform(journeyAt('ENROLLED'), at, (s, now) => recordAssessment(s, { actionKey: 'start', action: 'start', at }, now)).state;
    expect(start(BEST_PRACTICE).warnings).toBeUndefined();
    const late = start(inPacific(ms(BEST_PRACTICE) + 1));
    expect(late.warnings).toEqual([{ rule: 'R-ASSESS-START', message: 'assessment not begun within the 7-day best practice', at: BEST_PRACTICE }]);
    expect(deadlineOf(late, 'R-ASSESS-START')?.status).toBe('met');
    expect(milestoneReached(journeyAt('ASSESSMENT'), 'assessment-best-practice').state.warnings).toBeUndefined();
  });

  it('R-AGE-21: turning 21 moves the member to adult criteria and ECM goes on', () => {
    const young = journeyAt('ACTIVE');
    const state = { ...young, ageGroup: 'child_youth' as const, milestones: [...(young.milestones ?? []), { key: 'turns-21', kind: 'turns-21' as const, at: '2031-09-01T00:00:00.000-07:00', status: 'pending' as const, summary: 'R-AGE-21 transition to adult criteria' }] };
    const { state: next, effects } = milestoneReached(state, 'turns-21');
    expect(next.stage).toBe('ACTIVE');
    expect(next.ageGroup).toBe('adult');
    expect(next.warnings).toEqual([{ rule: 'R-AGE-21', message: 'member turned 21: adult criteria now apply; ECM continues', at: '2031-09-01T00:00:00.000-07:00' }]);
    expect(effects).toEqual([]);
  });

  it('R-REAUTH-6M: the period ending undecided is a warning; R-AUTH-LAPSE’s own clock escalates it', () => {
    const { state, effects } = milestoneReached(journeyAt('REAUTH_REVIEW'), 'authorization-ends#1');
    expect(state.warnings).toEqual([{ rule: 'R-REAUTH-6M', message: 'authorization period 1 ended without a reauthorization decision', at: '2032-06-03T23:59:59.999-07:00' }]);
    expect(effects).toEqual([]);
  });

  it('R-AUTH-LAPSE: a period opened before the rule had its clock is breached and escalated here, once', () => {
    // The period was opened by a run without act-time judgement; a later run has it.
    const legacy = { ...journeyAt('REAUTH_REVIEW', { actTimeJudgement: false }), actTimeJudgement: true as const };
    expect(legacy.deadlines.some((d) => d.rule === 'R-AUTH-LAPSE')).toBe(false);
    const { state, effects, result } = milestoneReached(legacy, 'authorization-ends#1');
    expect(result.action).toBe('milestone:authorization-ends');
    expect(deadlineOf(state, 'R-AUTH-LAPSE')).toMatchObject({ key: 'R-AUTH-LAPSE:period-1', status: 'breached', dueAt: '2032-06-03T23:59:59.999-07:00' });
    expect(effects).toEqual([{ kind: 'escalation', deadline: deadlineOf(state, 'R-AUTH-LAPSE') }]);
    expect(state.authorizationLapse).toEqual({ periodNumber: 1, since: '2032-06-03T23:59:59.999-07:00' });
    expect(milestoneReached(state, 'authorization-ends#1').state).toBe(state);
  });

  it('R-PCQ-WINDOW: a milestone timer that fires again, or one the journey does not know, changes nothing', () => {
    const once = milestoneReached(journeyAt('ACTIVE'), 'pcq-window-opens#1').state;
    expect(milestoneReached(once, 'pcq-window-opens#1')).toEqual({ state: once, effects: [], result: { action: 'milestone', stage: 'ACTIVE', at: '2032-05-04T00:00:00.000-07:00' } });
    const fresh = newJourney();
    expect(milestoneReached(fresh, 'nope')).toEqual({ state: fresh, effects: [], result: { action: 'milestone', stage: 'REFERRED', at: '' } });
  });
});
