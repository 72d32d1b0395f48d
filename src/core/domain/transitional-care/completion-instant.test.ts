import { describe, expect, it } from 'vitest';
import { fulfil } from '../deadline';
import { defaultPlanPolicy } from '../plan-policy';
import { applyAdtEvent, newEpisode } from './apply-adt-event';
import { completionInstant } from './completion-instant';
import type { EpisodeState } from './episode-state';

const policy = defaultPlanPolicy('LA-CARE');
const ms = Date.parse;
const FALLBACK = ms('2031-09-01T00:00:00.000-07:00');
function discharged(): EpisodeState {
  const start = newEpisode({ memberId: 'mbr_unit', episodeKey: 'v1', parentWorkflowId: 'p', policy });
  const admitted = applyAdtEvent(start, { messageKey: 'a', eventType: 'A01', visitKey: 'v1', facilityId: 'H', patientClass: 'I', notifiedAt: '2031-07-02T08:00:00.000-07:00' });
  return applyAdtEvent(admitted, { messageKey: 'd', eventType: 'A03', visitKey: 'v1', facilityId: 'H', patientClass: 'I', dischargeAt: '2031-07-05T10:00:00.000-07:00', notifiedAt: '2031-07-05T10:05:00.000-07:00' });
}
const followed = (s: EpisodeState) => ({ ...s, deadlines: s.deadlines.map((d) => (d.rule === 'R-TCS-30D' ? fulfil(d, ms(d.dueAt), policy.calendar.timeZone) : d)) });
const taskAt = (s: EpisodeState, at: string) => ({ ...s, tasks: s.tasks.map((t) => ({ ...t, status: 'done' as const, at })) });

describe('completionInstant', () => {
  it('R-REASSESS: the episode completed at the end of its 30-day follow-up when the last task was done before it', () => {
    expect(completionInstant(taskAt(followed(discharged()), '2031-07-20T10:00:00.000-07:00'), FALLBACK)).toBe(ms('2031-08-04T23:59:59.999-07:00'));
  });

  it('R-REASSESS: the episode completed with its last task when that came after the follow-up', () => {
    expect(completionInstant(taskAt(followed(discharged()), '2031-08-10T10:00:00.000-07:00'), FALLBACK)).toBe(ms('2031-08-10T10:00:00.000-07:00'));
  });

  it('R-REASSESS: with neither known, the workflow’s instant is used', () => {
    expect(completionInstant(discharged(), FALLBACK)).toBe(FALLBACK);
  });
});
