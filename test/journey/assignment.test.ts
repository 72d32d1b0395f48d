import { describe, expect, it } from 'vitest';
import { actAt, assignedJourney, deadlineOf, deadlineReaches, referAt, stateOf, useJourneySystem, iso } from '../support/journey-test';
import { referralBody } from '../support/referrals';

// Hand-computed: received Fri 2030-11-15 09:00 PT; 5 business days skip the weekend:
// Mon 18 (1), Tue 19 (2), Wed 20 (3), Thu 21 (4), Fri 22 (5) → end of Fri 2030-11-22 Pacific.
const RECEIVED_FRIDAY = '2030-11-15T09:00:00.000-08:00';
const ASSIGN_DUE = '2030-11-22T23:59:59.999-08:00';
// Assigned Fri 2030-11-15 16:00 PT: 1 business day skips the weekend → end of Mon 2030-11-18.
const ASSIGNED_FRIDAY = '2030-11-15T16:00:00.000-08:00';
const DECLINE_DUE = '2030-11-18T23:59:59.999-08:00';
// Assigned Fri 2030-03-29 10:00 PDT. César Chávez Day, Sun 2030-03-31, is observed Mon 04-01
// (CalHR Sunday→Monday rule) → the 1st business day is Tue 2030-04-02.
const ASSIGNED_BEFORE_CHAVEZ = '2030-03-29T10:00:00.000-07:00';
const DECLINE_DUE_AFTER_CHAVEZ = '2030-04-02T23:59:59.999-07:00';

