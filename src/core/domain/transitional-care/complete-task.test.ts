import { describe, expect, it } from 'vitest';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import { fulfil } from '../deadline';
import { defaultPlanPolicy } from '../plan-policy';
import { applyAdtEvent, newEpisode } from './apply-adt-event';
import { checkTaskCompletion, completeTask, readyToComplete, type TaskCompletionInput } from './complete-task';
import { TCS_TASKS, type EpisodeState, type TcsTask } from './episode-state';

const start = { memberId: 'mbr_unit', episodeKey: 'v1', parentWorkflowId: 'member-journey-mbr_unit', policy: defaultPlanPolicy('LA-CARE') };
const TZ = start.policy.calendar.timeZone;
const ms = Date.parse;
const NOW = ms('2031-07-20T12:00:00.000-07:00');
function discharged(): EpisodeState {
  const admitted = applyAdtEvent(newEpisode(start), { messageKey: 'a', eventType: 'A01', visitKey: 'v1', facilityId: 'H', patientClass: 'I', notifiedAt: '2031-07-02T08:00:00.000-07:00' });
  return applyAdtEvent(admitted, { messageKey: 'd', eventType: 'A03', visitKey: 'v1', facilityId: 'H', patientClass: 'I', dischargeAt: '2031-07-05T10:00:00.000-07:00', notifiedAt: '2031-07-05T10:05:00.000-07:00' });
}
const done = (task: TcsTask, at: string, extra: Partial<TaskCompletionInput> = {}): TaskCompletionInput => ({ actionKey: `${task}-${at}`, task, outcome: 'done', at, by: 'LCM-0001', ...extra });
const waived = (task: TcsTask, at: string, reason?: string): TaskCompletionInput => ({ actionKey: `${task}-na`, task, outcome: 'not_applicable', at, by: 'LCM-0001', ...(reason === undefined ? {} : { reason }) });
const code = (call: () => unknown) => {
  try {
    call();
    return 'allowed';
  } catch (err) {
    if (err instanceof JourneyRuleViolation) return err.code;
    throw err;
  }
};
const clock = (s: EpisodeState, key: string) => s.deadlines.find((d) => d.key === key);
const LACE_HIGH = { admitDate: '2031-07-02', dischargeDate: '2031-07-05', emergent: true, charlsonScore: 2, edVisitsPrior6Months: 1 };

