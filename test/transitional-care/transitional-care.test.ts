import { describe, expect, it } from 'vitest';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { active, carePlan, inOutreach, ok } from '../support/journey-driver';
import { deadlineOf, eventually, stateOf, useJourneySystem } from '../support/journey-test';
import { referralBody, uniqueCin } from '../support/referrals';
import { TEST_MEMBER_ID_KEY, type TestSystem } from '../support/test-system';
import { deriveMemberId } from '../../src/infra/identity';

const AT = '2030-11-13T09:00:00.000-08:00';
// Admission notified Sun 2030-11-17 08:00 PT → R-TCS-24H due 24 hours after our receipt.
const ADMIT = '2030-11-17T08:00:00.000-08:00';
// Discharged Thu 2030-11-21 10:00 PT → R-TCS-7D due end of Thu 2030-11-28; R-TCS-30D end of Sat 2030-12-21.
const DISCHARGE = '2030-11-21T10:00:00.000-08:00';
const SEVEN_DAY_DUE = '2030-11-28T23:59:59.999-08:00';
const THIRTY_DAY = '2030-12-21T23:59:59.999-08:00';
const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

let seq = 0;
function adt(cin: string, eventType: string, visitId: string, extra: Record<string, unknown> = {}) {
  seq += 1;
  return { messageId: `MSG-${Date.now()}-${seq}`, eventType, plan: 'LA-CARE', member: { cin }, facility: { id: 'HOSP-1' }, visitId, patientClass: eventType === 'A04' ? 'E' : 'I', ...extra };
}

async function send(sys: TestSystem, at: string, ...events: Record<string, unknown>[]) {
  await sys.skipTo(Date.parse(at));
  await journeyIdle(sys, deriveMemberId(TEST_MEMBER_ID_KEY, 'LA-CARE', (events[0]!.member as { cin: string }).cin));
  const res = await sys.request('POST', '/v1/adt', { events });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results as { status: string; reason?: string }[];
}

/** A member in outreach whose CIN the test knows. */
async function memberWithCin(sys: TestSystem, driver: typeof inOutreach | typeof active = inOutreach) {
  const cin = uniqueCin();
  const memberId = await driver(sys, AT, `LCM-${cin}`, { member: { ...(referralBody(AT).member as object), cin } });
  return { cin, memberId };
}

async function transition(sys: TestSystem, memberId: string) {
  const episode = await eventually(async () => {
    const state = await stateOf(sys, memberId);
    expect(state.transitions?.length).toBeGreaterThan(0);
    return { transition: state.transitions[0], workflowId: state.episodes[0].workflowId as string };
  });
  await idle(sys, episode.workflowId);
  return (await stateOf(sys, memberId)).transitions[0];
}

/** Waits until the member's journey and its open episodes are idle (see {@link idle}). */
async function journeyIdle(sys: TestSystem, memberId: string) {
  const handle = sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId));
  try {
    await handle.describe();
  } catch {
    return; // no journey: the event will be unmatched
  }
  await idle(sys, memberJourneyWorkflowId(memberId));
  const state = await stateOf(sys, memberId);
  for (const e of state.episodes ?? []) if (e.status === 'open') await idle(sys, e.workflowId);
}

/**
 * Waits until a workflow has no task in flight. The time-skipping test server can leave an Update
 * unanswered when it lands while the episode's first workflow task is still running (the real
 * server does not); the tests wait rather than race it.
 */
async function idle(sys: TestSystem, workflowId: string) {
  await eventually(async () => {
    const { raw } = await sys.client.workflow.getHandle(workflowId).describe();
    expect(raw.pendingWorkflowTask ?? null).toBeNull();
    expect(raw.pendingActivities ?? []).toHaveLength(0);
  });
}

async function task(sys: TestSystem, memberId: string, visitId: string, name: string, at: string, body: Record<string, unknown> = {}) {
  await sys.skipTo(Date.parse(at));
  return sys.request('POST', `/v1/members/${memberId}/transitions/${visitId}/tasks/${name}`, { outcome: 'done', at, by: 'LCM-1', ...body });
}

