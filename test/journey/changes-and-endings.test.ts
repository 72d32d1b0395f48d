import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { caseloadOf } from '../../src/infra/caseload';
import { AesGcmPayloadCodec } from '../../src/infra/codec/aes-gcm-payload-codec';
import { TEST_PAYLOAD_KEYS } from '../support/test-system';
import { active, inOutreach, ok } from '../support/journey-driver';
import { actAt, deadlineOf, deadlineReaches, eventually, referAt, stateOf, useJourneySystem } from '../support/journey-test';
import { referralBody } from '../support/referrals';

const AT = '2030-11-13T09:00:00.000-08:00';
// Requested Wed 2030-11-20 10:00 PT; 30 calendar days → end of Fri 2030-12-20.
const CHANGE_REQUESTED = '2030-11-20T10:00:00.000-08:00';
const CHANGE_DUE = '2030-12-20T23:59:59.999-08:00';
const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('changes of party, discontinuation and special members', () => {
  const { sys, db } = useJourneySystem();

  it('R-PROVIDER-CHANGE-30D: the plan reassigns one minute before day 30 ends; the new provider then names a Lead Care Manager under R-LCM-72H', async () => {
    const memberId = await active(sys(), AT, 'LCM-OLD');
    await ok(sys(), memberId, '/provider-change', CHANGE_REQUESTED, { requestedAt: CHANGE_REQUESTED, reason: 'closer to home' });
    expect((await deadlineOf(sys(), memberId, 'R-PROVIDER-CHANGE-30D')).dueAt).toBe(CHANGE_DUE);
    const assignedAt = iso(Date.parse(CHANGE_DUE) - minute);
    const res = await ok(sys(), memberId, '/assignment', assignedAt, { providerId: 'PROV-NEW', assignedAt });
    expect(res.stage).toBe('ACTIVE');
    let state = await stateOf(sys(), memberId);
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-PROVIDER-CHANGE-30D').status).toBe('met');
    expect(state.assignment.providerId).toBe('PROV-NEW');
    expect(state.leadCareManager).toBeUndefined();
    const lcm = state.deadlines.find((d: { key: string }) => d.key === 'R-LCM-72H#2');
    expect(lcm).toMatchObject({ status: 'open', dueAt: '2030-12-23T23:58:59.999-08:00' });
    await eventually(async () => expect(await caseloadOf(db().pool, 'LCM-OLD')).toBe(0));
    const namedAt = iso(Date.parse(lcm.dueAt) - minute);
    await ok(sys(), memberId, '/lead-care-manager', namedAt, { careManagerId: 'LCM-NEW', at: namedAt });
    state = await stateOf(sys(), memberId);
    expect(state.leadCareManager).toMatchObject({ careManagerId: 'LCM-NEW', providerId: 'PROV-NEW' });
    expect(state.deadlines.find((d: { key: string }) => d.key === 'R-LCM-72H#2').status).toBe('met');
    expect(await caseloadOf(db().pool, 'LCM-NEW')).toBe(1);
  });

  it('R-PROVIDER-CHANGE-30D: without a reassignment the plan is in breach one minute after day 30', async () => {
    const memberId = await active(sys(), AT);
    await ok(sys(), memberId, '/provider-change', CHANGE_REQUESTED, { requestedAt: CHANGE_REQUESTED });
    await sys().skipTo(Date.parse(CHANGE_DUE) + minute);
    expect(await deadlineReaches(sys(), memberId, 'R-PROVIDER-CHANGE-30D', 'breached')).toMatchObject({ breachedAt: CHANGE_DUE, party: 'plan' });
    expect((await stateOf(sys(), memberId)).stage).toBe('ACTIVE');
  });

  it('R-PCP-CHANGE: a change of PCP or provider group is recorded and does not discontinue ECM', async () => {
    const memberId = await active(sys(), AT);
    const res = await ok(sys(), memberId, '/pcp-change', CHANGE_REQUESTED, { pcpId: 'PCP-991', providerGroup: 'PPG-12', at: CHANGE_REQUESTED });
    expect(res.stage).toBe('ACTIVE');
    const state = await stateOf(sys(), memberId);
    expect(state.primaryCareProvider).toEqual({ pcpId: 'PCP-991', providerGroup: 'PPG-12', since: CHANGE_REQUESTED });
    expect(state.discontinuation).toBeUndefined();
  });

  it('R-DISCONTINUE: allowed at any stage after authorization with a reason from the rules, sending a Notice of Action; leaving the plan is a transfer', async () => {
    const inOutreachMember = await inOutreach(sys(), AT, 'LCM-DISC');
    const res = await ok(sys(), inOutreachMember, '/discontinuation', '2030-11-14T10:00:00-08:00', { reason: 'unsafe_for_staff', at: '2030-11-14T10:00:00-08:00', detail: 'threats at home visit' });
    expect(res.stage).toBe('DISCONTINUED');
    const moved = await active(sys(), '2030-11-14T10:00:00.000-08:00');
    expect((await ok(sys(), moved, '/discontinuation', '2030-11-14T11:00:00-08:00', { reason: 'left_plan', at: '2030-11-14T11:00:00-08:00' })).stage).toBe('TRANSFERRED');
    await eventually(async () => {
      const notices = await db().pool.query('SELECT member_id, reason FROM notices_of_action WHERE member_id = ANY($1) ORDER BY reason', [[inOutreachMember, moved]]);
      expect(notices.rows).toEqual([{ member_id: moved, reason: 'left_plan' }, { member_id: inOutreachMember, reason: 'unsafe_for_staff: threats at home visit' }]);
      expect(await caseloadOf(db().pool, 'LCM-DISC')).toBe(0);
    });
    const unknownReason = await actAt(sys(), moved, '/discontinuation', '2030-11-14T11:00:00-08:00', { reason: 'bored', at: '2030-11-14T11:00:00-08:00' });
    expect(unknownReason.status).toBe(400);
  });

  it('R-DISCONTINUE: before authorization there is nothing to discontinue; the request is refused', async () => {
    const memberId = await referAt(sys(), AT);
    const res = await actAt(sys(), memberId, '/discontinuation', AT, { reason: 'death', at: AT });
    expect([res.status, res.body.code]).toEqual([409, 'wrong_stage']);
  });

  it('R-EXCLUDED: finding the member in an excluded program (PACE) disenrols them with a Notice of Action', async () => {
    const memberId = await active(sys(), AT);
    const res = await ok(sys(), memberId, '/program-findings', CHANGE_REQUESTED, { programs: ['IHSS', 'PACE'], at: CHANGE_REQUESTED });
    expect(res.stage).toBe('DISCONTINUED');
    const state = await stateOf(sys(), memberId);
    expect(state.discontinuation).toMatchObject({ reason: 'excluded_program', detail: 'PACE' });
    expect(state.eligibilityFindings.at(-1)).toMatchObject({ excluded: ['PACE'], eligible: false });
  });

  it('R-DUPLICATIVE: a duplicative program (MSSP) makes the member choose within the plan’s time; choosing ECM keeps ECM', async () => {
    const memberId = await active(sys(), AT);
    expect((await ok(sys(), memberId, '/program-findings', CHANGE_REQUESTED, { programs: ['MSSP'], at: CHANGE_REQUESTED })).stage).toBe('ACTIVE');
    const choice = await deadlineOf(sys(), memberId, 'R-DUPLICATIVE');
    expect(choice).toMatchObject({ status: 'open', dueAt: CHANGE_DUE });
    expect((await stateOf(sys(), memberId)).pendingProgramChoice).toEqual({ program: 'MSSP', foundAt: CHANGE_REQUESTED });
    const at = iso(Date.parse(CHANGE_DUE) - minute);
    expect((await ok(sys(), memberId, '/program-choice', at, { choice: 'ecm', at })).stage).toBe('ACTIVE');
    const state = await stateOf(sys(), memberId);
    expect(state.pendingProgramChoice).toBeUndefined();
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-DUPLICATIVE').status).toBe('met');
  });

  it('R-DUPLICATIVE: the journey waits for the choice past its deadline (breached), and choosing the other program ends ECM', async () => {
    const memberId = await active(sys(), AT);
    await ok(sys(), memberId, '/program-findings', CHANGE_REQUESTED, { programs: ['Money Follows the Person'], at: CHANGE_REQUESTED });
    await sys().skipTo(Date.parse(CHANGE_DUE) + minute);
    expect((await deadlineReaches(sys(), memberId, 'R-DUPLICATIVE', 'breached')).breachedAt).toBe(CHANGE_DUE);
    const at = iso(Date.parse(CHANGE_DUE) + minute);
    expect((await ok(sys(), memberId, '/program-choice', at, { choice: 'other_program', at })).stage).toBe('DISCONTINUED');
    expect((await stateOf(sys(), memberId)).discontinuation).toMatchObject({ reason: 'chose_duplicative_program', detail: 'Money Follows the Person' });
    const none = await actAt(sys(), memberId, '/program-choice', at, { choice: 'ecm', at });
    expect([none.status, none.body.code]).toEqual([409, 'journey_closed']);
  });

  it('R-AGE-21: a member who turns 21 is not disenrolled; a timer on the first of the month after the birthday records the move to adult criteria', async () => {
    // Born 2010-02-10: 20 at referral, 21 on 2031-02-10; the milestone is the first of the next month (it must not reveal the day).
    const memberId = await active(sys(), AT, undefined, { member: { ...referralBody(AT).member as object, dateOfBirth: '2010-02-10' } });
    let state = await stateOf(sys(), memberId);
    expect([state.ageGroup, state.turns21On]).toEqual(['child_youth', '2031-03-01']);
    await sys().skipTo(Date.parse('2031-03-01T00:01:00-08:00'));
    state = await eventually(async () => {
      const s = await stateOf(sys(), memberId);
      expect(s.ageGroup).toBe('adult');
      return s;
    });
    expect(state.stage).toBe('ACTIVE');
    expect(state.warnings).toContainEqual(expect.objectContaining({ rule: 'R-AGE-21', at: '2031-03-01T00:00:00.000-08:00' }));
    // The birthday is PHI: no timer summary may carry it, even once decrypted.
    const history = await sys().client.workflow.getHandle(`member-journey-${memberId}`).fetchHistory();
    const codec = new AesGcmPayloadCodec(TEST_PAYLOAD_KEYS);
    const summaries = await Promise.all(
      history.events!.filter((e) => e.userMetadata?.summary).map(async (e) => defaultPayloadConverter.fromPayload<string>((await codec.decode([e.userMetadata!.summary! as never]))[0]!)),
    );
    expect(summaries).toContain('R-AGE-21 transition to adult criteria');
    expect(summaries.join('\n')).not.toMatch(/2031-02-10|2010-02-10/);
  });

  it('R-CONTINUITY: a continuity-of-care referral needs no Population of Focus proved again; any other source does', async () => {
    const now = new Date(await sys().now()).toISOString();
    const continuity = await sys().request('POST', '/v1/referrals', referralBody(now, { source: 'continuity_of_care', populationsOfFocus: [] }));
    expect(continuity.status).toBe(202);
    const community = await sys().request('POST', '/v1/referrals', referralBody(now, { source: 'community', populationsOfFocus: [] }));
    expect([community.status, community.body.errors[0].path]).toEqual([400, 'populationsOfFocus']);
  });

  it('R-ELIGIBILITY: POST /v1/eligibility/evaluate answers every POF with its reasons; bad facts are refused field by field', async () => {
    const facts = { dateOfBirth: '1980-03-02', enrolledInMediCalManagedCare: true, shareOfCost: 'none', housing: { homeless: true }, complexNeedUnableToSelfManage: true, programs: ['MSSP'] };
    const res = await sys().request('POST', '/v1/eligibility/evaluate', { facts, asOf: '2030-06-15' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ eligible: true, populationsOfFocusMet: ['1a'], requiresProgramChoice: true, ageGroup: 'adult' });
    expect(res.body.populationsOfFocus).toHaveLength(10);
    const bad = await sys().request('POST', '/v1/eligibility/evaluate', { facts: { ...facts, shareOfCost: 'some', programs: ['Bingo'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['facts.programs.0', 'facts.shareOfCost']);
  });

  it('R-ELIGIBILITY: the engine judges the facts at intake and at the provider’s confirmation during outreach; a duplicative program found there asks for a choice (R-DUPLICATIVE)', async () => {
    const facts = { dateOfBirth: '1961-04-17', enrolledInMediCalManagedCare: true, shareOfCost: 'none', housing: { homeless: true }, complexNeedUnableToSelfManage: true };
    const memberId = await inOutreach(sys(), AT, 'LCM-ELIG', { eligibilityFacts: facts });
    expect((await stateOf(sys(), memberId)).eligibilityFindings[0]).toMatchObject({ eligible: true, populationsOfFocus: ['1a'] });
    const at = '2030-11-14T10:00:00.000-08:00';
    await ok(sys(), memberId, '/eligibility-confirmation', at, { at, facts: { ...facts, programs: ['ALW', 'IHSS'] } });
    const state = await stateOf(sys(), memberId);
    expect(state.eligibilityFindings.at(-1)).toMatchObject({ eligible: true, populationsOfFocus: ['1a'], duplicative: ['ALW'], excluded: [] });
    expect(state.pendingProgramChoice).toEqual({ program: 'ALW', foundAt: at });
    expect(state.stage).toBe('OUTREACH');
  });
});
