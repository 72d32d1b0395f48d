import { describe, expect, it } from 'vitest';
import { caseloadOf } from '../../src/infra/caseload';
import { ok, inOutreach } from '../support/journey-driver';
import { actAt, deadlineOf, deadlineReaches, eventually, searchAttributesOf, stateOf, useJourneySystem } from '../support/journey-test';

// Outreach begins Wed 2030-11-13 09:00 PT; 30 calendar days → end of Fri 2030-12-13 Pacific.
const OUTREACH_START = '2030-11-13T09:00:00.000-08:00';
const OUTREACH_DUE = '2030-12-13T23:59:59.999-08:00';
const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Four attempts on four days, mixed times of day, one in person, four different methods. */
const FOUR_ATTEMPTS = [
  { at: '2030-11-14T10:00:00-08:00', method: 'phone', result: 'no_answer', minutes: 5 },
  { at: '2030-11-15T18:30:00-08:00', method: 'text', result: 'no_answer', minutes: 2 },
  { at: '2030-11-18T14:00:00-08:00', method: 'in_person', result: 'not_found', minutes: 45 },
  { at: '2030-11-20T09:00:00-08:00', method: 'mail', result: 'no_answer', minutes: 10 },
];

describe('outreach', () => {
  const { sys, db } = useJourneySystem();

  async function attempts(memberId: string, list = FOUR_ATTEMPTS) {
    for (const a of list) await ok(sys(), memberId, '/outreach-attempts', a.at, a);
  }

  it('R-OUTREACH-30D: a fifth attempt one minute before the end of day 30 (one in person, five days, several times of day, five methods) meets the rule', async () => {
    const memberId = await inOutreach(sys(), OUTREACH_START);
    expect((await deadlineOf(sys(), memberId, 'R-OUTREACH-30D')).dueAt).toBe(OUTREACH_DUE);
    await attempts(memberId);
    let state = await stateOf(sys(), memberId);
    expect(state.outreach).toEqual({ attempts: 4, inPersonAttempts: 1, distinctDays: 4, distinctTimesOfDay: 3, distinctMethods: 4, attemptsAfterWindow: 0, satisfied: false });
    const fifth = iso(Date.parse(OUTREACH_DUE) - minute);
    await ok(sys(), memberId, '/outreach-attempts', fifth, { at: fifth, method: 'email', result: 'left_message', minutes: 4 });
    state = await stateOf(sys(), memberId);
    expect(state.outreach).toMatchObject({ attempts: 5, distinctDays: 5, distinctMethods: 5, satisfied: true });
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-OUTREACH-30D')).toMatchObject({ status: 'met' });
    expect(state.outreachAttempts[2]).toMatchObject({ method: 'in_person', result: 'not_found', minutes: 45 });
  });

  it('R-OUTREACH-30D: with only four attempts the rule is breached one minute after day 30 ends; R-UNREACHABLE is refused until it is satisfied', async () => {
    const memberId = await inOutreach(sys(), OUTREACH_START);
    await attempts(memberId);
    await sys().skipTo(Date.parse(OUTREACH_DUE) + minute);
    expect((await deadlineReaches(sys(), memberId, 'R-OUTREACH-30D', 'breached')).breachedAt).toBe(OUTREACH_DUE);
    await eventually(async () => expect((await searchAttributesOf(sys(), memberId)).EcmOverdue).toEqual([true]));
    const now = iso(Date.parse(OUTREACH_DUE) + minute);
    const refused = await actAt(sys(), memberId, '/outreach/close', now, { outcome: 'unreachable', at: now });
    expect([refused.status, refused.body.code]).toEqual([422, 'outreach_requirement_not_met']);
    expect(refused.body.detail).toContain('4 attempts');
    expect((await stateOf(sys(), memberId)).stage).toBe('OUTREACH');
  });

  it('R-OUTREACH-30D: a fifth attempt one minute after day 30 ends is documented but does not count: the breach stays overdue and R-UNREACHABLE is refused', async () => {
    const memberId = await inOutreach(sys(), OUTREACH_START);
    await attempts(memberId);
    await sys().skipTo(Date.parse(OUTREACH_DUE) + minute);
    await deadlineReaches(sys(), memberId, 'R-OUTREACH-30D', 'breached');
    const late = iso(Date.parse(OUTREACH_DUE) + minute);
    await ok(sys(), memberId, '/outreach-attempts', late, { at: late, method: 'email', result: 'no_answer', minutes: 4 });
    const state = await stateOf(sys(), memberId);
    expect(state.outreachAttempts).toHaveLength(5);
    expect(state.outreach).toMatchObject({ attempts: 4, attemptsAfterWindow: 1, satisfied: false });
    const deadline = state.deadlines.find((d: { rule: string }) => d.rule === 'R-OUTREACH-30D');
    expect([deadline.status, deadline.fulfilledAt]).toEqual(['breached', undefined]);
    expect(state.overdue).toBe(true);
    const refused = await actAt(sys(), memberId, '/outreach/close', late, { outcome: 'unreachable', at: late });
    expect([refused.status, refused.body.code]).toEqual([422, 'outreach_requirement_not_met']);
    expect(refused.body.detail).toContain('1 attempts after the 30 days');
  });

  it('R-UNREACHABLE: refused with 422 member_was_reached once an attempt reached the member, even with R-OUTREACH-30D satisfied; nothing changes', async () => {
    const memberId = await inOutreach(sys(), OUTREACH_START);
    await attempts(memberId);
    const reached = '2030-11-22T19:00:00-08:00';
    await ok(sys(), memberId, '/outreach-attempts', reached, { at: reached, method: 'street_outreach', result: 'reached', minutes: 30 });
    expect((await deadlineOf(sys(), memberId, 'R-OUTREACH-30D')).status).toBe('met');
    const events = async () => (await db().pool.query('SELECT count(*)::int AS n FROM journey_events WHERE member_id = $1', [memberId])).rows[0].n;
    const before = await events();
    const at = '2030-11-23T10:00:00-08:00';
    const refused = await actAt(sys(), memberId, '/outreach/close', at, { outcome: 'unreachable', at });
    expect([refused.status, refused.body.code, refused.body.type]).toEqual([422, 'member_was_reached', '/problems/member_was_reached']);
    expect(refused.body.detail).toContain('R-UNREACHABLE');
    expect(await events()).toBe(before);
    expect((await stateOf(sys(), memberId)).stage).toBe('OUTREACH');
    const reports = await db().pool.query('SELECT outcome FROM plan_reports WHERE member_id = $1', [memberId]);
    expect(reports.rows).toEqual([]);
  });

  it('R-UNREACHABLE: once R-OUTREACH-30D is satisfied without contact, outreach closes as UNREACHABLE, the plan is told, and the caseload slot is freed', async () => {
    const memberId = await inOutreach(sys(), OUTREACH_START, 'LCM-UNREACH');
    await attempts(memberId);
    await ok(sys(), memberId, '/outreach-attempts', '2030-11-22T19:00:00-08:00', { at: '2030-11-22T19:00:00-08:00', method: 'street_outreach', result: 'not_found', minutes: 60 });
    expect(await caseloadOf(db().pool, 'LCM-UNREACH')).toBe(1);
    const closed = await ok(sys(), memberId, '/outreach/close', '2030-11-23T10:00:00-08:00', { outcome: 'unreachable', at: '2030-11-23T10:00:00-08:00' });
    expect(closed.stage).toBe('UNREACHABLE');
    await eventually(async () => {
      const reports = await db().pool.query('SELECT report, outcome FROM plan_reports WHERE member_id = $1', [memberId]);
      expect(reports.rows).toEqual([{ report: 'outreach_outcome', outcome: 'unreachable' }]);
      expect(await caseloadOf(db().pool, 'LCM-UNREACH')).toBe(0);
    });
  });

  it('R-OUTREACH-30D: five attempts on one day, or all in the same part of the day, do not satisfy the rule', async () => {
    const memberId = await inOutreach(sys(), OUTREACH_START);
    const sameDay = ['09:00', '09:30', '10:00', '10:30', '11:00'].map((t) => ({ at: `2030-11-14T${t}:00-08:00`, method: 'in_person', result: 'not_found', minutes: 5 }));
    await attempts(memberId, sameDay);
    expect((await stateOf(sys(), memberId)).outreach).toMatchObject({ attempts: 5, distinctDays: 1, satisfied: false });
    const mornings = ['15', '18', '19', '20'].map((d) => ({ at: `2030-11-${d}T09:00:00-08:00`, method: 'phone', result: 'no_answer', minutes: 5 }));
    await attempts(memberId, mornings);
    expect((await stateOf(sys(), memberId)).outreach).toMatchObject({ attempts: 9, distinctDays: 5, distinctTimesOfDay: 1, satisfied: false });
  });

  it('R-OPT-IN: enrollment keeps the consent’s method, who recorded it and when; reaching the member ends the outreach obligation', async () => {
    const memberId = await inOutreach(sys(), OUTREACH_START);
    const at = '2030-11-20T10:00:00.000-08:00';
    const res = await ok(sys(), memberId, '/enrollment', at, { consent: 'verbal', recordedBy: 'LCM-0001', at });
    expect(res.stage).toBe('ENROLLED');
    const state = await stateOf(sys(), memberId);
    expect(state.consent).toEqual({ method: 'verbal', recordedBy: 'LCM-0001', at });
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-OUTREACH-30D').status).toBe('met');
    // 30 and 60 calendar days from the opt-in, to the end of the local day.
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-ASSESS-START').dueAt).toBe('2030-12-20T23:59:59.999-08:00');
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-ASSESS-COMPLETE').dueAt).toBe('2031-01-19T23:59:59.999-08:00');
    const missing = await actAt(sys(), memberId, '/enrollment', at, { consent: 'verbal', at });
    expect([missing.status, missing.body.errors?.[0]?.path]).toEqual([400, 'recordedBy']);
  });

  it('R-OPT-IN: a member who refuses at outreach is DECLINED and the plan is told', async () => {
    const memberId = await inOutreach(sys(), OUTREACH_START);
    const res = await ok(sys(), memberId, '/outreach/close', '2030-11-14T10:00:00-08:00', { outcome: 'declined', at: '2030-11-14T10:00:00-08:00' });
    expect(res.stage).toBe('DECLINED');
    await eventually(async () => {
      const reports = await db().pool.query('SELECT outcome FROM plan_reports WHERE member_id = $1', [memberId]);
      expect(reports.rows).toEqual([{ outcome: 'declined' }]);
    });
  });
});
