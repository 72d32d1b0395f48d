/**
 * Issue 16 §4: a deadline's alarm fires at its due instant, not a task's length after it, and the
 * breach reaches ops and the care record in the fewest steps: `EcmOverdue` in the very task the
 * timer fired in, the journey event and its escalation in one activity, one transaction.
 */
import { tsToMs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { APPROACH_MARGIN_MS } from '../../workflows/shared/deadline-clock';
import { deadlineOf, deadlineReaches, eventually, referAt, searchAttributesOf, useJourneySystem } from '../support/journey-test';

const RECEIVED = '2030-11-27T10:00:00.000-08:00';
// R-AUTH-EXPEDITED: 72 hours after receipt.
const DUE = '2030-11-30T10:00:00.000-08:00';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** The activity types a history scheduled. */
const activities = (events: readonly HistoryEvent[]): string[] => events.flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);

describe('a breach on time and in one write', () => {
  const { sys, db } = useJourneySystem();

  it('R-AUTH-EXPEDITED: open a minute before its instant; breached after it by a timer that ended at the instant (an approach timer, then the exact rest), EcmOverdue upserted in that timer’s task, the breach and its escalation written in one transaction', async () => {
    const memberId = await referAt(sys(), RECEIVED, { expedited: true });
    expect((await deadlineOf(sys(), memberId, 'R-AUTH-EXPEDITED')).dueAt).toBe(DUE);
    await sys().skipTo(Date.parse(DUE) - 60_000);
    expect((await deadlineOf(sys(), memberId, 'R-AUTH-EXPEDITED')).status).toBe('open');
    await sys().skipTo(Date.parse(DUE) + 60_000);
    expect((await deadlineReaches(sys(), memberId, 'R-AUTH-EXPEDITED', 'breached')).breachedAt).toBe(DUE);
    await eventually(async () => expect((await searchAttributesOf(sys(), memberId)).EcmOverdue).toEqual([true]));

    // One transaction: both rows carry the same transaction timestamp (now()).
    const rows = await eventually(async () => {
      const found = await db().pool.query<{ rule: string; recorded_at: Date; created_at: Date }>(
        `SELECT d.rule, e.recorded_at, x.created_at FROM journey_events e
           JOIN deadlines d ON d.referral_key = e.referral_key AND 'breach:' || d.deadline_key = e.event_key
           JOIN deadline_escalations x ON x.referral_key = d.referral_key AND x.deadline_key = d.deadline_key
          WHERE e.member_id = $1 AND e.kind = 'deadline-breached' ORDER BY d.rule`, [memberId]);
      expect(found.rows.map((r) => r.rule)).toEqual(['R-ASSIGN', 'R-AUTH-EXPEDITED']);
      return found.rows;
    });
    expect(rows.every((r) => r.recorded_at.getTime() === r.created_at.getTime())).toBe(true);

    const events = (await sys().client.workflow.getHandle(memberJourneyWorkflowId(memberId)).fetchHistory()).events ?? [];
    // Each breach is one activity; neither the event alone nor the escalation alone is written for it.
    expect(activities(events).filter((a) => a === 'recordDeadlineBreach')).toHaveLength(2);
    expect(activities(events)).not.toContain('escalateDeadlineBreach');

    const firstBreachWrite = events.findIndex((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordDeadlineBreach');
    const firedAt = events.slice(0, firstBreachWrite).map((e, i) => ({ e, i })).reverse().find(({ e }) => e.timerFiredEventAttributes)!;
    const started = events.find((e) => e.timerStartedEventAttributes?.timerId === firedAt.e.timerFiredEventAttributes!.timerId)!;
    // The timer that breached was the short exact rest, not the 72-hour one, and did not end early.
    expect(tsToMs(started.timerStartedEventAttributes!.startToFireTimeout)).toBeLessThanOrEqual(APPROACH_MARGIN_MS);
    expect(tsToMs(firedAt.e.eventTime)).toBeGreaterThanOrEqual(Date.parse(DUE));
    // Before it, approach timers (one per deadline) measured to end APPROACH_MARGIN_MS short of the instant.
    const approach = events.filter((e) => e.timerStartedEventAttributes && tsToMs(e.timerStartedEventAttributes.startToFireTimeout) > 71 * 3_600_000);
    expect(approach).toHaveLength(2);
    for (const e of approach) expect(tsToMs(e.eventTime) + tsToMs(e.timerStartedEventAttributes!.startToFireTimeout)).toBeLessThan(Date.parse(DUE));
    // EcmOverdue and the write leave in the first task completed after the timer fired.
    const completed = events.findIndex((e, i) => i > firedAt.i && e.workflowTaskCompletedEventAttributes);
    const nextTask = events.findIndex((e, i) => i > completed && e.workflowTaskScheduledEventAttributes);
    const commands = events.slice(completed + 1, nextTask < 0 ? undefined : nextTask);
    expect(commands.some((e) => e.upsertWorkflowSearchAttributesEventAttributes)).toBe(true);
    expect(commands.some((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordDeadlineBreach')).toBe(true);
  });
});
