import { describe, expect, it } from 'vitest';
import { episodeUpdated } from './episode-updated';
import { recordAdtEvent } from './record-adt-event';
import { deadlineOf, journeyAt, ms, TIMELINE } from './testing/journey-at';

const ADMITTED = '2031-07-02T08:00:00.000-07:00';
const withEpisode = () =>
  recordAdtEvent(journeyAt('ACTIVE'), { actionKey: 'adt', event: { messageKey: 'm1', eventType: 'A01', visitKey: 'v1', facilityId: 'HOSP-1', patientClass: 'I', notifiedAt: ADMITTED } }).state;
const CLOSED = '2031-08-05T12:00:00.000-07:00';

describe('episodeUpdated', () => {
  it('R-TCS-DRA: a High risk band marks the member high acuity; a lower band is only recorded', () => {
    const now = ms('2031-07-04T09:00:00.000-07:00');
    const high = episodeUpdated(withEpisode(), { episodeKey: 'v1', riskBand: 'high' }, now).state;
    expect(high.episodes?.[0]?.riskBand).toBe('high');
    expect(high.highAcuity).toEqual({ since: '2031-07-04T09:00:00.000-07:00', episodeKey: 'v1' });
    const moderate = episodeUpdated(withEpisode(), { episodeKey: 'v1', riskBand: 'moderate' }, now).state;
    expect(moderate.episodes?.[0]?.riskBand).toBe('moderate');
    expect(moderate.highAcuity).toBeUndefined();
  });

  it('R-REASSESS: a completed episode opens the reassessment, 30 days from the completion; reported twice it opens one', () => {
    const { state, result } = episodeUpdated(withEpisode(), { episodeKey: 'v1', closed: { status: 'completed', at: CLOSED } }, ms(LATE));
    expect(result).toEqual({ action: 'episode-update', stage: 'ACTIVE', at: CLOSED });
    expect(state.episodes?.[0]).toMatchObject({ status: 'completed', closedAt: CLOSED });
    expect(deadlineOf(state, 'R-REASSESS')).toMatchObject({ key: 'R-REASSESS', status: 'open', party: 'provider', startedAt: CLOSED, dueAt: '2031-09-04T23:59:59.999-07:00' });
    const again = episodeUpdated(state, { episodeKey: 'v1', closed: { status: 'completed', at: CLOSED } }, ms(LATE)).state;
    expect(again.deadlines.filter((d) => d.rule === 'R-REASSESS')).toHaveLength(1);
  });

  it('R-REASSESS: a cancelled episode asks no reassessment; a report for an unknown episode changes nothing', () => {
    const cancelled = episodeUpdated(withEpisode(), { episodeKey: 'v1', closed: { status: 'cancelled', at: CLOSED } }, ms(LATE)).state;
    expect(cancelled.episodes?.[0]?.status).toBe('cancelled');
    expect(deadlineOf(cancelled, 'R-REASSESS')).toBeUndefined();
    const state = withEpisode();
    expect(episodeUpdated(state, { episodeKey: 'nope', riskBand: 'high' }, ms(LATE)).state).toBe(state);
  });
});

const LATE = TIMELINE.reauthorizationDecided;