describe('assignment to an ECM provider', () => {
  const { sys } = useJourneySystem();

  it('R-ASSIGN: an assignment one minute before the end of the 5th business day (across a weekend) is on time', async () => {
    const memberId = await referAt(sys(), RECEIVED_FRIDAY);
    await actAt(sys(), memberId, '/authorization', RECEIVED_FRIDAY, { decision: 'approved', decidedAt: RECEIVED_FRIDAY });
    expect((await deadlineOf(sys(), memberId, 'R-ASSIGN')).dueAt).toBe(ASSIGN_DUE);
    const assignedAt = iso(Date.parse(ASSIGN_DUE) - 60_000);
    const res = await actAt(sys(), memberId, '/assignment', assignedAt, { providerId: 'PROV-ACME', assignedAt });
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe('ASSIGNED');
    expect((await deadlineOf(sys(), memberId, 'R-ASSIGN')).status).toBe('met');
  });

  it('R-ASSIGN: one minute past the edge the plan is in breach; the late assignment is recorded against the breach', async () => {
    const memberId = await referAt(sys(), RECEIVED_FRIDAY);
    await actAt(sys(), memberId, '/authorization', RECEIVED_FRIDAY, { decision: 'approved', decidedAt: RECEIVED_FRIDAY });
    await sys().skipTo(Date.parse(ASSIGN_DUE) + 60_000);
    const breached = await deadlineReaches(sys(), memberId, 'R-ASSIGN', 'breached');
    expect(breached).toMatchObject({ breachedAt: ASSIGN_DUE, party: 'plan' });
    expect((await stateOf(sys(), memberId)).overdue).toBe(true);
    const assignedAt = iso(Date.parse(ASSIGN_DUE) + 60_000);
    expect((await actAt(sys(), memberId, '/assignment', assignedAt, { providerId: 'PROV-ACME', assignedAt })).status).toBe(200);
    const after = await stateOf(sys(), memberId);
    expect(after.overdue).toBe(false);
    expect(after.deadlines.find((d: { key: string }) => d.key === 'R-ASSIGN')).toMatchObject({ status: 'breached' });
  });

  it('R-DECLINE-1BD: a provider at capacity may decline until the end of the next business day (across a weekend), and the plan must reassign', async () => {
    const memberId = await assignedJourney(sys(), RECEIVED_FRIDAY, ASSIGNED_FRIDAY);
    expect((await deadlineOf(sys(), memberId, 'R-DECLINE-1BD')).dueAt).toBe(DECLINE_DUE);
    const at = iso(Date.parse(DECLINE_DUE) - 60_000);
    const res = await actAt(sys(), memberId, '/assignment/response', at, { response: 'declined', reason: 'at_capacity', at });
    expect(res.status).toBe(200);
    expect(res.body.stage).toBe('AUTHORIZED');
    const state = await stateOf(sys(), memberId);
    expect(state.assignment).toBeUndefined();
    expect(state.pastAssignments).toEqual([expect.objectContaining({ providerId: 'PROV-ACME', response: expect.objectContaining({ response: 'declined', reason: 'at_capacity' }) })]);
    expect(state.deadlines.find((d: { key: string }) => d.key === 'R-DECLINE-1BD').status).toBe('met');
    expect(state.deadlines.some((d: { rule: string }) => d.rule === 'R-LCM-72H')).toBe(false);
    // Reassignment runs on the referral's turnaround from the decline: Mon 18 23:58 → Tue 19 (1) … Mon 25 (5).
    expect(state.deadlines.find((d: { key: string }) => d.key === 'R-ASSIGN#2')).toMatchObject({ status: 'open', dueAt: '2030-11-25T23:59:59.999-08:00' });
    const reassignedAt = iso(Date.parse(DECLINE_DUE) + 3_600_000);
    const reassigned = await actAt(sys(), memberId, '/assignment', reassignedAt, { providerId: 'PROV-BETA', assignedAt: reassignedAt });
    expect(reassigned.status).toBe(200);
    expect((await stateOf(sys(), memberId)).assignment.providerId).toBe('PROV-BETA');
  });

  it('R-DECLINE-1BD: one minute past the window a decline is refused with its reason, and silence has counted as acceptance', async () => {
    const memberId = await assignedJourney(sys(), RECEIVED_FRIDAY, ASSIGNED_FRIDAY);
    await sys().skipTo(Date.parse(DECLINE_DUE) + 60_000);
    const window = await deadlineReaches(sys(), memberId, 'R-DECLINE-1BD', 'breached');
    expect(window.breachedAt).toBe(DECLINE_DUE);
    const at = iso(Date.parse(DECLINE_DUE) + 60_000);
    const res = await sys().request('POST', `/v1/members/${memberId}/assignment/response`, { response: 'declined', reason: 'at_capacity', at });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('decline_window_closed');
    expect(res.body.detail).toContain(DECLINE_DUE);
    const state = await stateOf(sys(), memberId);
    expect(state.stage).toBe('ASSIGNED');
    expect(state.assignment.response).toMatchObject({ response: 'accepted', deemed: true });
  });

  it('R-DECLINE-1BD: César Chávez Day on a Sunday is observed Monday, so the window runs to the end of Tuesday', async () => {
    const memberId = await assignedJourney(sys(), ASSIGNED_BEFORE_CHAVEZ, ASSIGNED_BEFORE_CHAVEZ);
    expect((await deadlineOf(sys(), memberId, 'R-DECLINE-1BD')).dueAt).toBe(DECLINE_DUE_AFTER_CHAVEZ);
    const at = iso(Date.parse(DECLINE_DUE_AFTER_CHAVEZ) - 60_000);
    expect((await actAt(sys(), memberId, '/assignment/response', at, { response: 'accepted', at })).status).toBe(200);
    expect((await deadlineOf(sys(), memberId, 'R-DECLINE-1BD')).status).toBe('met');
  });

  it('R-DECLINE-1BD: with César Chávez Day observed Monday, silence breaches the window one minute after Tuesday ends', async () => {
    const memberId = await assignedJourney(sys(), ASSIGNED_BEFORE_CHAVEZ, ASSIGNED_BEFORE_CHAVEZ);
    await sys().skipTo(Date.parse(DECLINE_DUE_AFTER_CHAVEZ) - 60_000);
    expect((await deadlineOf(sys(), memberId, 'R-DECLINE-1BD')).status).toBe('open');
    await sys().skipTo(Date.parse(DECLINE_DUE_AFTER_CHAVEZ) + 60_000);
    expect((await deadlineReaches(sys(), memberId, 'R-DECLINE-1BD', 'breached')).breachedAt).toBe(DECLINE_DUE_AFTER_CHAVEZ);
  });

  it('R-LCM-72H: a provider silent over a weekend is deemed to accept when the window closes, and 72 h from the sending have already passed', async () => {
    // Sent Fri 16:00; R-LCM-72H counted from the sending is due Mon 2030-11-18 16:00, before the
    // decline window closes at the end of that Monday. The breach is dated at the due instant.
    const memberId = await assignedJourney(sys(), RECEIVED_FRIDAY, ASSIGNED_FRIDAY);
    await sys().skipTo(Date.parse(DECLINE_DUE) + 60_000);
    const lcm = await deadlineReaches(sys(), memberId, 'R-LCM-72H', 'breached');
    expect(lcm).toMatchObject({ startedAt: ASSIGNED_FRIDAY, dueAt: '2030-11-18T16:00:00.000-08:00', breachedAt: '2030-11-18T16:00:00.000-08:00' });
    expect((await stateOf(sys(), memberId)).overdue).toBe(true);
  });

  it('R-DECLINE-1BD: capacity is the only ground to decline: a decline without a reason is for capacity, any other reason is refused and changes nothing', async () => {
    const memberId = await assignedJourney(sys(), ASSIGNED_FRIDAY, ASSIGNED_FRIDAY);
    const at = iso(Date.parse(ASSIGNED_FRIDAY) + 60_000);
    const other = await actAt(sys(), memberId, '/assignment/response', at, { response: 'declined', reason: 'too far away', at });
    expect([other.status, other.body.code, other.body.errors?.[0]?.path]).toEqual([400, 'invalid_body', 'reason']);
    expect((await stateOf(sys(), memberId)).stage).toBe('ASSIGNED');
    const declined = await actAt(sys(), memberId, '/assignment/response', at, { response: 'declined', detail: 'full until January', at });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    const state = await stateOf(sys(), memberId);
    expect(state.pastAssignments.at(-1).response).toMatchObject({ response: 'declined', reason: 'at_capacity', detail: 'full until January' });
  });

  describe('R-BH-ASSIGN: the county behavioural-health provider that is a contracted ECM provider', () => {
    const COUNTY = 'PROV-COUNTY-BH';
    const AUTHORIZED = '2030-11-15T10:00:00.000-08:00';
    const ASSIGNED = '2030-11-15T11:00:00.000-08:00';
    /** Refers one member per county-provider description, then authorizes them all: the members' IDs. */
    const authorizedWith = async (...counties: Record<string, unknown>[]) => {
      const memberIds: string[] = [];
      for (const countyBehavioralHealthProvider of counties) memberIds.push(await referAt(sys(), RECEIVED_FRIDAY, { countyBehavioralHealthProvider }));
      for (const memberId of memberIds) expect((await actAt(sys(), memberId, '/authorization', AUTHORIZED, { decision: 'approved', decidedAt: AUTHORIZED })).status).toBe(200);
      return memberIds;
    };
    const assign = (memberId: string, providerId: string) => actAt(sys(), memberId, '/assignment', ASSIGNED, { providerId, assignedAt: ASSIGNED });

    it('R-BH-ASSIGN: without a documented preference, an assignment to another provider is refused with its code and changes nothing; to the county provider it is made', async () => {
      const memberId = (await authorizedWith({ providerId: COUNTY, contractedEcmProvider: true }))[0]!;
      const refused = await assign(memberId, 'PROV-ACME');
      expect([refused.status, refused.body.code]).toEqual([422, 'behavioral_health_provider_required']);
      expect(refused.body.detail).toContain(`R-BH-ASSIGN: the member is to be assigned to ${COUNTY}`);
      expect((await stateOf(sys(), memberId)).stage).toBe('AUTHORIZED');
      const made = await assign(memberId, COUNTY);
      expect(made.status, JSON.stringify(made.body)).toBe(200);
      expect((await stateOf(sys(), memberId)).assignment).toMatchObject({ providerId: COUNTY, assignedAt: ASSIGNED });
    });

    it('R-BH-ASSIGN: the member’s documented preference, on the referral or recorded later, lets the plan assign another provider', async () => {
      const preference = { documentedAt: AUTHORIZED, reason: 'wants a provider near work' };
      // Both journeys move through the same instants: the test clock never goes back.
      const [onReferral, later] = await authorizedWith(
        { providerId: COUNTY, contractedEcmProvider: true, memberPrefersOtherProvider: { documentedAt: RECEIVED_FRIDAY, reason: 'wants a provider near work' } },
        { providerId: COUNTY, contractedEcmProvider: true },
      );
      const recorded = await actAt(sys(), later!, '/behavioral-health-provider', AUTHORIZED, { providerId: COUNTY, contractedEcmProvider: true, memberPrefersOtherProvider: preference, at: AUTHORIZED });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
      expect((await stateOf(sys(), later!)).countyBehavioralHealthProvider).toEqual({ providerId: COUNTY, contractedEcmProvider: true, memberPrefersOtherProvider: preference, recordedAt: AUTHORIZED });
      expect((await assign(onReferral!, 'PROV-ACME')).status).toBe(200);
      expect((await assign(later!, 'PROV-ACME')).status).toBe(200);
    });

    it('R-BH-ASSIGN: a county provider that is not a contracted ECM provider binds nothing', async () => {
      const memberId = (await authorizedWith({ providerId: COUNTY, contractedEcmProvider: false }))[0]!;
      expect((await assign(memberId, 'PROV-ACME')).status).toBe(200);
    });

    it('R-BH-ASSIGN: a preference documented after the referral was received, or an unknown field, is refused at intake', async () => {
      await sys().skipTo(Date.parse(RECEIVED_FRIDAY));
      const late = { providerId: COUNTY, contractedEcmProvider: true, memberPrefersOtherProvider: { documentedAt: AUTHORIZED, reason: 'x' } };
      const refused = await sys().request('POST', '/v1/referrals', referralBody(RECEIVED_FRIDAY, { countyBehavioralHealthProvider: late }));
      expect([refused.status, refused.body.code, refused.body.errors?.[0]?.path]).toEqual([400, 'invalid_body', 'countyBehavioralHealthProvider.memberPrefersOtherProvider.documentedAt']);
      const unknown = await sys().request('POST', '/v1/referrals', referralBody(RECEIVED_FRIDAY, { countyBehavioralHealthProvider: { providerId: COUNTY, contractedEcmProvider: true, preferred: true } }));
      expect([unknown.status, unknown.body.code]).toEqual([400, 'invalid_body']);
    });
  });
});
