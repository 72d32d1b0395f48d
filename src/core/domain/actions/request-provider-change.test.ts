import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { checkProviderChange, PROVIDER_STAGES, requestProviderChange } from './request-provider-change';
import { after, allowedOnlyIn, deadlineOf, journeyAt, LATER, ms, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const request = (requestedAt: string) => ({ actionKey: `change-${requestedAt}`, requestedAt, reason: 'closer to home' });

describe('requestProviderChange', () => {
  it('R-PROVIDER-CHANGE-30D: a member with a provider may ask to change it (ASSIGNED onwards, while open)', () => {
    expect(PROVIDER_STAGES).toEqual(['ASSIGNED', 'OUTREACH', 'ENROLLED', 'ASSESSMENT', 'CARE_PLANNING', 'ACTIVE', 'REAUTH_REVIEW']);
    expect(verdictsByStage((s) => checkProviderChange(s, request(LATER), ms(LATER)))).toEqual(allowedOnlyIn(PROVIDER_STAGES));
  });

  it('R-PROVIDER-CHANGE-30D: the plan has until the end of the 30th calendar day to reassign; nothing else changes yet', () => {
    const before = journeyAt('ACTIVE');
    const { state, effects, result } = perform(before, TIMELINE.ended, (s, now) => requestProviderChange(s, request(TIMELINE.ended), now));
    expect(result).toEqual({ action: 'provider-change', stage: 'ACTIVE', at: TIMELINE.ended });
    expect(effects).toEqual([]);
    expect(state.providerChangeRequestedAt).toBe(TIMELINE.ended);
    expect(deadlineOf(state, 'R-PROVIDER-CHANGE-30D')).toMatchObject({ key: 'R-PROVIDER-CHANGE-30D', status: 'open', party: 'plan', startedAt: TIMELINE.ended, dueAt: '2031-07-31T23:59:59.999-07:00' });
    expect(state.assignment).toEqual(before.assignment);
    expect(state.leadCareManager).toEqual(before.leadCareManager);
  });

  it('R-PROVIDER-CHANGE-30D: one change at a time', () => {
    const pending = after(journeyAt('ACTIVE'), TIMELINE.ended, (s, now) => requestProviderChange(s, request(TIMELINE.ended), now));
    expect(verdict(() => checkProviderChange(pending, request(LATER), ms(LATER)))).toBe(JourneyErrorCode.AlreadyRecorded);
  });
});