const ALL_TASKS: Record<string, Record<string, unknown>> = {
  facility_and_member_contacted: {},
  discharge_risk_assessment: { lace: { admitDate: '2030-11-17', dischargeDate: '2030-11-21', emergent: true, charlsonScore: 1, edVisitsPrior6Months: 0 } },
  discharge_summary_shared: { sharedWith: ['PCP-77'] },
  medication_reconciliation: { licensed: true },
  closed_loop_referrals: { referrals: [{ referral: 'cardiology', outcome: 'appointment 2030-12-02' }] },
  transportation: {},
  post_discharge_follow_up: {},
  pcp_connection: {},
};

describe('transitional care', () => {
  const { sys, db } = useJourneySystem();

  it('R-TCS-24H: an admission starts a child episode; contacting member and facility at 23:59 meets the 24-hour clock', async () => {
    const { cin, memberId } = await memberWithCin(sys());
    expect((await send(sys(), ADMIT, adt(cin, 'A01', 'V-100', { admitAt: ADMIT })))[0]?.status).toBe('accepted');
    const episode = await transition(sys(), memberId);
    // Due 24 hours after the notification reached us (the API's receipt, a moment after ADMIT).
    const clock = episode.deadlines.find((d: { rule: string }) => d.rule === 'R-TCS-24H');
    expect(clock.status).toBe('open');
    expect(Date.parse(clock.dueAt) - Date.parse(clock.startedAt)).toBe(24 * 3_600_000);
    expect(Date.parse(clock.startedAt) - Date.parse(ADMIT)).toBeLessThan(10_000);
    expect((await stateOf(sys(), memberId)).episodes).toHaveLength(1);
    const res = await task(sys(), memberId, 'V-100', 'facility_and_member_contacted', iso(Date.parse(clock.dueAt) - minute));
    expect(res.status).toBe(200);
    expect((await transition(sys(), memberId)).deadlines.find((d: { rule: string }) => d.rule === 'R-TCS-24H').status).toBe('met');
  });

  it('R-TCS-24H: without contact the clock is breached at 24:01 and escalated; a discharge then starts it again', async () => {
    const { cin, memberId } = await memberWithCin(sys());
    await send(sys(), ADMIT, adt(cin, 'A01', 'V-101', { admitAt: ADMIT }));
    const due = (await transition(sys(), memberId)).deadlines.find((d: { key: string }) => d.key === 'R-TCS-24H').dueAt as string;
    await sys().skipTo(Date.parse(due) + minute);
    await eventually(async () => {
      const episode = await transition(sys(), memberId);
      expect(episode.deadlines.find((d: { key: string }) => d.key === 'R-TCS-24H')).toMatchObject({ status: 'breached', breachedAt: due });
    });
    await eventually(async () => {
      const rows = await db().pool.query(`SELECT rule FROM deadline_escalations WHERE member_id = $1`, [memberId]);
      expect(rows.rows.map((r) => r.rule)).toContain('R-TCS-24H');
    });
    await send(sys(), DISCHARGE, adt(cin, 'A03', 'V-101', { admitAt: ADMIT, dischargeAt: DISCHARGE }));
    const episode = await eventually(async () => {
      const e = await transition(sys(), memberId);
      expect(e.status).toBe('discharged');
      return e;
    });
    expect(episode.deadlines.find((d: { key: string }) => d.key === 'R-TCS-24H#2')).toMatchObject({ status: 'open' });
  });

  it('R-TCS-24H: contact made during the stay means no second clock after the discharge', async () => {
    const { cin, memberId } = await memberWithCin(sys());
    await send(sys(), ADMIT, adt(cin, 'A01', 'V-102', { admitAt: ADMIT }));
    await transition(sys(), memberId);
    await task(sys(), memberId, 'V-102', 'facility_and_member_contacted', '2030-11-17T12:00:00-08:00');
    await send(sys(), DISCHARGE, adt(cin, 'A03', 'V-102', { admitAt: ADMIT, dischargeAt: DISCHARGE }));
    const episode = await eventually(async () => {
      const e = await transition(sys(), memberId);
      expect(e.status).toBe('discharged');
      return e;
    });
    expect(episode.deadlines.filter((d: { rule: string }) => d.rule === 'R-TCS-24H')).toHaveLength(1);
  });

  it('R-TCS-7D: follow-up and PCP connection one minute before day 7 ends meet the clock', async () => {
    const { cin, memberId } = await memberWithCin(sys());
    await send(sys(), ADMIT, adt(cin, 'A01', 'V-103', { admitAt: ADMIT }));
    await send(sys(), DISCHARGE, adt(cin, 'A03', 'V-103', { admitAt: ADMIT, dischargeAt: DISCHARGE }));
    await eventually(async () => expect((await transition(sys(), memberId)).deadlines.find((d: { rule: string }) => d.rule === 'R-TCS-7D')?.dueAt).toBe(SEVEN_DAY_DUE));
    const at = iso(Date.parse(SEVEN_DAY_DUE) - minute);
    expect((await task(sys(), memberId, 'V-103', 'post_discharge_follow_up', at)).status).toBe(200);
    expect((await task(sys(), memberId, 'V-103', 'pcp_connection', at)).status).toBe(200);
    expect((await transition(sys(), memberId)).deadlines.find((d: { rule: string }) => d.rule === 'R-TCS-7D').status).toBe('met');
  });

  it('R-TCS-7D: with no follow-up the clock is breached one minute after day 7', async () => {
    const { cin, memberId } = await memberWithCin(sys());
    await send(sys(), ADMIT, adt(cin, 'A01', 'V-104', { admitAt: ADMIT }));
    await send(sys(), DISCHARGE, adt(cin, 'A03', 'V-104', { admitAt: ADMIT, dischargeAt: DISCHARGE }));
    await sys().skipTo(Date.parse(SEVEN_DAY_DUE) + minute);
    await eventually(async () => expect((await transition(sys(), memberId)).deadlines.find((d: { rule: string }) => d.rule === 'R-TCS-7D')).toMatchObject({ status: 'breached', breachedAt: SEVEN_DAY_DUE }));
  });

  it('R-TCS-30D and R-REASSESS: with every task done early the episode stays open until 30 days after discharge, then the journey opens a reassessment that a care plan revision meets', async () => {
    const { cin, memberId } = await memberWithCin(sys(), active);
    await send(sys(), ADMIT, adt(cin, 'A01', 'V-105', { admitAt: ADMIT }));
    await send(sys(), DISCHARGE, adt(cin, 'A03', 'V-105', { admitAt: ADMIT, dischargeAt: DISCHARGE }));
    await transition(sys(), memberId);
    for (const [name, body] of Object.entries(ALL_TASKS)) {
      expect((await task(sys(), memberId, 'V-105', name, '2030-11-21T12:00:00-08:00', body)).status).toBe(200);
    }
    await sys().skipTo(Date.parse(THIRTY_DAY) - minute);
    expect((await transition(sys(), memberId)).status).toBe('discharged');
    await sys().skipTo(Date.parse(THIRTY_DAY) + minute);
    const reassess = await eventually(async () => {
      const state = await stateOf(sys(), memberId);
      expect(state.episodes[0].status).toBe('completed');
      return deadlineOf(sys(), memberId, 'R-REASSESS');
    });
    // R-REASSESS counts from when the episode completed, the end of its 30 days (2030-12-21), not
    // from when the workflow processed it a minute later: 30 days on is the end of 2031-01-20.
    expect(reassess).toMatchObject({ status: 'open', startedAt: THIRTY_DAY, dueAt: '2031-01-20T23:59:59.999-08:00' });
    const revisedAt = '2030-12-28T10:00:00.000-08:00';
    await ok(sys(), memberId, '/care-plan', revisedAt, carePlan(revisedAt, { revisionReason: 'after hospital stay' }));
    expect((await deadlineOf(sys(), memberId, 'R-REASSESS')).status).toBe('met');
    expect((await stateOf(sys(), memberId)).carePlan.at(-1)).toMatchObject({ at: revisedAt, reason: 'after hospital stay' });
  });

  it('R-TCS-TASKS: a waived task needs a reason; medication reconciliation needs a licensed person; a summary needs a recipient', async () => {
    const { cin, memberId } = await memberWithCin(sys());
    await send(sys(), ADMIT, adt(cin, 'A01', 'V-106', { admitAt: ADMIT }));
    await transition(sys(), memberId);
    const at = '2030-11-17T12:00:00-08:00';
    const waived = await task(sys(), memberId, 'V-106', 'transportation', at, { outcome: 'not_applicable' });
    expect([waived.status, waived.body.code]).toEqual([422, 'reason_required']);
    expect((await task(sys(), memberId, 'V-106', 'medication_reconciliation', at, { licensed: false })).status).toBe(422);
    expect((await task(sys(), memberId, 'V-106', 'discharge_summary_shared', at)).status).toBe(422);
    expect((await task(sys(), memberId, 'V-106', 'transportation', at, { outcome: 'not_applicable', reason: 'family drives' })).status).toBe(200);
    expect((await task(sys(), memberId, 'V-106', 'no_such_task', at)).status).toBe(404);
    const tasks = (await transition(sys(), memberId)).tasks;
    expect(tasks.find((t: { task: string }) => t.task === 'transportation')).toMatchObject({ status: 'not_applicable', reason: 'family drives' });
  });

  it('R-TCS-DRA: a High Modified LACE band marks the member high acuity in the journey', async () => {
    const { cin, memberId } = await memberWithCin(sys());
    await send(sys(), ADMIT, adt(cin, 'A01', 'V-107', { admitAt: ADMIT }));
    await transition(sys(), memberId);
    // L=4 (5 days) + A=3 + C=2 + E=1 = 10 → High.
    const res = await task(sys(), memberId, 'V-107', 'discharge_risk_assessment', '2030-11-21T12:00:00-08:00', {
      lace: { admitDate: '2030-11-17', dischargeDate: '2030-11-21', emergent: true, charlsonScore: 2, edVisitsPrior6Months: 1 },
    });
    expect(res.status).toBe(200);
    const episode = await transition(sys(), memberId);
    expect(episode.riskBand).toBe('high');
    expect(episode.tasks.find((t: { task: string }) => t.task === 'discharge_risk_assessment').detail.lace).toMatchObject({ score: 10, band: 'high' });
    await eventually(async () => expect((await stateOf(sys(), memberId)).highAcuity).toMatchObject({ episodeKey: episode.episodeKey }));
  });

  it('a readmission 12 days after discharge extends the same episode and restarts the 30 days at the new discharge', async () => {
    const { cin, memberId } = await memberWithCin(sys());
    await send(sys(), ADMIT, adt(cin, 'A01', 'V-108', { admitAt: ADMIT }));
    await send(sys(), DISCHARGE, adt(cin, 'A03', 'V-108', { admitAt: ADMIT, dischargeAt: DISCHARGE }));
    const readmit = '2030-12-03T10:00:00.000-08:00';
    await send(sys(), readmit, adt(cin, 'A01', 'V-200', { admitAt: readmit }));
    const second = '2030-12-06T10:00:00.000-08:00';
    await send(sys(), second, adt(cin, 'A03', 'V-200', { admitAt: readmit, dischargeAt: second }));
    const state = await stateOf(sys(), memberId);
    expect(state.episodes).toHaveLength(1);
    expect(state.episodes[0].visitKeys).toHaveLength(2);
    const episode = await eventually(async () => {
      const e = await transition(sys(), memberId);
      expect(e.status).toBe('discharged');
      return e;
    });
    const thirty = episode.deadlines.filter((d: { rule: string }) => d.rule === 'R-TCS-30D');
    expect(thirty.map((d: { status: string; dueAt: string }) => [d.status, d.dueAt])).toEqual([
      ['cancelled', THIRTY_DAY],
      ['open', '2031-01-05T23:59:59.999-08:00'],
    ]);
  });

  it('the same message delivered twice has one effect; an A11 cancels the admission and the episode', async () => {
    const { cin, memberId } = await memberWithCin(sys());
    const admit = adt(cin, 'A01', 'V-109', { admitAt: ADMIT });
    const [first] = await send(sys(), ADMIT, admit);
    const [again] = await send(sys(), ADMIT, admit);
    expect([first!.status, again!.status]).toEqual(['accepted', 'duplicate']);
    const rows = await db().pool.query('SELECT count(*)::int AS n FROM adt_messages WHERE member_id = $1', [memberId]);
    expect(rows.rows[0].n).toBe(1);
    expect((await transition(sys(), memberId)).deadlines.filter((d: { rule: string }) => d.rule === 'R-TCS-24H')).toHaveLength(1);
    await send(sys(), '2030-11-17T09:00:00-08:00', adt(cin, 'A11', 'V-109'));
    await eventually(async () => {
      const state = await stateOf(sys(), memberId);
      expect(state.episodes[0].status).toBe('cancelled');
    });
    // An update for the cancelled visit has nothing to update; a real admission later opens a fresh episode.
    const [late] = await send(sys(), '2030-11-17T09:30:00-08:00', adt(cin, 'A08', 'V-109'));
    expect(late?.status).toBe('unmatched');
    await send(sys(), '2030-11-18T09:00:00-08:00', adt(cin, 'A01', 'V-109', { admitAt: '2030-11-18T08:30:00-08:00' }));
    const episodes = (await stateOf(sys(), memberId)).episodes;
    expect(episodes.map((e: { status: string }) => e.status)).toEqual(['cancelled', 'open']);
    expect(episodes[1].workflowId).not.toBe(episodes[0].workflowId);
  });

  it('a discharge that arrives before its admission still makes the right episode; the late admission starts no clock', async () => {
    const { cin, memberId } = await memberWithCin(sys());
    await send(sys(), DISCHARGE, adt(cin, 'A03', 'V-110', { admitAt: ADMIT, dischargeAt: DISCHARGE }));
    await send(sys(), '2030-11-21T11:00:00-08:00', adt(cin, 'A01', 'V-110', { admitAt: ADMIT }));
    const episode = await eventually(async () => {
      const e = await transition(sys(), memberId);
      expect(e.visits[0]).toMatchObject({ admittedAt: ADMIT, dischargedAt: DISCHARGE });
      return e;
    });
    expect(episode.status).toBe('discharged');
    expect(episode.deadlines.map((d: { rule: string }) => d.rule).sort()).toEqual(['R-TCS-24H', 'R-TCS-30D', 'R-TCS-7D']);
  });

  it('an event for a member with no open journey is kept as unmatched and listed for reconciliation', async () => {
    await sys().skipTo(Date.parse(ADMIT));
    const cin = uniqueCin();
    const event = adt(cin, 'A01', 'V-111', { admitAt: ADMIT });
    const [result] = await send(sys(), ADMIT, event);
    expect(result).toMatchObject({ status: 'unmatched', reason: 'no open ECM journey for this member' });
    const list = await sys().request('GET', '/v1/adt/unmatched?plan=LA-CARE');
    expect(list.body.unmatched).toContainEqual(expect.objectContaining({ messageId: event.messageId, eventType: 'A01', cin, visitId: 'V-111' }));
    const bad = await sys().request('POST', '/v1/adt', { events: [{ ...event, eventType: 'A99' }] });
    expect(bad.status).toBe(400);
  });

  it('the episode survives the journey’s continue-as-new and reports back to the new run', async () => {
    const { cin, memberId } = await memberWithCin(sys(), active);
    const handle = sys().client.workflow.getHandle(memberJourneyWorkflowId(memberId));
    // Authorized 2030-11-13: the period ends 2031-11-12 and its PCQ window opens 2031-10-13.
    const admitted = '2031-10-14T08:00:00.000-07:00';
    await send(sys(), admitted, adt(cin, 'A01', 'V-112', { admitAt: admitted }));
    await transition(sys(), memberId);
    const firstRun = (await handle.describe()).runId;
    await ok(sys(), memberId, '/pcq', '2031-10-15T10:00:00-07:00', { submittedAt: '2031-10-15T10:00:00-07:00', recommendation: 'continue' });
    await ok(sys(), memberId, '/reauthorization', '2031-10-16T10:00:00-07:00', { decision: 'reauthorize', decidedAt: '2031-10-16T10:00:00-07:00' });
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(firstRun));
    const dischargedAt = '2031-10-18T10:00:00.000-07:00';
    await send(sys(), dischargedAt, adt(cin, 'A03', 'V-112', { admitAt: admitted, dischargeAt: dischargedAt }));
    await transition(sys(), memberId);
    // The episode, started by the first run, is still running and still reachable from the new one.
    const episode = await transition(sys(), memberId);
    expect(episode.status).toBe('discharged');
    const { status } = await sys().client.workflow.getHandle((await stateOf(sys(), memberId)).episodes[0].workflowId).describe();
    expect(status.name).toBe('RUNNING');
    // And what it reports reaches the new run: a High risk band marks the member high acuity.
    const res = await task(sys(), memberId, 'V-112', 'discharge_risk_assessment', '2031-10-18T12:00:00-07:00', {
      lace: { admitDate: '2031-10-14', dischargeDate: '2031-10-18', emergent: true, charlsonScore: 2, edVisitsPrior6Months: 1 },
    });
    expect(res.status).toBe(200);
    await eventually(async () => expect((await stateOf(sys(), memberId)).highAcuity).toMatchObject({ episodeKey: episode.episodeKey }));
    expect((await handle.describe()).runId).not.toBe(firstRun);
  });
});
