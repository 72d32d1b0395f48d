/**
 * The stuck-journey scan (issue 10, "A journey never gets stuck"): lists the open journeys and
 * transitional-care episodes and names every one that cannot move on by itself: a workflow task
 * that keeps failing (a pending task past its first attempt, or a history whose last workflow
 * task failed), or an activity retried past a number of attempts.
 *
 * It reads only the raw describe and history answers and never decodes a payload, so what it
 * reports (workflow ID, type, activity type, attempt) carries no member data: workflow IDs are
 * opaque by design, and failure messages, which may quote input, are not reported.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { MEMBER_JOURNEY_WORKFLOW } from '../../src/contracts/member-journey';
import { TRANSITIONAL_CARE_WORKFLOW } from '../../src/contracts/transitional-care';

/** One workflow that will not move on by itself. */
export interface StuckWorkflow {
  readonly workflowId: string;
  readonly workflowType: string;
  readonly problem: 'workflow_task_failing' | 'activity_retrying';
  /** The activity's type, for `activity_retrying`. */
  readonly activityType?: string;
  /** The failing workflow task's or activity's attempt (0 when only the history shows the failure). */
  readonly attempt: number;
}

/** What the scan looks at. */
export interface StuckScanOptions {
  /** An activity pending past this many attempts is stuck (default 5). */
  readonly maxActivityAttempts?: number;
  /** Workflow types to scan (default: the member journey and transitional care). */
  readonly workflowTypes?: readonly string[];
}

const { EventType, WorkflowTaskFailedCause } = temporal.api.enums.v1;
type Execution = { readonly workflowId: string; readonly runId: string; readonly workflowType: string };

/** Every stuck open workflow of the scanned types, in workflow-ID order. */
export async function findStuckJourneys(client: Client, options: StuckScanOptions = {}): Promise<StuckWorkflow[]> {
  const maxAttempts = options.maxActivityAttempts ?? 5;
  const types = options.workflowTypes ?? [MEMBER_JOURNEY_WORKFLOW, TRANSITIONAL_CARE_WORKFLOW];
  const stuck: StuckWorkflow[] = [];
  for (const execution of await openExecutions(client, types)) {
    stuck.push(...(await problemsOf(client, execution, maxAttempts)));
  }
  return stuck.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
}

async function problemsOf(client: Client, execution: Execution, maxAttempts: number): Promise<StuckWorkflow[]> {
  const { namespace } = client.options;
  const ref = { workflowId: execution.workflowId, workflowType: execution.workflowType };
  const described = await client.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId: execution.workflowId, runId: execution.runId } });
  const found: StuckWorkflow[] = [];
  const taskAttempt = described.pendingWorkflowTask?.attempt ?? 0;
  if (taskAttempt > 1) found.push({ ...ref, problem: 'workflow_task_failing', attempt: taskAttempt });
  else if (await lastWorkflowTaskFailed(client, execution)) found.push({ ...ref, problem: 'workflow_task_failing', attempt: taskAttempt });
  for (const activity of described.pendingActivities ?? []) {
    const attempt = activity.attempt ?? 0;
    if (attempt > maxAttempts) found.push({ ...ref, problem: 'activity_retrying', activityType: activity.activityType?.name ?? 'unknown', attempt });
  }
  return found;
}

/**
 * Whether the last workflow task outcome in the history is a failure. An unhandled-command
 * failure is the server's ordinary answer to a signal or update arriving while a task completes
 * (a new task follows at once), so it is not a sign of anything stuck.
 */
async function lastWorkflowTaskFailed(client: Client, execution: Execution): Promise<boolean> {
  const { namespace } = client.options;
  let failed = false;
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.getWorkflowExecutionHistory({
      namespace,
      execution: { workflowId: execution.workflowId, runId: execution.runId },
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    for (const event of page.history?.events ?? []) {
      if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) failed = false;
      else if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) {
        failed = event.workflowTaskFailedEventAttributes?.cause !== WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND;
      }
    }
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return failed;
}

/** The open executions of the given types, through visibility. */
async function openExecutions(client: Client, types: readonly string[]): Promise<Execution[]> {
  const { namespace } = client.options;
  const executions = new Map<string, Execution>();
  for (const filterType of types) {
    let nextPageToken: Uint8Array | undefined;
    do {
      // The list API every Temporal server answers, the time-skipping test server included (it
      // has no query language); it returns the raw infos, so no memo is decoded.
      const page = await client.workflowService.listOpenWorkflowExecutions({
        namespace,
        maximumPageSize: 1000,
        typeFilter: { name: filterType },
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      // The test server ignores the filter: the type is checked here again, and runs counted once.
      for (const info of page.executions ?? []) {
        const workflowId = info.execution?.workflowId;
        const runId = info.execution?.runId;
        const workflowType = info.type?.name;
        if (workflowId && runId && workflowType && types.includes(workflowType)) executions.set(runId, { workflowId, runId, workflowType });
      }
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
  }
  return [...executions.values()];
}

/** One line per stuck workflow, for a console: IDs, types and attempts only. */
export function describeStuck(workflow: StuckWorkflow): string {
  const what = workflow.problem === 'activity_retrying' ? `activity ${workflow.activityType} at attempt ${workflow.attempt}` : `workflow task failing (attempt ${workflow.attempt})`;
  return `${workflow.workflowId} (${workflow.workflowType}): ${what}`;
}
