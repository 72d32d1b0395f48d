import { describe, expect, it } from 'vitest';
import { actAt, assignedJourney, deadlineOf, deadlineReaches, searchAttributesOf, stateOf, useJourneySystem, eventually, iso } from '../support/journey-test';

// Assigned and accepted Wed 2030-11-13 09:00 PT: due 72 h later, Sat 2030-11-16 09:00 PT.
const ACCEPTED = '2030-11-13T09:00:00.000-08:00';
const LCM_DUE = '2030-11-16T09:00:00.000-08:00';
// Accepted Sat 2030-03-09 12:00 PST; clocks spring forward Sun 03-10, so 72 h later reads 13:00 PDT.
const ACCEPTED_BEFORE_DST = '2030-03-09T12:00:00.000-08:00';
const LCM_DUE_AFTER_DST = '2030-03-12T13:00:00.000-07:00';

async function acceptedJourney(sys: Parameters<typeof assignedJourney>[0], at: string): Promise<string> {
  const memberId = await assignedJourney(sys, at, at);
  expect((await actAt(sys, memberId, '/assignment/response', at, { response: 'accepted', at })).status).toBe(200);
  return memberId;
}

describe('Lead Care Manager', () => {
  const { sys, db } = useJourneySystem();

  it('R-LCM-72H: naming the Lead Care Manager at 71:59 after acceptance is on time and begins outreach', async () => {
    const memberId = await acceptedJourney(sys(), ACCEPTED);
    expect((await deadlineOf(sys(), memberId, 'R-LCM-72H')).dueAt).toBe(LCM_DUE);
    const at = iso(Date.parse(LCM_DUE) - 60_000);
    const res = await actAt(sys(), memberId, '/lead-care-manager', at, { careManagerId: 'LCM-0042', at });
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe('OUTREACH');
    const state = await stateOf(sys(), memberId);
    expect(state.leadCareManager).toMatchObject({ careManagerId: 'LCM-0042', providerId: 'PROV-ACME' });
    expect(Date.parse(state.outreachStartedAt)).toBe(Date.parse(at));
    expect(state.deadlines.find((d: { key: string }) => d.key === 'R-LCM-72H').status).toBe('met');
    await eventually(async () => expect((await searchAttributesOf(sys(), memberId)).EcmStage).toEqual(['OUTREACH']));
  });

  it('R-LCM-72H: at 72:01 the provider is in breach and escalated; the late naming still moves the member to outreach', async () => {
    const memberId = await acceptedJourney(sys(), ACCEPTED);
    await sys().skipTo(Date.parse(LCM_DUE) + 60_000);
    expect(await deadlineReaches(sys(), memberId, 'R-LCM-72H', 'breached')).toMatchObject({ breachedAt: LCM_DUE, party: 'provider' });
    await eventually(async () => {
      const rows = await db().pool.query(`SELECT provider_id FROM deadline_escalations WHERE member_id = $1 AND rule = 'R-LCM-72H'`, [memberId]);
      expect(rows.rows).toEqual([{ provider_id: 'PROV-ACME' }]);
    });
    const at = iso(Date.parse(LCM_DUE) + 60_000);
    expect((await actAt(sys(), memberId, '/lead-care-manager', at, { careManagerId: 'LCM-0042', at })).status).toBe(200);
    const state = await stateOf(sys(), memberId);
    expect(state.stage).toBe('OUTREACH');
    expect(state.overdue).toBe(false);
    expect(state.deadlines.find((d: { key: string }) => d.key === 'R-LCM-72H')).toMatchObject({ status: 'breached', breachedAt: LCM_DUE });
  });

  it('R-LCM-72H: across the spring-forward DST change 72 hours are 72 real hours (due 13:00 PDT), met at 71:59', async () => {
    const memberId = await acceptedJourney(sys(), ACCEPTED_BEFORE_DST);
    expect((await deadlineOf(sys(), memberId, 'R-LCM-72H')).dueAt).toBe(LCM_DUE_AFTER_DST);
    const at = iso(Date.parse(LCM_DUE_AFTER_DST) - 60_000);
    expect((await actAt(sys(), memberId, '/lead-care-manager', at, { careManagerId: 'LCM-7', at })).status).toBe(200);
    expect((await deadlineOf(sys(), memberId, 'R-LCM-72H')).status).toBe('met');
  });

  it('R-LCM-72H: across the spring-forward DST change the deadline is breached at 72:01', async () => {
    const memberId = await acceptedJourney(sys(), ACCEPTED_BEFORE_DST);
    await sys().skipTo(Date.parse(LCM_DUE_AFTER_DST) + 60_000);
    expect((await deadlineReaches(sys(), memberId, 'R-LCM-72H', 'breached')).breachedAt).toBe(LCM_DUE_AFTER_DST);
  });

  it('R-LCM-72H: the clock starts at a timely acceptance, not when the assignment was sent', async () => {
    const memberId = await assignedJourney(sys(), ACCEPTED, ACCEPTED);
    const acceptedAt = '2030-11-14T09:00:00.000-08:00';
    expect((await actAt(sys(), memberId, '/assignment/response', acceptedAt, { response: 'accepted', at: acceptedAt })).status).toBe(200);
    expect((await deadlineOf(sys(), memberId, 'R-LCM-72H')).dueAt).toBe('2030-11-17T09:00:00.000-08:00');
    // 72 h after the sending passes without a breach.
    await sys().skipTo(Date.parse(LCM_DUE) + 60_000);
    expect((await deadlineOf(sys(), memberId, 'R-LCM-72H')).status).toBe('open');
  });

  it('R-LCM-72H: a provider that never answers has the clock counted from the assignment being sent', async () => {
    const memberId = await assignedJourney(sys(), ACCEPTED, ACCEPTED);
    await sys().skipTo(Date.parse(LCM_DUE) - 60_000);
    const state = await stateOf(sys(), memberId);
    expect(state.assignment.response).toMatchObject({ response: 'accepted', deemed: true });
    expect(state.deadlines.find((d: { key: string }) => d.key === 'R-LCM-72H')).toMatchObject({ status: 'open', dueAt: LCM_DUE });
    await sys().skipTo(Date.parse(LCM_DUE) + 60_000);
    expect((await deadlineReaches(sys(), memberId, 'R-LCM-72H', 'breached')).breachedAt).toBe(LCM_DUE);
  });

  it('R-LCM-72H: naming a Lead Care Manager before answering the assignment accepts it and meets both clocks', async () => {
    const memberId = await assignedJourney(sys(), ACCEPTED, ACCEPTED);
    const at = iso(Date.parse(ACCEPTED) + 3_600_000);
    expect((await actAt(sys(), memberId, '/lead-care-manager', at, { careManagerId: 'LCM-9', at })).status).toBe(200);
    const state = await stateOf(sys(), memberId);
    expect(state.assignment.response).toMatchObject({ response: 'accepted' });
    // R-OUTREACH-30D has just begun and R-AUTH-LAPSE runs to the period's end: both rightly open.
    expect(state.deadlines.filter((d: { status: string; rule: string }) => d.status !== 'met' && d.rule !== 'R-OUTREACH-30D' && d.rule !== 'R-AUTH-LAPSE')).toEqual([]);
  });
});
