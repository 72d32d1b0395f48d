import { describe, expect, it } from 'vitest';
import { JOURNEY_STAGES } from '../../journey-stage';
import { isOverdue } from '../../deadline';
import { journeyAt, runClockTo, ms, TIMELINE, newJourney } from './journey-at';

describe('the unit tests’ journey builder', () => {
  it.each(JOURNEY_STAGES)('reaches %s through the pure actions, on the timeline, with no deadline breached', (stage) => {
    const state = journeyAt(stage);
    expect(state.stage).toBe(stage);
    expect(state.deadlines.filter((d) => d.status === 'breached')).toEqual([]);
    expect(state.actTimeJudgement).toBe(true);
  });

  it('ECM-RULES §1: the clock breaches a deadline at its due instant and not a millisecond before', () => {
    const state = newJourney();
    const due = ms(state.deadlines.find((d) => d.rule === 'R-AUTH-ROUTINE')!.dueAt);
    expect(runClockTo(state, due - 1).deadlines.some(isOverdue)).toBe(false);
    expect(runClockTo(state, due).deadlines.find((d) => d.rule === 'R-AUTH-ROUTINE')).toMatchObject({ status: 'breached', breachedAt: state.deadlines[0]!.dueAt });
    expect(ms(TIMELINE.authorized)).toBeLessThan(due);
  });
});
