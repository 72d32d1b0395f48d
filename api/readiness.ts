/**
 * Readiness (`GET /readyz`): can this API serve requests now? It needs the Temporal frontend, the
 * care-record database, and at least one worker polling the journey task queue (without one,
 * every journey would wait). Liveness (`/healthz`) stays a plain "the process answers".
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Pool } from 'pg';
import { loggableError, type LoggableError } from '../src/infra/loggable-error';

/** One check's outcome; `error` is log-safe (class and code, never a message). */
export interface CheckResult {
  readonly status: 'ok' | 'failed';
  readonly error?: LoggableError;
  readonly pollers?: number;
}

/** Every check, and whether all passed. */
export interface Readiness {
  readonly status: 'ready' | 'not_ready';
  readonly checks: { readonly temporal: CheckResult; readonly database: CheckResult; readonly journeyWorkers: CheckResult };
}

/** What readiness is checked against. */
export interface ReadinessTargets {
  readonly client: Client;
  readonly taskQueue: string;
  readonly pool: Pool;
  /** How long each check may take. */
  readonly timeoutMs: number;
}

async function check(run: () => Promise<Partial<CheckResult> | void>): Promise<CheckResult> {
  try {
    return { status: 'ok', ...(await run()) };
  } catch (err) {
    return { status: 'failed', error: loggableError(err) };
  }
}

/** A promise that rejects when `ms` pass first (for the database, whose pool has no per-call deadline). */
function beforeTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('readiness check timed out'), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the three checks side by side, each within the timeout. */
export async function checkReadiness({ client, taskQueue, pool, timeoutMs }: ReadinessTargets): Promise<Readiness> {
  const deadline = Date.now() + timeoutMs;
  const [temporalCheck, database, journeyWorkers] = await Promise.all([
    // The cheapest call a frontend answers.
    check(async () => {
      await client.withDeadline(deadline, () => client.workflowService.getSystemInfo({}));
    }),
    check(async () => {
      await beforeTimeout(pool.query('SELECT 1'), timeoutMs);
    }),
    // A worker counts once it has polled the journey task queue recently.
    check(async () => {
      const { pollers } = await client.withDeadline(deadline, () =>
        client.workflowService.describeTaskQueue({
          namespace: client.options.namespace,
          taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
          taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
      );
      const count = pollers?.length ?? 0;
      return { status: count > 0 ? 'ok' : 'failed', pollers: count };
    }),
  ]);
  const checks = { temporal: temporalCheck, database, journeyWorkers };
  const ready = Object.values(checks).every((c) => c.status === 'ok');
  return { status: ready ? 'ready' : 'not_ready', checks };
}
