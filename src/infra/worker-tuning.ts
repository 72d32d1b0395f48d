/**
 * Issue 16 §4: how much a worker takes on at once — workflow task slots, activity slots, their
 * pollers — and its database pool. The defaults are the figures measured with 1,000 deadlines due
 * at one instant on a 2-core machine (tools/alarms/alarm-lag.ts; README "Alarms at scale").
 */
import { z } from 'zod';

/** A worker's concurrency and its care-record pool. */
export interface WorkerTuning {
  /** Workflow tasks run at once (SDK `maxConcurrentWorkflowTaskExecutions`). */
  readonly workflowTaskSlots: number;
  /** Activities run at once (SDK `maxConcurrentActivityTaskExecutions`); more than the pool only queue for a connection. */
  readonly activityTaskSlots: number;
  /** Long polls for workflow tasks (SDK `maxConcurrentWorkflowTaskPolls`). */
  readonly workflowTaskPollers: number;
  /** Long polls for activity tasks (SDK `maxConcurrentActivityTaskPolls`). */
  readonly activityTaskPollers: number;
  /** The worker's PostgreSQL connections: every care-record activity holds one for its transaction. */
  readonly databasePoolMax: number;
}

export const DEFAULT_WORKER_TUNING: WorkerTuning = {
  workflowTaskSlots: 40,
  activityTaskSlots: 100,
  workflowTaskPollers: 10,
  activityTaskPollers: 10,
  databasePoolMax: 5,
};

const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** The environment variables of {@link WorkerTuning}. */
export const workerTuningEnvSchema = z.object({
  ECM_WORKER_WORKFLOW_TASK_SLOTS: count(2, 2_000, DEFAULT_WORKER_TUNING.workflowTaskSlots),
  ECM_WORKER_ACTIVITY_TASK_SLOTS: count(1, 2_000, DEFAULT_WORKER_TUNING.activityTaskSlots),
  ECM_WORKER_WORKFLOW_TASK_POLLERS: count(2, 200, DEFAULT_WORKER_TUNING.workflowTaskPollers),
  ECM_WORKER_ACTIVITY_TASK_POLLERS: count(1, 200, DEFAULT_WORKER_TUNING.activityTaskPollers),
  ECM_WORKER_DB_POOL_MAX: count(1, 200, DEFAULT_WORKER_TUNING.databasePoolMax),
});

/** The tuning an environment gives, from its parsed variables. */
export function workerTuningOf(e: z.infer<typeof workerTuningEnvSchema>): WorkerTuning {
  return {
    workflowTaskSlots: e.ECM_WORKER_WORKFLOW_TASK_SLOTS,
    activityTaskSlots: e.ECM_WORKER_ACTIVITY_TASK_SLOTS,
    // The SDK refuses more workflow pollers than slots.
    workflowTaskPollers: Math.min(e.ECM_WORKER_WORKFLOW_TASK_POLLERS, e.ECM_WORKER_WORKFLOW_TASK_SLOTS),
    activityTaskPollers: Math.min(e.ECM_WORKER_ACTIVITY_TASK_POLLERS, e.ECM_WORKER_ACTIVITY_TASK_SLOTS),
    databasePoolMax: e.ECM_WORKER_DB_POOL_MAX,
  };
}
