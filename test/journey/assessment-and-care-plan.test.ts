import { describe, expect, it } from 'vitest';
import { carePlan, enrolled, ok } from '../support/journey-driver';
import { actAt, deadlineOf, deadlineReaches, eventually, stateOf, useJourneySystem } from '../support/journey-test';

// Enrolled Wed 2030-11-20 10:00 PT. R-ASSESS-START: 30 days → end of Fri 2030-12-20;
// R-ASSESS-COMPLETE: 60 days → end of Sun 2031-01-19; best practice: 7 days → end of 2030-11-27.
const START = '2030-11-13T09:00:00.000-08:00';
const ENROLLED = '2030-11-20T10:00:00.000-08:00';
const START_DUE = '2030-12-20T23:59:59.999-08:00';
const COMPLETE_DUE = '2031-01-19T23:59:59.999-08:00';
// Assessment begun Mon 2030-11-25 10:00 → care plan due 14 days later, end of Mon 2030-12-09.
const ASSESSED = '2030-11-25T10:00:00.000-08:00';
const CAREPLAN_DUE = '2030-12-09T23:59:59.999-08:00';
const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const before = (due: string) => iso(Date.parse(due) - minute);
const after = (due: string) => Date.parse(due) + minute;

describe('assessment and care plan', () => {
  const { sys, db } = useJourneySystem();

  it('R-ASSESS-START: begun one minute before day 30 ends is on time, but past the 7-day best practice it carries a warning, not a breach', async () => {
    const memberId = await enrolled(sys(), START, ENROLLED);
    expect((await deadlineOf(sys(), memberId, 'R-ASSESS-START')).dueAt).toBe(START_DUE);
    await ok(sys(), memberId, '/assessment', before(START_DUE), { action: 'start', at: before(START_DUE) });
    const state = await stateOf(sys(), memberId);
    expect(state.stage).toBe('ASSESSMENT');
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-ASSESS-START').status).toBe('met');
    expect(state.warnings).toEqual([expect.objectContaining({ rule: 'R-ASSESS-START', at: '2030-11-27T23:59:59.999-08:00' })]);
    expect(state.overdue).toBe(false);
  });

  it('R-ASSESS-START: one minute after day 30 the provider is in breach', async () => {
    const memberId = await enrolled(sys(), START, ENROLLED);
    await sys().skipTo(after(START_DUE));
    expect((await deadlineReaches(sys(), memberId, 'R-ASSESS-START', 'breached')).breachedAt).toBe(START_DUE);
  });

  it('R-ASSESS-START: begun within 7 days there is no best-practice warning', async () => {
    const memberId = await enrolled(sys(), START, ENROLLED);
    await ok(sys(), memberId, '/assessment', ASSESSED, { action: 'start', at: ASSESSED });
    await sys().skipTo(Date.parse('2030-11-28T00:01:00-08:00'));
    expect((await stateOf(sys(), memberId)).warnings ?? []).toEqual([]);
  });

  it('R-ASSESS-COMPLETE: completed one minute before day 60 ends is on time', async () => {
    const memberId = await enrolled(sys(), START, ENROLLED);
    await ok(sys(), memberId, '/assessment', ASSESSED, { action: 'start', at: ASSESSED });
    expect((await deadlineOf(sys(), memberId, 'R-ASSESS-COMPLETE')).dueAt).toBe(COMPLETE_DUE);
    await ok(sys(), memberId, '/assessment', before(COMPLETE_DUE), { action: 'complete', at: before(COMPLETE_DUE) });
    expect((await deadlineOf(sys(), memberId, 'R-ASSESS-COMPLETE')).status).toBe('met');
    expect((await stateOf(sys(), memberId)).stage).toBe('CARE_PLANNING');
  });

  it('R-ASSESS-COMPLETE: not completed one minute after day 60 ends, the provider is in breach', async () => {
    const memberId = await enrolled(sys(), START, ENROLLED);
    await ok(sys(), memberId, '/assessment', ASSESSED, { action: 'start', at: ASSESSED });
    await sys().skipTo(after(COMPLETE_DUE));
    expect((await deadlineReaches(sys(), memberId, 'R-ASSESS-COMPLETE', 'breached')).breachedAt).toBe(COMPLETE_DUE);
  });

  it('R-ASSESS-COMPLETE: a member-requested delay with its reason moves the due date to the end of the agreed date', async () => {
    const memberId = await enrolled(sys(), START, ENROLLED);
    await ok(sys(), memberId, '/assessment', ASSESSED, { action: 'start', at: ASSESSED });
    const requestedAt = '2031-01-10T10:00:00.000-08:00';
    await ok(sys(), memberId, '/assessment/delay', requestedAt, { requestedAt, reason: 'Member in residential treatment until February', agreedDate: '2031-02-15' });
    const moved = await deadlineOf(sys(), memberId, 'R-ASSESS-COMPLETE');
    expect(moved).toMatchObject({ status: 'open', dueAt: '2031-02-15T23:59:59.999-08:00' });
    expect((await stateOf(sys(), memberId)).assessment.delays).toEqual([{ requestedAt, reason: 'Member in residential treatment until February', agreedDate: '2031-02-15' }]);
    // The original day 60 passes without a breach; the agreed date does not.
    await sys().skipTo(after(COMPLETE_DUE));
    expect((await deadlineOf(sys(), memberId, 'R-ASSESS-COMPLETE')).status).toBe('open');
    await sys().skipTo(after('2031-02-15T23:59:59.999-08:00'));
    expect((await deadlineReaches(sys(), memberId, 'R-ASSESS-COMPLETE', 'breached')).breachedAt).toBe('2031-02-15T23:59:59.999-08:00');
    const noReason = await actAt(sys(), memberId, '/assessment/delay', iso(after('2031-02-15T23:59:59.999-08:00')), { requestedAt: iso(after('2031-02-15T23:59:59.999-08:00')), agreedDate: '2031-03-01' });
    expect(noReason.status).toBe(400);
  });

  it('R-CAREPLAN-14D: a SMART care plan one minute before day 14 ends is on time, and later revisions are kept with their dates', async () => {
    const memberId = await enrolled(sys(), START, ENROLLED);
    await ok(sys(), memberId, '/assessment', ASSESSED, { action: 'start', at: ASSESSED });
    expect((await deadlineOf(sys(), memberId, 'R-CAREPLAN-14D')).dueAt).toBe(CAREPLAN_DUE);
    await ok(sys(), memberId, '/care-plan', before(CAREPLAN_DUE), carePlan(before(CAREPLAN_DUE)));
    expect((await deadlineOf(sys(), memberId, 'R-CAREPLAN-14D')).status).toBe('met');
    const completedAt = '2030-12-15T10:00:00.000-08:00';
    expect((await ok(sys(), memberId, '/assessment', completedAt, { action: 'complete', at: completedAt })).stage).toBe('ACTIVE');
    const revisedAt = '2031-01-05T10:00:00.000-08:00';
    await ok(sys(), memberId, '/care-plan', revisedAt, carePlan(revisedAt, { acuity: 'medium', revisionReason: 'housing secured' }));
    const state = await stateOf(sys(), memberId);
    expect(state.carePlan).toEqual([
      { version: 1, at: expect.any(String), goals: 2, acuity: 'high' },
      { version: 2, at: revisedAt, goals: 2, acuity: 'medium', reason: 'housing secured' },
    ]);
    expect(Date.parse(state.carePlan[0].at)).toBe(Date.parse(before(CAREPLAN_DUE)));
  });

  it('R-CAREPLAN-14D: without a care plan the deadline is breached one minute after day 14', async () => {
    const memberId = await enrolled(sys(), START, ENROLLED);
    await ok(sys(), memberId, '/assessment', ASSESSED, { action: 'start', at: ASSESSED });
    await sys().skipTo(after(CAREPLAN_DUE));
    expect((await deadlineReaches(sys(), memberId, 'R-CAREPLAN-14D', 'breached')).breachedAt).toBe(CAREPLAN_DUE);
  });

  it('R-CAREPLAN-14D: fewer than 2 goals, or a goal without a measure or target date, is refused and changes nothing', async () => {
    const memberId = await enrolled(sys(), START, ENROLLED);
    await ok(sys(), memberId, '/assessment', ASSESSED, { action: 'start', at: ASSESSED });
    const one = carePlan(ASSESSED, { goals: [{ description: 'Housing', measure: 'Lease', targetDate: '2031-06-30' }] });
    const noMeasure = carePlan(ASSESSED, { goals: [{ description: 'Housing', targetDate: '2031-06-30' }, { description: 'Diabetes', measure: 'HbA1c', targetDate: '2031-06-30' }] });
    const noDate = carePlan(ASSESSED, { goals: [{ description: 'Housing', measure: 'Lease' }, { description: 'Diabetes', measure: 'HbA1c', targetDate: '2031-06-30' }] });
    for (const [body, path] of [[one, 'goals'], [noMeasure, 'goals.0.measure'], [noDate, 'goals.0.targetDate']] as const) {
      const res = await actAt(sys(), memberId, '/care-plan', ASSESSED, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const state = await stateOf(sys(), memberId);
    expect(state.carePlan).toBeUndefined();
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-CAREPLAN-14D').status).toBe('open');
  });

  it('R-CAREPLAN-14D: a SMART goal whose target date is not after the care plan’s local date is refused (422 care_plan_not_smart) and changes nothing', async () => {
    const memberId = await enrolled(sys(), START, ENROLLED);
    await ok(sys(), memberId, '/assessment', ASSESSED, { action: 'start', at: ASSESSED });
    // 22:30 Pacific on Mon 2030-12-02 is already Tue 12-03 in UTC: the plan's date is the local one, 12-02.
    const plannedAt = '2030-12-02T22:30:00.000-08:00';
    const withSecondGoalDue = (targetDate: string) =>
      carePlan(plannedAt, { goals: [{ description: 'Housing', measure: 'Lease', targetDate: '2031-06-30' }, { description: 'Diabetes', measure: 'HbA1c', targetDate }] });
    for (const targetDate of ['2030-12-02', '2030-11-30']) {
      const res = await actAt(sys(), memberId, '/care-plan', plannedAt, withSecondGoalDue(targetDate));
      expect([res.status, res.body.code], JSON.stringify(res.body)).toEqual([422, 'care_plan_not_smart']);
      expect(res.body.detail).toContain("goal 2's target date must be a date after the care plan's own date");
      expect(res.body.detail).not.toContain(targetDate);
    }
    let state = await stateOf(sys(), memberId);
    expect(state.carePlan).toBeUndefined();
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-CAREPLAN-14D').status).toBe('open');
    // The next local day is after the plan's date, though it is the plan's own UTC date.
    await ok(sys(), memberId, '/care-plan', plannedAt, withSecondGoalDue('2030-12-03'));
    state = await stateOf(sys(), memberId);
    expect(state.carePlan).toHaveLength(1);
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-CAREPLAN-14D').status).toBe('met');
  });

  it('R-OPT-IN: an enrolled member may opt out at any later stage; ECM is discontinued with a Notice of Action', async () => {
    const memberId = await enrolled(sys(), START, ENROLLED);
    await ok(sys(), memberId, '/assessment', ASSESSED, { action: 'start', at: ASSESSED });
    const res = await ok(sys(), memberId, '/opt-out', '2030-11-26T10:00:00-08:00', { at: '2030-11-26T10:00:00-08:00', reason: 'moving out of state' });
    expect(res.stage).toBe('DISCONTINUED');
    const state = await stateOf(sys(), memberId);
    expect(state.discontinuation).toMatchObject({ reason: 'member_no_longer_wishes' });
    expect(state.deadlines.filter((d: { status: string }) => d.status === 'open')).toEqual([]);
    await eventually(async () => {
      const notices = await db().pool.query('SELECT notice_type FROM notices_of_action WHERE member_id = $1', [memberId]);
      expect(notices.rows).toEqual([{ notice_type: 'discontinuation' }]);
    });
  });
});
