import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { AUTHORIZED_STAGES } from './action-support';
import { checkBehavioralHealthProvider, recordBehavioralHealthProvider, type BehavioralHealthProviderInput } from './record-behavioral-health-provider';
import { allowedOnlyIn, journeyAt, LATER, ms, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const update = (at: string, extra: Partial<BehavioralHealthProviderInput> = {}): BehavioralHealthProviderInput => ({
  actionKey: `bh-${at}`,
  providerId: 'PROV-COUNTY-BH',
  contractedEcmProvider: true,
  at,
  ...extra,
});

describe('recordBehavioralHealthProvider', () => {
  it('R-BH-ASSIGN: the county behavioural-health provider may be recorded from referral until the journey ends', () => {
    expect(verdictsByStage((s) => checkBehavioralHealthProvider(s, update(LATER), ms(LATER)))).toEqual(allowedOnlyIn(['REFERRED', ...AUTHORIZED_STAGES]));
  });

  it('R-BH-ASSIGN: an update replaces what the journey knew, so one without a preference withdraws an earlier one; nothing else changes', () => {
    const documentedAt = TIMELINE.received;
    const first = perform(journeyAt('AUTHORIZED'), TIMELINE.authorized, (s, now) =>
      recordBehavioralHealthProvider(s, update(TIMELINE.authorized, { memberPrefersOtherProvider: { documentedAt, reason: 'closer to home' } }), now),
    );
    expect(first.result).toEqual({ action: 'behavioral-health-provider', stage: 'AUTHORIZED', at: TIMELINE.authorized });
    expect(first.effects).toEqual([]);
    expect(first.state.countyBehavioralHealthProvider).toEqual({
      providerId: 'PROV-COUNTY-BH',
      contractedEcmProvider: true,
      memberPrefersOtherProvider: { documentedAt, reason: 'closer to home' },
      recordedAt: TIMELINE.authorized,
    });
    expect(first.state.deadlines).toEqual(journeyAt('AUTHORIZED').deadlines);
    const later = perform(first.state, LATER, (s, now) => recordBehavioralHealthProvider(s, update(LATER), now)).state;
    expect(later.countyBehavioralHealthProvider).toEqual({ providerId: 'PROV-COUNTY-BH', contractedEcmProvider: true, recordedAt: LATER });
  });

  it('refuses an update dated in the future or before the referral', () => {
    expect(verdict(() => checkBehavioralHealthProvider(journeyAt('AUTHORIZED'), update(new Date(ms(LATER) + 3 * 60_000).toISOString()), ms(LATER)))).toBe(JourneyErrorCode.TimestampInFuture);
    expect(verdict(() => checkBehavioralHealthProvider(journeyAt('AUTHORIZED'), update('2031-06-01T00:00:00.000-07:00'), ms(LATER)))).toBe(JourneyErrorCode.TimestampBeforeJourney);
  });
});
