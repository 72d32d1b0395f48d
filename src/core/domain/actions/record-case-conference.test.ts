import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { ENROLLED_STAGES } from './action-support';
import { checkCaseConference, recordCaseConference } from './record-case-conference';
import { allowedOnlyIn, inPacific, journeyAt, LATER, ms, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const conference = (at: string) => ({ actionKey: `conference-${at}`, at, participants: ['LCM-0001', 'PCP-0001'] });

describe('recordCaseConference', () => {
  it('R-GRADUATION: a case conference is recorded for an enrolled member (ENROLLED onwards, while open)', () => {
    expect(verdictsByStage((s) => checkCaseConference(s, conference(LATER), ms(LATER)))).toEqual(allowedOnlyIn(ENROLLED_STAGES));
  });

  it('R-GRADUATION: the conference is kept with its participants; stage and clocks are unchanged', () => {
    const before = journeyAt('ACTIVE');
    const { state, effects, result } = perform(before, TIMELINE.ended, (s, now) => recordCaseConference(s, conference(TIMELINE.ended), now));
    expect(result).toEqual({ action: 'case-conference', stage: 'ACTIVE', at: TIMELINE.ended });
    expect(effects).toEqual([]);
    expect(state.caseConferences).toEqual([{ at: TIMELINE.ended, participants: ['LCM-0001', 'PCP-0001'] }]);
    expect(state.deadlines).toEqual(before.deadlines);
  });

  it('R-GRADUATION: a conference dated before the referral is refused', () => {
    expect(verdict(() => checkCaseConference(journeyAt('ACTIVE'), conference(inPacific(ms(TIMELINE.received) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampBeforeJourney);
  });
});
