/**
 * What the alarm measurement watches: how many of a side's alarms are visible — `EcmOverdue` in
 * visibility, the breach's journey event, its escalation (the raw side: its one row) — polled
 * every 50 ms from the due instant, and, from the histories afterwards, when each timer fired.
 */
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import type { Pool } from 'pg';
import { inParallel, type Side } from './alarm-sides';

/** Counts seen at one instant. */
interface Sample {
  readonly atMs: number;
  readonly overdue: number;
  readonly rows: number;
  readonly escalations: number;
}

async function countsOf(client: Client, pool: Pool, side: Side): Promise<Omit<Sample, 'atMs'>> {
  const due = new Date(side.atMs);
  const [visible, db] = await Promise.all([
    client.workflow.count(`WorkflowType = '${side.kind === 'raw' ? 'rawAlarm' : 'memberJourney'}' AND EcmOverdue = true`),
    side.kind === 'raw'
      ? pool.query<{ rows: string; escalations: string }>(`SELECT count(*) AS rows, 0 AS escalations FROM alarm_raw_rows WHERE alarm_key LIKE $1`, [`r${side.round}-%`])
      : pool.query<{ rows: string; escalations: string }>(
        // R-ASSIGN shares the expedited turnaround, so each journey breaches two deadlines at the instant: count one.
        `SELECT (SELECT count(*) FROM journey_events WHERE kind = 'deadline-breached' AND occurred_at = $1 AND detail->>'rule' = 'R-AUTH-EXPEDITED') AS rows,
                (SELECT count(*) FROM deadline_escalations WHERE due_at = $1 AND rule = 'R-AUTH-EXPEDITED') AS escalations`, [due]),
  ]);
  return { overdue: visible.count, rows: Number(db.rows[0]!.rows), escalations: Number(db.rows[0]!.escalations) };
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(ms, 0)));

/** Polls from just before the instant until every alarm of the side is visible everywhere, or `timeoutMs` passed. */
export async function watchSide(client: Client, pool: Pool, side: Side, timeoutMs: number): Promise<Sample[]> {
  await pause(side.atMs - 3_000 - Date.now());
  // Earlier sides' journeys stay overdue: count this side's from what stood before its instant.
  const before = await countsOf(client, pool, side);
  await pause(side.atMs - Date.now());
  const n = side.workflowIds.length;
  const curve: Sample[] = [];
  while (Date.now() < side.atMs + timeoutMs) {
    const c = await countsOf(client, pool, side);
    const sample = { atMs: Date.now(), overdue: c.overdue - before.overdue, rows: c.rows, escalations: c.escalations };
    curve.push(sample);
    if (sample.overdue >= n && sample.rows >= n && (side.kind === 'raw' || sample.escalations >= n)) break;
    await pause(50);
  }
  return curve;
}

const BREACH_WRITES = new Set(['recordDeadlineBreach', 'recordJourneyEvent', 'writeAlarmRow']);

/** Each workflow's alarm timer: the last TimerFired before the first write of the breach after the instant. */
export async function timerLags(client: Client, side: Side): Promise<number[]> {
  const lags: number[] = [];
  await inParallel(side.workflowIds.length, 8, async (i) => {
    const history = await client.workflow.getHandle(side.workflowIds[i]!).fetchHistory();
    const events = history.events ?? [];
    const write = events.findIndex((e) => BREACH_WRITES.has(e.activityTaskScheduledEventAttributes?.activityType?.name ?? '') && tsToMs(e.eventTime) >= side.atMs - 1_000);
    const fired = events.slice(0, write < 0 ? events.length : write).reverse().find((e) => e.timerFiredEventAttributes);
    if (fired && write >= 0) lags.push(tsToMs(fired.eventTime) - side.atMs);
  });
  return lags;
}

/** The q-quantile of values (nearest rank). */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** When the curve first showed a q share of n in `metric`, in ms after the instant. */
export function curveQuantile(curve: readonly Sample[], metric: 'overdue' | 'rows' | 'escalations', q: number, n: number, atMs: number): number | undefined {
  const needed = Math.ceil(q * n);
  const hit = curve.find((s) => s[metric] >= needed);
  return hit ? hit.atMs - atMs : undefined;
}
