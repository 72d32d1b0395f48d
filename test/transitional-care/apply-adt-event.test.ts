import { describe, expect, it } from 'vitest';
import { defaultPlanPolicy } from '../../src/core/domain/plan-policy';
import { applyAdtEvent, newEpisode } from '../../src/core/domain/transitional-care/apply-adt-event';
import type { EpisodeAdtEvent } from '../../src/core/domain/transitional-care/episode-state';

const start = { memberId: 'mbr_test', episodeKey: 'vkey1', parentWorkflowId: 'member-journey-mbr_test', policy: defaultPlanPolicy('LA-CARE') };
let n = 0;
function event(eventType: EpisodeAdtEvent['eventType'], extra: Partial<EpisodeAdtEvent> = {}): EpisodeAdtEvent {
  n += 1;
  return { messageKey: `m${n}`, eventType, visitKey: 'vkey1', facilityId: 'HOSP-1', patientClass: 'I', notifiedAt: '2030-11-17T08:00:00.000-08:00', ...extra };
}
const rules = (s: ReturnType<typeof newEpisode>) => s.deadlines.map((d) => `${d.rule}:${d.status}`);

describe('applying ADT events to an episode', () => {
  it('R-TCS-24H: an A04 counts as an admission only as an ED visit (patient class E)', () => {
    expect(rules(applyAdtEvent(newEpisode(start), event('A04', { patientClass: 'O' })))).toEqual([]);
    expect(rules(applyAdtEvent(newEpisode(start), event('A04', { patientClass: 'E' })))).toEqual(['R-TCS-24H:open']);
    expect(rules(applyAdtEvent(newEpisode(start), event('A06')))).toEqual(['R-TCS-24H:open']);
  });

  it('R-TCS-7D: an A13 cancels the discharge and the clocks it started; the member is inpatient again', () => {
    let s = applyAdtEvent(newEpisode(start), event('A01', { admitAt: '2030-11-17T07:45:00-08:00' }));
    s = applyAdtEvent(s, event('A03', { dischargeAt: '2030-11-21T10:00:00-08:00', notifiedAt: '2030-11-21T10:05:00.000-08:00' }));
    expect([s.status, ...rules(s)]).toEqual(['discharged', 'R-TCS-24H:open', 'R-TCS-24H:open', 'R-TCS-7D:open', 'R-TCS-30D:open']);
    s = applyAdtEvent(s, event('A13', { notifiedAt: '2030-11-21T11:00:00.000-08:00' }));
    expect([s.status, ...rules(s)]).toEqual(['inpatient', 'R-TCS-24H:open', 'R-TCS-24H:cancelled', 'R-TCS-7D:cancelled', 'R-TCS-30D:cancelled']);
    expect(s.visits[0]!.dischargedAt).toBeUndefined();
  });

  it('an A02 moves the visit to another facility and an A08 updates it, starting no clock', () => {
    let s = applyAdtEvent(newEpisode(start), event('A01'));
    s = applyAdtEvent(s, event('A02', { facilityId: 'HOSP-2' }));
    s = applyAdtEvent(s, event('A08', { admitAt: '2030-11-17T07:30:00-08:00', disposition: '01' }));
    expect(s.visits).toEqual([expect.objectContaining({ facilityId: 'HOSP-2', admittedAt: '2030-11-17T07:30:00.000-08:00', disposition: '01' })]);
    expect(rules(s)).toEqual(['R-TCS-24H:open']);
  });

  it('R-TCS-7D: a discharge (A03) keeps where the member went, for the follow-up', () => {
    let s = applyAdtEvent(newEpisode(start), event('A01'));
    s = applyAdtEvent(s, event('A03', { dischargeAt: '2030-11-21T10:00:00-08:00', disposition: '03', notifiedAt: '2030-11-21T10:05:00.000-08:00' }));
    expect(s.visits).toEqual([expect.objectContaining({ disposition: '03', dischargedAt: '2030-11-21T10:00:00.000-08:00' })]);
  });

  it('the same message applied twice changes nothing the second time', () => {
    const admit = event('A01');
    const once = applyAdtEvent(newEpisode(start), admit);
    expect(applyAdtEvent(once, admit)).toBe(once);
  });
});
