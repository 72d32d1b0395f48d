import { describe, expect, it } from 'vitest';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { active, carePlan, ok } from '../support/journey-driver';
import { actAt, deadlineOf, deadlineReaches, eventually, referAt, searchAttributesOf, stateOf, useJourneySystem } from '../support/journey-test';
import type { TestSystem } from '../support/test-system';

// Authorized Tue 2030-01-15 10:00 PT. R-AUTH-12M: 2030-01-15 → 2031-01-14. R-PCQ-WINDOW: opens at
// the start of 2030-12-15 (end − 30 days), due at the end of 2030-12-31 (end − 14 days).
const AUTHORIZED = '2030-01-15T10:00:00.000-08:00';
const WINDOW_OPENS = '2030-12-15T00:00:00.000-08:00';
const PCQ_DUE = '2030-12-31T23:59:59.999-08:00';
const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

async function runIdOf(sys: TestSystem, memberId: string): Promise<string> {
  return (await sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId)).describe()).runId;
}

describe('authorization periods, PCQ, reauthorization and graduation', () => {
  const { sys, db } = useJourneySystem();

  it('R-AUTH-12M: the initial authorization runs 12 months, ending the day before the same date a year later', async () => {
    const memberId = await active(sys(), AUTHORIZED);
    expect((await stateOf(sys(), memberId)).currentAuthorizationPeriod).toEqual({ number: 1, kind: 'initial', start: '2030-01-15', end: '2031-01-14' });
  });

  it('R-PCQ-WINDOW: a PCQ one minute before the window opens is refused with its reason and changes nothing', async () => {
    const memberId = await active(sys(), AUTHORIZED);
    const early = iso(Date.parse(WINDOW_OPENS) - minute);
    const res = await actAt(sys(), memberId, '/pcq', early, { submittedAt: early, recommendation: 'continue' });
    expect([res.status, res.body.code]).toEqual([422, 'pcq_window_not_open']);
    expect(res.body.detail).toContain('2030-12-15');
    const state = await stateOf(sys(), memberId);
    expect([state.stage, state.pcq]).toEqual(['ACTIVE', undefined]);
    expect(state.deadlines.some((d: { rule: string }) => d.rule === 'R-PCQ-WINDOW')).toBe(false);
  });

  it('R-PCQ-WINDOW: the window’s timer opens the deadline; a PCQ one minute before its end is on time and the plan reviews', async () => {
    const memberId = await active(sys(), AUTHORIZED);
    await sys().skipTo(Date.parse(WINDOW_OPENS) + minute);
    const opened = await eventually(async () => deadlineOf(sys(), memberId, 'R-PCQ-WINDOW'));
    expect(opened).toMatchObject({ status: 'open', startedAt: WINDOW_OPENS, dueAt: PCQ_DUE });
    const at = iso(Date.parse(PCQ_DUE) - minute);
    expect((await ok(sys(), memberId, '/pcq', at, { submittedAt: at, recommendation: 'continue' })).stage).toBe('REAUTH_REVIEW');
    expect((await deadlineOf(sys(), memberId, 'R-PCQ-WINDOW')).status).toBe('met');
  });

  it('R-PCQ-WINDOW: with no PCQ, the deadline is breached one minute after end − 14 days; a late PCQ is still taken', async () => {
    const memberId = await active(sys(), AUTHORIZED);
    await sys().skipTo(Date.parse(PCQ_DUE) + minute);
    expect((await deadlineReaches(sys(), memberId, 'R-PCQ-WINDOW', 'breached')).breachedAt).toBe(PCQ_DUE);
    await eventually(async () => expect((await searchAttributesOf(sys(), memberId)).EcmOverdue).toEqual([true]));
    const late = iso(Date.parse(PCQ_DUE) + minute);
    expect((await ok(sys(), memberId, '/pcq', late, { submittedAt: late, recommendation: 'continue' })).stage).toBe('REAUTH_REVIEW');
    expect((await stateOf(sys(), memberId)).overdue).toBe(false);
  });

  it('R-REAUTH-6M: reauthorization opens a 6-month period from the day after the last one ends, in a new run (continue-as-new)', async () => {
    const memberId = await active(sys(), AUTHORIZED);
    const firstRun = await runIdOf(sys(), memberId);
    await ok(sys(), memberId, '/pcq', '2030-12-16T10:00:00-08:00', { submittedAt: '2030-12-16T10:00:00-08:00', recommendation: 'continue' });
    const res = await ok(sys(), memberId, '/reauthorization', '2030-12-20T10:00:00-08:00', { decision: 'reauthorize', decidedAt: '2030-12-20T10:00:00-08:00' });
    expect(res.stage).toBe('ACTIVE');
    await eventually(async () => expect(await runIdOf(sys(), memberId)).not.toBe(firstRun));
    const state = await stateOf(sys(), memberId);
    expect(state.currentAuthorizationPeriod).toEqual({ number: 2, kind: 'reauthorization', start: '2031-01-15', end: '2031-07-14' });
    expect(state.stage).toBe('ACTIVE');
    // The new run still answers the first run's idempotency keys and keeps the past deadlines.
    expect(state.deadlines.find((d: { rule: string }) => d.rule === 'R-PCQ-WINDOW').status).toBe('met');
  });

  it('R-DENIAL-NOA: a reauthorization denial discontinues the member with a Notice of Action', async () => {
    const memberId = await active(sys(), AUTHORIZED, 'LCM-DENY');
    await ok(sys(), memberId, '/pcq', '2030-12-16T10:00:00-08:00', { submittedAt: '2030-12-16T10:00:00-08:00', recommendation: 'continue' });
    const noReason = await actAt(sys(), memberId, '/reauthorization', '2030-12-20T10:00:00-08:00', { decision: 'deny', decidedAt: '2030-12-20T10:00:00-08:00' });
    expect([noReason.status, noReason.body.code]).toEqual([422, 'reason_required']);
    const res = await ok(sys(), memberId, '/reauthorization', '2030-12-20T10:00:00-08:00', { decision: 'deny', decidedAt: '2030-12-20T10:00:00-08:00', reason: 'criteria no longer met' });
    expect(res.stage).toBe('DISCONTINUED');
    await eventually(async () => {
      const notices = await db().pool.query('SELECT notice_type, reason FROM notices_of_action WHERE member_id = $1', [memberId]);
      expect(notices.rows).toEqual([{ notice_type: 'discontinuation', reason: 'reauthorization_denied: criteria no longer met' }]);
    });
  });

  it('R-GRADUATION: graduation is refused without a PCQ recommending completion and a case conference, then granted with both; the member is told of other programs', async () => {
    const memberId = await active(sys(), AUTHORIZED);
    await ok(sys(), memberId, '/pcq', '2030-12-16T10:00:00-08:00', { submittedAt: '2030-12-16T10:00:00-08:00', recommendation: 'complete' });
    const body = { decision: 'graduate', decidedAt: '2030-12-20T10:00:00-08:00', otherProgramsInformed: ['Basic Care Management'] };
    const refused = await actAt(sys(), memberId, '/reauthorization', body.decidedAt, body);
    expect([refused.status, refused.body.code]).toEqual([422, 'graduation_requirements_not_met']);
    expect(refused.body.detail).toContain('case conference');
    await ok(sys(), memberId, '/case-conference', '2030-12-20T11:00:00-08:00', { at: '2030-12-20T11:00:00-08:00', participants: ['LCM-0001', 'PCP-77'] });
    const graduate = { ...body, decidedAt: '2030-12-20T12:00:00-08:00' };
    const res = await ok(sys(), memberId, '/reauthorization', graduate.decidedAt, graduate);
    expect(res.stage).toBe('GRADUATED');
    expect((await stateOf(sys(), memberId)).graduation).toEqual({ at: '2030-12-20T12:00:00.000-08:00', otherProgramsInformed: ['Basic Care Management'] });
  });

  it('R-GRADUATION: a PCQ recommending continuation cannot lead to graduation', async () => {
    const memberId = await active(sys(), AUTHORIZED);
    await ok(sys(), memberId, '/case-conference', '2030-12-15T10:00:00-08:00', { at: '2030-12-15T10:00:00-08:00', participants: ['LCM-0001'] });
    await ok(sys(), memberId, '/pcq', '2030-12-16T10:00:00-08:00', { submittedAt: '2030-12-16T10:00:00-08:00', recommendation: 'continue' });
    const res = await actAt(sys(), memberId, '/reauthorization', '2030-12-20T10:00:00-08:00', { decision: 'graduate', decidedAt: '2030-12-20T10:00:00-08:00', otherProgramsInformed: ['Basic Care Management'] });
    expect([res.status, res.body.detail]).toEqual([422, expect.stringContaining('PCQ recommending completion')]);
  });

  it('a typical journey: referral to graduation at month 18, every deadline met', async () => {
    const referred = '2030-01-10T09:00:00.000-08:00';
    const memberId = await referAt(sys(), referred);
    await ok(sys(), memberId, '/authorization', AUTHORIZED, { decision: 'approved', decidedAt: AUTHORIZED });
    await ok(sys(), memberId, '/assignment', '2030-01-16T09:00:00-08:00', { providerId: 'PROV-ACME', assignedAt: '2030-01-16T09:00:00-08:00' });
    await ok(sys(), memberId, '/assignment/response', '2030-01-16T11:00:00-08:00', { response: 'accepted', at: '2030-01-16T11:00:00-08:00' });
    await ok(sys(), memberId, '/lead-care-manager', '2030-01-17T09:00:00-08:00', { careManagerId: 'LCM-0001', at: '2030-01-17T09:00:00-08:00' });
    await ok(sys(), memberId, '/outreach-attempts', '2030-01-18T10:00:00-08:00', { at: '2030-01-18T10:00:00-08:00', method: 'in_person', result: 'reached', minutes: 40 });
    await ok(sys(), memberId, '/enrollment', '2030-01-18T10:30:00-08:00', { consent: 'written', recordedBy: 'LCM-0001', at: '2030-01-18T10:30:00-08:00' });
    await ok(sys(), memberId, '/assessment', '2030-01-22T10:00:00-08:00', { action: 'start', at: '2030-01-22T10:00:00-08:00' });
    await ok(sys(), memberId, '/care-plan', '2030-02-01T10:00:00-08:00', carePlan('2030-02-01T10:00:00-08:00'));
    await ok(sys(), memberId, '/assessment', '2030-02-20T10:00:00-08:00', { action: 'complete', at: '2030-02-20T10:00:00-08:00' });
    await ok(sys(), memberId, '/pcp-change', '2030-06-01T10:00:00-07:00', { pcpId: 'PCP-77', at: '2030-06-01T10:00:00-07:00' });
    await ok(sys(), memberId, '/pcq', '2030-12-16T10:00:00-08:00', { submittedAt: '2030-12-16T10:00:00-08:00', recommendation: 'continue' });
    await ok(sys(), memberId, '/reauthorization', '2030-12-22T10:00:00-08:00', { decision: 'reauthorize', decidedAt: '2030-12-22T10:00:00-08:00' });
    await ok(sys(), memberId, '/case-conference', '2031-06-10T10:00:00-07:00', { at: '2031-06-10T10:00:00-07:00', participants: ['LCM-0001', 'PCP-77'] });
    await ok(sys(), memberId, '/pcq', '2031-06-16T10:00:00-07:00', { submittedAt: '2031-06-16T10:00:00-07:00', recommendation: 'complete' });
    const done = await ok(sys(), memberId, '/reauthorization', '2031-06-20T10:00:00-07:00', {
      decision: 'graduate',
      decidedAt: '2031-06-20T10:00:00-07:00',
      otherProgramsInformed: ['Basic Care Management'],
    });
    expect(done.stage).toBe('GRADUATED');
    const state = await stateOf(sys(), memberId);
    expect(state.stageHistory.map((s: { stage: string }) => s.stage)).toEqual([
      // The care plan came before the assessment was complete, so the member went straight to ACTIVE.
      'REFERRED', 'AUTHORIZED', 'ASSIGNED', 'OUTREACH', 'ENROLLED', 'ASSESSMENT', 'ACTIVE', 'REAUTH_REVIEW', 'ACTIVE', 'REAUTH_REVIEW', 'GRADUATED',
    ]);
    const breached = state.deadlines.filter((d: { status: string }) => d.status === 'breached');
    expect(breached).toEqual([]);
    expect(await sys().client.workflow.getHandle(memberJourneyWorkflowId(memberId)).result()).toEqual({ memberId, stage: 'GRADUATED' });
  });

  it('a neglected journey: every deadline is breached, and each breach shows in the state and in EcmOverdue until its late act', async () => {
    const referred = '2030-01-10T09:00:00.000-08:00';
    const memberId = await referAt(sys(), referred);
    const overdueNow = async (expected: boolean) =>
      eventually(async () => {
        expect((await stateOf(sys(), memberId)).overdue).toBe(expected);
        expect((await searchAttributesOf(sys(), memberId)).EcmOverdue).toEqual([expected]);
      });
    /** Skips past the rule's due instant, checks the breach is visible, then does the late act. */
    const neglect = async (rule: string, late: (at: string) => Promise<void>) => {
      const due = (await eventually(async () => deadlineOf(sys(), memberId, rule))).dueAt as string;
      // A clock counted from an earlier act may already be past when it starts (R-LCM-72H after silence).
      const lateAt = Math.max(Date.parse(due) + 3_600_000, await sys().now());
      await sys().skipTo(lateAt);
      expect((await deadlineReaches(sys(), memberId, rule, 'breached')).breachedAt).toBe(due);
      if (rule !== 'R-DECLINE-1BD') await overdueNow(true);
      await late(iso(lateAt));
    };
    await neglect('R-AUTH-ROUTINE', async (at) => void (await ok(sys(), memberId, '/authorization', at, { decision: 'approved', decidedAt: at })));
    await neglect('R-ASSIGN', async (at) => void (await ok(sys(), memberId, '/assignment', at, { providerId: 'PROV-SLOW', assignedAt: at })));
    await overdueNow(false);
    await neglect('R-DECLINE-1BD', () => Promise.resolve());
    await neglect('R-LCM-72H', async (at) => void (await ok(sys(), memberId, '/lead-care-manager', at, { careManagerId: 'LCM-SLOW', at })));
    await overdueNow(false);
    await neglect('R-OUTREACH-30D', async (at) => void (await ok(sys(), memberId, '/enrollment', at, { consent: 'verbal', recordedBy: 'LCM-SLOW', at })));
    await neglect('R-ASSESS-START', async (at) => void (await ok(sys(), memberId, '/assessment', at, { action: 'start', at })));
    await neglect('R-CAREPLAN-14D', async (at) => void (await ok(sys(), memberId, '/care-plan', at, carePlan(at))));
    await neglect('R-ASSESS-COMPLETE', async (at) => void (await ok(sys(), memberId, '/assessment', at, { action: 'complete', at })));
    // Authorized late, on 2030-01-18: the period ends 2031-01-17 and its PCQ window opens 2030-12-18.
    await sys().skipTo(Date.parse('2030-12-18T00:01:00-08:00'));
    await neglect('R-PCQ-WINDOW', async (at) => void (await ok(sys(), memberId, '/pcq', at, { submittedAt: at, recommendation: 'continue' })));
    await overdueNow(false);
    const state = await stateOf(sys(), memberId);
    const breachedRules = state.deadlines.filter((d: { status: string }) => d.status === 'breached').map((d: { rule: string }) => d.rule).sort();
    expect(breachedRules).toEqual(['R-ASSESS-COMPLETE', 'R-ASSESS-START', 'R-ASSIGN', 'R-AUTH-ROUTINE', 'R-CAREPLAN-14D', 'R-DECLINE-1BD', 'R-LCM-72H', 'R-OUTREACH-30D', 'R-PCQ-WINDOW']);
    const escalated = await db().pool.query('SELECT rule FROM deadline_escalations WHERE member_id = $1 ORDER BY rule', [memberId]);
    expect(escalated.rows.map((r) => r.rule)).toEqual(breachedRules);
  });

  it('R-REAUTH-6M: three years (12 + 6 × 4 months) run as one journey over five runs, each run’s history well under 2,000 events', async () => {
    const memberId = await active(sys(), AUTHORIZED);
    const runs = [await runIdOf(sys(), memberId)];
    // Hand-computed windows: period n ends on `end`; the PCQ goes in the day after the window opens.
    const periods = [
      { end: '2031-01-14', pcq: '2030-12-16T10:00:00-08:00', next: { start: '2031-01-15', end: '2031-07-14' } },
      { end: '2031-07-14', pcq: '2031-06-15T10:00:00-07:00', next: { start: '2031-07-15', end: '2032-01-14' } },
      { end: '2032-01-14', pcq: '2031-12-16T10:00:00-08:00', next: { start: '2032-01-15', end: '2032-07-14' } },
      { end: '2032-07-14', pcq: '2032-06-15T10:00:00-07:00', next: { start: '2032-07-15', end: '2033-01-14' } },
    ];
    for (const [i, p] of periods.entries()) {
      // Ordinary care continues: a care plan revision and some attempts' worth of activity each period.
      const revisedAt = iso(Date.parse(p.pcq) - 30 * 86_400_000);
      await ok(sys(), memberId, '/care-plan', revisedAt, carePlan(revisedAt, { revisionReason: `period ${i + 1} review` }));
      await ok(sys(), memberId, '/pcq', p.pcq, { submittedAt: p.pcq, recommendation: 'continue' });
      const decidedAt = iso(Date.parse(p.pcq) + 2 * 86_400_000);
      await ok(sys(), memberId, '/reauthorization', decidedAt, { decision: 'reauthorize', decidedAt });
      await eventually(async () => expect(await runIdOf(sys(), memberId)).not.toBe(runs.at(-1)));
      runs.push(await runIdOf(sys(), memberId));
      expect((await stateOf(sys(), memberId)).currentAuthorizationPeriod).toMatchObject({ number: i + 2, ...p.next });
    }
    await sys().skipTo(Date.parse('2033-01-10T10:00:00-08:00'));
    expect((await stateOf(sys(), memberId)).stage).toBe('ACTIVE');
    const lengths = [];
    for (const runId of runs) {
      const history = await sys().client.workflow.getHandle(memberJourneyWorkflowId(memberId), runId).fetchHistory();
      lengths.push(history.events?.length ?? 0);
    }
    console.log(`3-year journey: ${runs.length} runs, history events per run: ${lengths.join(', ')}; largest ${Math.max(...lengths)}`);
    expect(runs).toHaveLength(5);
    expect(Math.max(...lengths)).toBeLessThan(2000);
  });
});
