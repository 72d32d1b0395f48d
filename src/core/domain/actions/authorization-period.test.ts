import { describe, expect, it } from 'vitest';
import { effectiveDateOf, lapseDeadlineKey, withAgeMilestone, withAuthorizationPeriod } from './authorization-period';
import { ms, newJourney } from './testing/journey-at';

describe('authorization periods', () => {
  it('R-AUTH-12M: the first period runs 12 months to the day before the same date, clamped at a month’s end', () => {
    expect(withAuthorizationPeriod(newJourney(), 'initial', '2031-06-04').authorizationPeriods).toEqual([{ number: 1, kind: 'initial', start: '2031-06-04', end: '2032-06-03' }]);
    expect(withAuthorizationPeriod(newJourney(), 'initial', '2031-03-31').authorizationPeriods?.[0]?.end).toBe('2032-03-30');
  });

  it('R-REAUTH-6M: a renewal runs 6 months and is numbered after the last; 31 August runs to 28 February in a leap year', () => {
    const first = withAuthorizationPeriod(newJourney(), 'initial', '2030-09-01');
    const renewed = withAuthorizationPeriod(first, 'reauthorization', '2031-08-31');
    expect(renewed.authorizationPeriods?.[1]).toEqual({ number: 2, kind: 'reauthorization', start: '2031-08-31', end: '2032-02-28' });
    expect(renewed.milestones?.map((m) => [m.key, m.summary])).toEqual([
      ['pcq-window-opens#1', 'R-PCQ-WINDOW opens 2031-08-01'],
      ['authorization-ends#1', 'R-AUTH-12M period 1 ends 2031-08-31'],
      ['pcq-window-opens#2', 'R-PCQ-WINDOW opens 2032-01-29'],
      ['authorization-ends#2', 'R-REAUTH-6M period 2 ends 2032-02-28'],
    ]);
  });

  it('R-AUTH-LAPSE: each period has its own clock, due at the end of its last day, for journeys judged by act time only', () => {
    const state = withAuthorizationPeriod(newJourney(), 'initial', '2031-06-04');
    expect(state.deadlines.find((d) => d.rule === 'R-AUTH-LAPSE')).toMatchObject({
      key: lapseDeadlineKey(1),
      status: 'open',
      party: 'plan',
      startedAt: '2031-06-04T00:00:00.000-07:00',
      dueAt: '2032-06-03T23:59:59.999-07:00',
    });
    expect(lapseDeadlineKey(3)).toBe('R-AUTH-LAPSE:period-3');
    expect(withAuthorizationPeriod(newJourney({ actTimeJudgement: false }), 'initial', '2031-06-04').deadlines.some((d) => d.rule === 'R-AUTH-LAPSE')).toBe(false);
  });

  it('R-AUTH-12M: a decision takes effect on its local date in the plan’s zone (23:30 Pacific is still that day)', () => {
    expect(effectiveDateOf(newJourney(), ms('2031-06-04T23:30:00.000-07:00'))).toBe('2031-06-04');
    expect(effectiveDateOf(newJourney(), ms('2031-06-05T00:00:00.000-07:00'))).toBe('2031-06-05');
  });

  it('R-AGE-21: without a transition date the member is adult and no timer is set; an age group already known is kept', () => {
    const state = newJourney();
    expect(withAgeMilestone({ ...state, ageGroup: undefined }).ageGroup).toBe('adult');
    expect(withAgeMilestone({ ...state, ageGroup: 'child_youth' }).ageGroup).toBe('child_youth');
    expect(withAgeMilestone(state).milestones).toBeUndefined();
  });
});
