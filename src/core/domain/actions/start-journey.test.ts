import { describe, expect, it } from 'vitest';
import { defaultPlanPolicy } from '../plan-policy';
import { startJourney, type JourneyStart } from './start-journey';
import { MEMBER_ID, TIMELINE } from './testing/journey-at';

const routine: JourneyStart = {
  memberId: MEMBER_ID,
  policy: defaultPlanPolicy('LA-CARE'),
  referral: { referralKey: 'ref_unit', receivedAt: TIMELINE.received, source: 'community', expedited: false, presumptive: false, populationsOfFocus: ['1a'] },
};
const clocks = (start: JourneyStart) => startJourney(start).deadlines.map((d) => ({ key: d.key, status: d.status, startedAt: d.startedAt, dueAt: d.dueAt, party: d.party }));

describe('startJourney', () => {
  it('R-AUTH-ROUTINE and R-ASSIGN: a routine referral (Tue 3 June) is due by the end of the 5th business day after, Tue 10 June', () => {
    const state = startJourney(routine);
    expect(state.stage).toBe('REFERRED');
    expect(state.stageHistory).toEqual([{ stage: 'REFERRED', at: TIMELINE.received, action: 'referral' }]);
    expect(clocks(routine)).toEqual([
      { key: 'R-AUTH-ROUTINE', status: 'open', startedAt: TIMELINE.received, dueAt: '2031-06-10T23:59:59.999-07:00', party: 'plan' },
      { key: 'R-ASSIGN', status: 'open', startedAt: TIMELINE.received, dueAt: '2031-06-10T23:59:59.999-07:00', party: 'plan' },
    ]);
    expect(state.authorization).toBeUndefined();
    expect(state.authorizationPeriods).toBeUndefined();
  });

  it('R-AUTH-EXPEDITED: an expedited referral is due 72 hours after receipt, and so is its R-ASSIGN', () => {
    const expedited = { ...routine, referral: { ...routine.referral, expedited: true } };
    expect(clocks(expedited)).toEqual([
      { key: 'R-AUTH-EXPEDITED', status: 'open', startedAt: TIMELINE.received, dueAt: '2031-06-06T09:00:00.000-07:00', party: 'plan' },
      { key: 'R-ASSIGN', status: 'open', startedAt: TIMELINE.received, dueAt: '2031-06-06T09:00:00.000-07:00', party: 'plan' },
    ]);
  });

  it('R-AUTH-ROUTINE honours the plan’s turnaround override', () => {
    const policy = { ...routine.policy, turnarounds: { 'R-AUTH-ROUTINE': { unit: 'business-days', amount: 2 } as const } };
    expect(startJourney({ ...routine, policy }).deadlines[0]).toMatchObject({ rule: 'R-AUTH-ROUTINE', dueAt: '2031-06-05T23:59:59.999-07:00' });
  });

  it('R-AUTH-PRESUMPTIVE: a contracted provider’s E-Form is authorized and assigned to it at once; R-LCM-72H runs from the submission; R-AUTH-12M starts that day', () => {
    const state = startJourney({ ...routine, referral: { ...routine.referral, source: 'provider', presumptive: true, referringProviderId: 'PROV-ACME' } });
    expect(state.stage).toBe('ASSIGNED');
    expect(state.authorization).toEqual({ decision: 'approved', decidedAt: TIMELINE.received, presumptive: true });
    expect(state.assignment).toEqual({ providerId: 'PROV-ACME', assignedAt: TIMELINE.received, response: { response: 'accepted', at: TIMELINE.received } });
    expect(state.deadlines.map((d) => [d.key, d.status, d.dueAt])).toEqual([['R-LCM-72H', 'open', '2031-06-06T09:00:00.000-07:00']]);
    expect(state.authorizationPeriods).toEqual([{ number: 1, kind: 'initial', start: '2031-06-03', end: '2032-06-02' }]);
    expect(state.stageHistory.map((h) => [h.stage, h.action])).toEqual([
      ['REFERRED', 'referral'],
      ['AUTHORIZED', 'presumptive-authorization'],
      ['ASSIGNED', 'presumptive-authorization'],
    ]);
  });

  it('R-AUTH-PRESUMPTIVE needs the referring provider: without one the referral waits for the plan (R-AUTH-ROUTINE)', () => {
    const state = startJourney({ ...routine, referral: { ...routine.referral, presumptive: true } });
    expect(state.stage).toBe('REFERRED');
    expect(state.deadlines.map((d) => d.rule)).toEqual(['R-AUTH-ROUTINE', 'R-ASSIGN']);
  });

  it('ECM-RULES §1: the receipt instant is kept in the plan’s zone, whatever zone the caller wrote it in', () => {
    const state = startJourney({ ...routine, referral: { ...routine.referral, receivedAt: '2031-06-03T16:00:00Z' } });
    expect(state.referral.receivedAt).toBe(TIMELINE.received);
    expect(state.deadlines[0]!.startedAt).toBe(TIMELINE.received);
  });

  it('R-AGE-21: a member under 21 is child/youth with a timer at the start of the transition date, whose summary names no date', () => {
    const state = startJourney({ ...routine, turns21On: '2032-02-01' });
    expect(state.ageGroup).toBe('child_youth');
    expect(state.milestones).toEqual([
      { key: 'turns-21', kind: 'turns-21', at: '2032-02-01T00:00:00.000-08:00', status: 'pending', summary: 'R-AGE-21 transition to adult criteria' },
    ]);
    expect(startJourney(routine).ageGroup).toBe('adult');
    expect(startJourney(routine).milestones).toBeUndefined();
  });

  it('R-ELIGIBILITY: the intake verdict is kept as the first finding', () => {
    const eligibility = { at: TIMELINE.received, eligible: true, populationsOfFocus: ['1a'], excluded: [], duplicative: [] };
    expect(startJourney({ ...routine, eligibility }).eligibilityFindings).toEqual([eligibility]);
  });
});
