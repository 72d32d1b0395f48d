import { describe, expect, it } from 'vitest';
import { defaultPlanPolicy } from '../plan-policy';
import { applyAdtEvent, meetContactClocks, newEpisode } from './apply-adt-event';
import { TCS_TASKS, type EpisodeAdtEvent, type EpisodeState } from './episode-state';

const start = { memberId: 'mbr_unit', episodeKey: 'v1', parentWorkflowId: 'member-journey-mbr_unit', policy: defaultPlanPolicy('LA-CARE') };
let n = 0;
function adt(eventType: EpisodeAdtEvent['eventType'], extra: Partial<EpisodeAdtEvent> = {}): EpisodeAdtEvent {
  n += 1;
  return { messageKey: `m${n}`, eventType, visitKey: 'v1', facilityId: 'HOSP-1', patientClass: 'I', notifiedAt: ADMIT_NOTIFIED, ...extra };
}
const ADMIT_NOTIFIED = '2031-07-02T08:00:00.000-07:00';
const DISCHARGED = '2031-07-05T10:00:00.000-07:00';
const DISCHARGE_NOTIFIED = '2031-07-05T10:05:00.000-07:00';
const admitted = () => applyAdtEvent(newEpisode(start), adt('A01', { admitAt: '2031-07-02T07:30:00.000-07:00' }));
const discharged = (state: EpisodeState = admitted()) => applyAdtEvent(state, adt('A03', { dischargeAt: DISCHARGED, notifiedAt: DISCHARGE_NOTIFIED, disposition: '01' }));
const clocks = (s: EpisodeState) => s.deadlines.map((d) => [d.key, d.status, d.dueAt]);

describe('applyAdtEvent', () => {
  it('R-TCS-TASKS: a new episode is inpatient with all eight tasks pending and no clock', () => {
    const episode = newEpisode(start);
    expect(episode).toMatchObject({ status: 'inpatient', visits: [], deadlines: [], processedMessageKeys: [] });
    expect(episode.tasks).toEqual(TCS_TASKS.map((task) => ({ task, status: 'pending' })));
  });

  it('R-TCS-24H: an admission starts 24 hours from the notification, not from the admission', () => {
    const state = admitted();
    expect(state.visits).toEqual([{ visitKey: 'v1', facilityId: 'HOSP-1', patientClass: 'I', admittedAt: '2031-07-02T07:30:00.000-07:00', cancelled: false }]);
    expect(clocks(state)).toEqual([['R-TCS-24H', 'open', '2031-07-03T08:00:00.000-07:00']]);
  });

  it('R-TCS-7D and R-TCS-30D start at the discharge (end of its 7th and 30th day); R-TCS-24H runs again from the notification', () => {
    const state = discharged();
    expect(state.status).toBe('discharged');
    expect(state.visits[0]).toMatchObject({ dischargedAt: DISCHARGED, disposition: '01' });
    expect(clocks(state)).toEqual([
      ['R-TCS-24H', 'open', '2031-07-03T08:00:00.000-07:00'],
      ['R-TCS-24H#2', 'open', '2031-07-06T10:05:00.000-07:00'],
      ['R-TCS-7D', 'open', '2031-07-12T23:59:59.999-07:00'],
      ['R-TCS-30D', 'open', '2031-08-04T23:59:59.999-07:00'],
    ]);
  });

  it('R-TCS-24H: contact made during the stay needs no second contact clock at discharge; contact meets every open contact clock', () => {
    const contacted = meetContactClocks(admitted(), Date.parse('2031-07-02T12:00:00.000-07:00'));
    expect(contacted.lastContactAt).toBe('2031-07-02T12:00:00.000-07:00');
    expect(clocks(contacted)).toEqual([['R-TCS-24H', 'met', '2031-07-03T08:00:00.000-07:00']]);
    expect(discharged(contacted).deadlines.map((d) => d.rule)).toEqual(['R-TCS-24H', 'R-TCS-7D', 'R-TCS-30D']);
  });

  it('R-TCS-7D: a readmission cancels the discharge clocks; its cancellation (A11) restores them and drops its own contact clock', () => {
    const readmitted = applyAdtEvent(discharged(), adt('A01', { visitKey: 'v2', notifiedAt: '2031-07-08T09:00:00.000-07:00' }));
    expect(readmitted.status).toBe('inpatient');
    expect(readmitted.deadlines.filter((d) => d.rule !== 'R-TCS-24H').map((d) => [d.rule, d.status, d.cancelReason])).toEqual([
      ['R-TCS-7D', 'cancelled', 'readmitted'],
      ['R-TCS-30D', 'cancelled', 'readmitted'],
    ]);
    const undone = applyAdtEvent(readmitted, adt('A11', { visitKey: 'v2', notifiedAt: '2031-07-08T12:00:00.000-07:00' }));
    expect(undone.status).toBe('discharged');
    expect(undone.deadlines.map((d) => [d.key, d.status])).toEqual([
      ['R-TCS-24H', 'open'],
      ['R-TCS-24H#2', 'open'],
      ['R-TCS-7D', 'open'],
      ['R-TCS-30D', 'open'],
      ['R-TCS-24H#3', 'cancelled'],
    ]);
  });

  it('R-TCS-24H: cancelling the only admission (A11) cancels the episode and all its clocks; later events change nothing', () => {
    const cancelled = applyAdtEvent(admitted(), adt('A11', { notifiedAt: '2031-07-02T09:00:00.000-07:00' }));
    expect(cancelled).toMatchObject({ status: 'cancelled', closedAt: '2031-07-02T09:00:00.000-07:00' });
    expect(clocks(cancelled)).toEqual([['R-TCS-24H', 'cancelled', '2031-07-03T08:00:00.000-07:00']]);
    expect(applyAdtEvent(cancelled, adt('A01'))).toBe(cancelled);
  });

  it('R-TCS-7D: a discharge that arrives before its admission still makes the episode; the late admission then starts no clock', () => {
    const early = applyAdtEvent(newEpisode(start), adt('A03', { admitAt: '2031-07-02T07:30:00.000-07:00', dischargeAt: DISCHARGED, notifiedAt: DISCHARGE_NOTIFIED }));
    expect(early.visits[0]).toMatchObject({ admittedAt: '2031-07-02T07:30:00.000-07:00', dischargedAt: DISCHARGED });
    expect(early.deadlines.map((d) => d.rule)).toEqual(['R-TCS-24H', 'R-TCS-7D', 'R-TCS-30D']);
    const late = applyAdtEvent(early, adt('A01', { admitAt: '2031-07-02T07:35:00.000-07:00', notifiedAt: '2031-07-05T11:00:00.000-07:00' }));
    expect(late.deadlines).toEqual(early.deadlines);
    expect(late.visits[0]?.admittedAt).toBe('2031-07-02T07:35:00.000-07:00');
  });

  it('R-TCS-7D: a second discharge of the same visit, or a redelivered message, changes nothing', () => {
    const once = discharged();
    expect(applyAdtEvent(once, adt('A03', { dischargeAt: '2031-07-06T10:00:00.000-07:00' })).deadlines).toEqual(once.deadlines);
    const message = adt('A02', { facilityId: 'HOSP-2' });
    const moved = applyAdtEvent(once, message);
    expect(moved.visits[0]?.facilityId).toBe('HOSP-2');
    expect(applyAdtEvent(moved, message)).toBe(moved);
  });
});
