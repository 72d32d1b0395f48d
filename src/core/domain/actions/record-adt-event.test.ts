import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import type { JourneyState } from '../journey-state';
import type { EpisodeAdtEvent } from '../transitional-care/episode-state';
import { episodeUpdated } from './episode-updated';
import { checkAdtEvent, episodeWorkflowId, recordAdtEvent } from './record-adt-event';
import { PROVIDER_STAGES } from './request-provider-change';
import { allowedOnlyIn, journeyAt, MEMBER_ID, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

let n = 0;
function adt(eventType: EpisodeAdtEvent['eventType'], visitKey = 'v1', extra: Partial<EpisodeAdtEvent> = {}): EpisodeAdtEvent {
  n += 1;
  return { messageKey: `m${n}`, eventType, visitKey, facilityId: 'HOSP-1', patientClass: 'I', notifiedAt: '2031-07-02T08:00:00.000-07:00', ...extra };
}
const apply = (state: JourneyState, event: EpisodeAdtEvent) => recordAdtEvent(state, { actionKey: event.messageKey, event });

describe('recordAdtEvent', () => {
  it('R-TCS-24H: transitional care runs beside any stage from ASSIGNED on, while the journey is open', () => {
    expect(verdictsByStage((s) => checkAdtEvent(s, { actionKey: 'adt', event: adt('A01') }))).toEqual(allowedOnlyIn(PROVIDER_STAGES));
  });

  it('R-TCS-24H: an admission opens an episode, started as a child workflow whose ID carries no PHI', () => {
    const event = adt('A01');
    const { state, effects, result } = apply(journeyAt('ACTIVE'), event);
    expect(result).toEqual({ action: 'adt-event', stage: 'ACTIVE', at: event.notifiedAt });
    const workflowId = `transitional-care-${MEMBER_ID}-v1`;
    expect(episodeWorkflowId(MEMBER_ID, 'v1')).toBe(workflowId);
    expect(state.episodes).toEqual([{ episodeKey: 'v1', workflowId, visitKeys: ['v1'], status: 'open', openedAt: event.notifiedAt }]);
    expect(effects).toEqual([{ kind: 'transitional_care', start: true, workflowId, episodeKey: 'v1', event }]);
  });

  it('R-TCS-7D: the visit’s discharge goes to its open episode; a readmission while it is open extends it rather than opening another', () => {
    const opened = apply(journeyAt('ACTIVE'), adt('A01')).state;
    const discharge = adt('A03');
    expect(apply(opened, discharge).effects).toEqual([{ kind: 'transitional_care', start: false, workflowId: opened.episodes![0]!.workflowId, episodeKey: 'v1', event: discharge }]);
    const readmission = apply(apply(opened, discharge).state, adt('A01', 'v2'));
    expect(readmission.state.episodes).toEqual([expect.objectContaining({ episodeKey: 'v1', visitKeys: ['v1', 'v2'] })]);
    expect(readmission.effects).toEqual([expect.objectContaining({ start: false, episodeKey: 'v1' })]);
  });

  it('R-TCS-7D: a discharge that arrives before its admission still opens the episode; an update for a visit with no episode is refused', () => {
    expect(apply(journeyAt('ACTIVE'), adt('A03')).effects).toEqual([expect.objectContaining({ start: true, episodeKey: 'v1' })]);
    expect(verdict(() => checkAdtEvent(journeyAt('ACTIVE'), { actionKey: 'adt', event: adt('A08') }))).toBe(JourneyErrorCode.WrongStage);
    expect(verdict(() => checkAdtEvent(journeyAt('ACTIVE'), { actionKey: 'adt', event: adt('A04', 'v1', { patientClass: 'O' }) }))).toBe(JourneyErrorCode.WrongStage);
    expect(verdict(() => checkAdtEvent(journeyAt('ACTIVE'), { actionKey: 'adt', event: adt('A04', 'v1', { patientClass: 'E' }) }))).toBe('allowed');
  });

  it('R-TCS-24H: the visit of a closed episode admitted again opens a fresh episode with its own key', () => {
    const opened = apply(journeyAt('ACTIVE'), adt('A01')).state;
    const cancelled = episodeUpdated(opened, { episodeKey: 'v1', closed: { status: 'cancelled', at: TIMELINE.ended } }, Date.parse(TIMELINE.ended)).state;
    const { state, effects } = apply(cancelled, adt('A01'));
    expect(state.episodes?.map((e) => [e.episodeKey, e.status])).toEqual([
      ['v1', 'cancelled'],
      ['v1r2', 'open'],
    ]);
    expect(effects).toEqual([expect.objectContaining({ start: true, episodeKey: 'v1r2', workflowId: episodeWorkflowId(MEMBER_ID, 'v1r2') })]);
  });

  it('R-TCS-7D: an event of a visit the episode knows by its legacy key reaches that episode, under that key', () => {
    const opened = apply(journeyAt('ACTIVE'), adt('A01', 'legacy-v1')).state;
    const discharge = adt('A03', 'scoped-v1', { legacyVisitKey: 'legacy-v1' });
    const { state, effects } = apply(opened, discharge);
    const { legacyVisitKey: _legacy, ...asKnown } = { ...discharge, visitKey: 'legacy-v1' };
    expect(effects).toEqual([{ kind: 'transitional_care', start: false, workflowId: episodeWorkflowId(MEMBER_ID, 'legacy-v1'), episodeKey: 'legacy-v1', event: asKnown }]);
    expect(state.episodes?.[0]?.visitKeys).toEqual(['legacy-v1']);
    // A legacy key no episode holds is dropped, and the scoped key is used.
    const fresh = apply(journeyAt('ACTIVE'), adt('A01', 'scoped-v2', { legacyVisitKey: 'legacy-v2' }));
    const [effect] = fresh.effects;
    expect(effect).toMatchObject({ kind: 'transitional_care', episodeKey: 'scoped-v2' });
    expect(effect?.kind === 'transitional_care' && 'legacyVisitKey' in effect.event).toBe(false);
  });
});
