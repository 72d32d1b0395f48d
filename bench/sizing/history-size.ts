/**
 * The size of a workflow's history across all its runs (continue-as-new starts a new one): events,
 * and bytes as the protobuf encoding the server stores and sends (`History.encode`), with payloads
 * as they travel, i.e. encrypted by our codec.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface RunSize {
  readonly runId: string;
  readonly events: number;
  readonly bytes: number;
  readonly byType: Readonly<Record<string, number>>;
}

function eventTypeName(type: temporal.api.enums.v1.EventType | null | undefined): string {
  const name = temporal.api.enums.v1.EventType[type ?? 0] ?? 'UNKNOWN';
  return name.replace(/^EVENT_TYPE_/, '');
}

/** Every run of the workflow, from its first to its latest. */
export async function runsOf(client: Client, workflowId: string): Promise<RunSize[]> {
  const latest = await client.workflow.getHandle(workflowId).fetchHistory();
  const started = latest.events?.[0]?.workflowExecutionStartedEventAttributes;
  let runId: string | undefined = started?.firstExecutionRunId ?? undefined;
  if (!runId) throw new Error(`no first run ID in the history of ${workflowId}`);
  const runs: RunSize[] = [];
  while (runId) {
    const history: temporal.api.history.v1.IHistory = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const events: temporal.api.history.v1.IHistoryEvent[] = history.events ?? [];
    const byType: Record<string, number> = {};
    for (const e of events) byType[eventTypeName(e.eventType)] = (byType[eventTypeName(e.eventType)] ?? 0) + 1;
    runs.push({ runId, events: events.length, bytes: temporal.api.history.v1.History.encode(history).finish().length, byType });
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/** Sums the runs. */
export interface Total {
  readonly runs: number;
  readonly events: number;
  readonly bytes: number;
  readonly byType: Readonly<Record<string, number>>;
}

export function totalOf(runs: readonly RunSize[]): Total {
  const byType: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.byType)) byType[k] = (byType[k] ?? 0) + v;
  return { runs: runs.length, events: runs.reduce((s, r) => s + r.events, 0), bytes: runs.reduce((s, r) => s + r.bytes, 0), byType };
}

/** Waits until the workflow's latest run has no workflow task or activity in flight, twice in a row. */
export async function settled(client: Client, workflowId: string, timeoutMs = 60_000): Promise<void> {
  const handle = client.workflow.getHandle(workflowId);
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  while (Date.now() < until) {
    const { raw } = await handle.describe();
    const idle = !raw.pendingWorkflowTask && (raw.pendingActivities?.length ?? 0) === 0;
    quiet = idle ? quiet + 1 : 0;
    if (quiet >= 2) return;
    await new Promise((r) => setTimeout(r, idle ? 20 : 100));
  }
  throw new Error(`${workflowId} never settled`);
}
