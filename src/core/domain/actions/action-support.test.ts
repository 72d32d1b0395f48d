import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { cancelOpenDeadlines, checkTimestamp, nextDeadlineKey, outstandingDeadlineOf, requireReason, requireStage, withStage } from './action-support';
import { deadlineOf, inPacific, journeyAt, ms, newJourney, runClockTo, TIMELINE, verdict } from './testing/journey-at';

describe('what every action shares', () => {
  it('ECM-RULES §1: a timestamp up to 2 minutes ahead of the clock is accepted, not one more millisecond; nor one before the referral or its trigger', () => {
    const state = newJourney();
    const now = ms(TIMELINE.authorized);
    expect(checkTimestamp(state, inPacific(now + 120_000), now)).toBe(now + 120_000);
    expect(verdict(() => checkTimestamp(state, inPacific(now + 120_001), now))).toBe(JourneyErrorCode.TimestampInFuture);
    expect(verdict(() => checkTimestamp(state, inPacific(ms(TIMELINE.received) - 1), now))).toBe(JourneyErrorCode.TimestampBeforeJourney);
    const trigger = { at: TIMELINE.authorized, what: 'the authorization' };
    expect(() => checkTimestamp(state, inPacific(now - 1), now, trigger)).toThrow(`is before the authorization (${TIMELINE.authorized})`);
  });

  it('ECM-RULES §5: an action in the wrong stage is refused with the stages it needs', () => {
    expect(() => requireStage(newJourney(), ['OUTREACH', 'ENROLLED'], 'Doing it')).toThrow('Doing it is not allowed while the journey is REFERRED; it needs OUTREACH or ENROLLED');
    expect(verdict(() => requireStage(newJourney(), ['REFERRED'], 'Doing it'))).toBe('allowed');
  });

  it('R-DENIAL-NOA: a reason is trimmed and must say something', () => {
    expect(requireReason('  capacity  ', 'x')).toBe('capacity');
    expect(verdict(() => requireReason(undefined, 'x'))).toBe(JourneyErrorCode.ReasonRequired);
  });

  it('ECM-RULES §5: a move to the same stage leaves the history alone; a move records who acted', () => {
    const state = newJourney();
    expect(withStage(state, 'REFERRED', TIMELINE.authorized, 'noop')).toBe(state);
    expect(withStage(state, 'AUTHORIZED', TIMELINE.authorized, 'authorization', 'plan-user').stageHistory.at(-1)).toEqual({ stage: 'AUTHORIZED', at: TIMELINE.authorized, action: 'authorization', actor: 'plan-user' });
  });

  it('ECM-RULES §1: a breached deadline still waits for its act until the journey ends, which closes it without one; open ones are cancelled', () => {
    const overdue = runClockTo(journeyAt('AUTHORIZED'), ms('2031-06-11T00:00:00.000-07:00'));
    expect(outstandingDeadlineOf(overdue, 'R-ASSIGN')?.status).toBe('breached');
    const ended = cancelOpenDeadlines(overdue, ms('2031-06-12T00:00:00.000-07:00'), 'journey ended');
    expect(deadlineOf(ended, 'R-ASSIGN')).toMatchObject({ status: 'breached', closedWithoutAct: 'journey ended' });
    expect(outstandingDeadlineOf(ended, 'R-ASSIGN')).toBeUndefined();
    expect(deadlineOf(ended, 'R-AUTH-LAPSE')).toMatchObject({ status: 'cancelled', cancelledAt: '2031-06-12T00:00:00.000-07:00', cancelReason: 'journey ended' });
    expect(ended.milestones?.map((m) => m.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('R-ASSIGN: a rule that runs again gets a numbered key', () => {
    expect(nextDeadlineKey(newJourney(), 'R-ASSIGN')).toBe('R-ASSIGN#2');
    expect(nextDeadlineKey(newJourney(), 'R-LCM-72H')).toBe('R-LCM-72H');
  });
});
