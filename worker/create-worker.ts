/**
 * Builds the worker that runs member journeys and their care-record activities. The workflow code
 * is bundled from `workflows/` unless a prebuilt bundle is handed in (tests bundle once per run).
 */
import { Worker, type NativeConnection } from '@temporalio/worker';
import { resolve } from 'node:path';
import type { DataConverter } from '@temporalio/common';
import { createActivities, type ActivityDependencies } from '../activities';
import { withCareRecordFailuresForEach } from '../activities/care-record/care-record-failure';
import type { WorkerTuning } from '../src/infra/worker-tuning';
import { WORKFLOW_BUNDLER_OPTIONS } from './workflow-bundle-options';

/** What a worker is built from. */
export interface JourneyWorkerOptions extends ActivityDependencies {
  readonly connection: NativeConnection;
  readonly namespace: string;
  readonly taskQueue: string;
  /** Path of a bundle made by `bundleWorkflowCode`; omitted, the worker bundles `workflows/` itself. */
  readonly workflowBundlePath?: string;
  /** Encrypts payloads (PHI) before they reach the Temporal server. */
  readonly dataConverter: DataConverter;
  /** Issue 16 §4: slots and pollers (src/infra/worker-tuning.ts); omitted, the SDK's defaults. */
  readonly tuning?: WorkerTuning;
  /** Issue 16 §3: journeys kept in the worker's sticky cache (config ECM_WORKER_MAX_CACHED_WORKFLOWS); bounds its memory. */
  readonly maxCachedWorkflows?: number;
}

/** Path of the workflows entry point, for bundling. */
export const WORKFLOWS_PATH = resolve(__dirname, '..', 'workflows', 'index.ts');

/**
 * The activities the worker registers: every one fails the same way, a data error for good
 * (non-retryable CareRecordDataError), anything else with a retry, and never with PostgreSQL's
 * message (see activities/care-record/care-record-failure.ts).
 */
export function journeyActivities(deps: ActivityDependencies): ReturnType<typeof createActivities> {
  return withCareRecordFailuresForEach(createActivities(deps));
}

/** Creates (does not run) the journey worker. */
export async function createJourneyWorker(opts: JourneyWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    ...(opts.workflowBundlePath ? { workflowBundle: { codePath: opts.workflowBundlePath } } : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: [...WORKFLOW_BUNDLER_OPTIONS.preloadModules] } }),
    // Issue 16 §3: a bounded cache is what bounds the worker's memory at any number of open journeys.
    ...(opts.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: opts.maxCachedWorkflows }),
    activities: journeyActivities({ pool: opts.pool, log: opts.log, ...(opts.notices ? { notices: opts.notices } : {}), ...(opts.webhooks ? { webhooks: opts.webhooks, claimsClock: { client: opts.webhooks.client, taskQueue: opts.taskQueue } } : {}), ...(opts.reports ? { reports: opts.reports } : {}), ...(opts.imports ? { imports: opts.imports } : {}) }),
    dataConverter: opts.dataConverter,
    ...(opts.tuning ? workerSlots(opts.tuning) : {}),
  });
}

/** Issue 16 §4: how many tasks the worker takes on at once, from configuration. */
function workerSlots(t: WorkerTuning) {
  return {
    maxConcurrentWorkflowTaskExecutions: t.workflowTaskSlots,
    maxConcurrentActivityTaskExecutions: t.activityTaskSlots,
    maxConcurrentWorkflowTaskPolls: t.workflowTaskPollers,
    maxConcurrentActivityTaskPolls: t.activityTaskPollers,
  } as const;
}