describe('completeTask', () => {
  it('R-TCS-TASKS: each task asks for what proves it; not applicable needs a reason', () => {
    const s = discharged();
    const at = '2031-07-06T10:00:00.000-07:00';
    expect(code(() => checkTaskCompletion(s, waived('transportation', at), NOW))).toBe(JourneyErrorCode.ReasonRequired);
    expect(code(() => checkTaskCompletion(s, waived('transportation', at, '  '), NOW))).toBe(JourneyErrorCode.ReasonRequired);
    expect(code(() => checkTaskCompletion(s, waived('transportation', at, 'member drives'), NOW))).toBe('allowed');
    expect(code(() => checkTaskCompletion(s, done('discharge_summary_shared', at), NOW))).toBe(JourneyErrorCode.ReasonRequired);
    expect(code(() => checkTaskCompletion(s, done('discharge_summary_shared', at, { sharedWith: ['PCP-1'] }), NOW))).toBe('allowed');
    expect(code(() => checkTaskCompletion(s, done('medication_reconciliation', at, { licensed: false }), NOW))).toBe(JourneyErrorCode.ReasonRequired);
    expect(code(() => checkTaskCompletion(s, done('medication_reconciliation', at, { licensed: true }), NOW))).toBe('allowed');
    expect(code(() => checkTaskCompletion(s, done('closed_loop_referrals', at, { referrals: [] }), NOW))).toBe(JourneyErrorCode.ReasonRequired);
    expect(code(() => checkTaskCompletion(s, done('discharge_risk_assessment', at), NOW))).toBe(JourneyErrorCode.ReasonRequired);
    expect(code(() => checkTaskCompletion(s, done('discharge_risk_assessment', at, { lace: LACE_HIGH }), NOW))).toBe('allowed');
  });

  it('R-TCS-TASKS: a completion may be at most 2 minutes ahead of the clock; a closed episode takes none', () => {
    const s = discharged();
    expect(code(() => checkTaskCompletion(s, done('transportation', new Date(NOW + 120_000).toISOString()), NOW))).toBe('allowed');
    expect(code(() => checkTaskCompletion(s, done('transportation', new Date(NOW + 120_001).toISOString()), NOW))).toBe(JourneyErrorCode.TimestampInFuture);
    expect(code(() => checkTaskCompletion({ ...s, status: 'completed' }, done('transportation', '2031-07-06T10:00:00.000-07:00'), NOW))).toBe(JourneyErrorCode.WrongStage);
  });

  it('R-TCS-24H: contacting the facility and member at the due instant meets every open contact clock; a millisecond later it is late', () => {
    const s = discharged();
    const due = clock(s, 'R-TCS-24H#2')!.dueAt;
    const onTime = completeTask(s, done('facility_and_member_contacted', due), NOW);
    expect(clock(onTime, 'R-TCS-24H#2')).toMatchObject({ status: 'met', fulfilledAt: due });
    expect(onTime.lastContactAt).toBe(due);
    const late = completeTask(s, done('facility_and_member_contacted', new Date(ms(due) + 1).toISOString()), NOW);
    expect(clock(late, 'R-TCS-24H#2')).toMatchObject({ status: 'breached', breachedAt: due });
  });

  it('R-TCS-7D: met only when follow-up and PCP connection are both resolved, dated by the later; a waiver counts as resolved', () => {
    const s = completeTask(discharged(), done('post_discharge_follow_up', '2031-07-08T10:00:00.000-07:00'), NOW);
    expect(clock(s, 'R-TCS-7D')?.status).toBe('open');
    const both = completeTask(s, waived('pcp_connection', '2031-07-07T10:00:00.000-07:00', 'PCP visit already booked'), NOW);
    expect(clock(both, 'R-TCS-7D')).toMatchObject({ status: 'met', fulfilledAt: '2031-07-08T10:00:00.000-07:00' });
    expect(both.tasks.find((t) => t.task === 'pcp_connection')).toEqual({ task: 'pcp_connection', status: 'not_applicable', at: '2031-07-07T10:00:00.000-07:00', by: 'LCM-0001', reason: 'PCP visit already booked' });
  });

  it('R-TCS-7D: resolved a millisecond after the end of the 7th day, it is late', () => {
    const due = clock(discharged(), 'R-TCS-7D')!.dueAt;
    expect(due).toBe('2031-07-12T23:59:59.999-07:00');
    const at = new Date(ms(due) + 1).toISOString();
    const s = completeTask(completeTask(discharged(), done('post_discharge_follow_up', at), NOW), done('pcp_connection', due), NOW);
    expect(clock(s, 'R-TCS-7D')).toMatchObject({ status: 'breached', breachedAt: due });
  });

  it('R-TCS-DRA: the risk assessment scores Modified LACE and sets the episode’s band', () => {
    const s = completeTask(discharged(), done('discharge_risk_assessment', '2031-07-06T10:00:00.000-07:00', { lace: LACE_HIGH }), NOW);
    expect(s.riskBand).toBe('high');
    expect(s.tasks.find((t) => t.task === 'discharge_risk_assessment')?.detail).toEqual({ lace: { score: 10, band: 'high', components: { L: 4, A: 3, C: 2, E: 1 }, lengthOfStayDays: 4 } });
  });

  it('R-TCS-30D and R-TCS-TASKS: the episode completes only when discharged, followed 30 days, and every task resolved', () => {
    let s = discharged();
    for (const task of TCS_TASKS) s = completeTask(s, waived(task, '2031-07-06T10:00:00.000-07:00', 'not needed'), NOW);
    expect(readyToComplete(s)).toBe(false);
    const thirty = clock(s, 'R-TCS-30D')!;
    const followed = { ...s, deadlines: s.deadlines.map((d) => (d.key === thirty.key ? fulfil(d, ms(d.dueAt), TZ) : d)) };
    expect(readyToComplete(followed)).toBe(true);
    expect(readyToComplete({ ...followed, status: 'inpatient' })).toBe(false);
    expect(readyToComplete({ ...followed, tasks: followed.tasks.map((t, i) => (i === 0 ? { task: t.task, status: 'pending' as const } : t)) })).toBe(false);
  });
});
