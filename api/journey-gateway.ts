/**
 * The API's only door into Temporal: starts journeys, sends actions as Updates, reads state by
 * query, and turns Temporal's failures into the API's reasons.
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type UpdateDefinition,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ActionEnvelope } from '../src/core/domain/actions';
import type { ActionResult, JourneyView } from '../src/core/domain/journey-state';
import {
  journeyStateQuery,
  memberJourneyWorkflowId,
  type MemberJourneyInput,
} from '../src/contracts/member-journey';
import { journeyStart } from '../src/contracts/journey-start';
import { completeTaskUpdate, episodeStateQuery } from '../src/contracts/transitional-care';
import { claimsMonthWorkflowId, submitClaimsUpdate, type ClaimsMonthState, type ClaimsSubmissionInput } from '../src/contracts/claims-month';
import type { TaskCompletionInput } from '../src/core/domain/transitional-care/complete-task';
import { ApiError, ApiErrorCode, isJourneyErrorCode, UpdateRejected } from './problem';
import { DEFAULT_TEMPORAL_CALL_TIMEOUT_MS } from '../src/infra/config';
import { IMPORT_WORKFLOW, importProgressQuery, importWorkflowId, type ImportProgress, type ImportWorkflowInput } from '../src/contracts/mif-import';

/** What the memo of a journey holds: opaque keys only, never PHI. */
interface JourneyMemo {
  readonly referralKey: string;
  readonly referralFingerprint: string;
}

/** The existing journey of a member, as intake needs to see it. */
export interface ExistingJourney {
  readonly running: boolean;
  readonly referralKey?: string;
  readonly referralFingerprint?: string;
}

/** Typed access to member journeys for the routes. */
export interface JourneyGateway {
  /** The Temporal client, for the episode workflows the journey starts. */
  readonly client: Client;
  /** The journey task queue, whose pollers say whether a worker runs (readiness). */
  readonly taskQueue: string;
  describe(memberId: string): Promise<ExistingJourney | undefined>;
  /** Starts the journey; resolves `false` when one with this ID is already running. */
  start(input: MemberJourneyInput, memo: JourneyMemo): Promise<boolean>;
  state(memberId: string): Promise<JourneyView & { readonly transitions?: readonly unknown[] }>;
  act<I extends ActionEnvelope>(memberId: string, update: UpdateDefinition<ActionResult, [I]>, input: I, updateId: string): Promise<ActionResult>;
  /** R-TCS-TASKS: completes or waives a task of the transitional-care episode `episodeWorkflowId`. */
  completeTask(episodeWorkflowId: string, input: TaskCompletionInput, updateId: string): Promise<TaskCompletionResult>;
  /**
   * R-CLAIMS-60D: marks a batch of a provider-month's claims submitted; resolves `undefined` when
   * the month has no clock (no service recorded) or its clock has closed.
   */
  submitClaims(month: { plan: string; providerId: string; month: string }, input: ClaimsSubmissionInput, updateId: string): Promise<ClaimsMonthState | undefined>;
  /** Issue 12: starts an import's workflow; `false` when it was started before (the same file again). */
  startImport(input: ImportWorkflowInput): Promise<boolean>;
  /** Issue 12: the import workflow's progress; undefined when it has no workflow. */
  importProgress(importId: string): Promise<ImportProgress | undefined>;
}

/** The episode's answer to a task: the task, its new status, and the episode's. */
export type TaskCompletionResult = typeof completeTaskUpdate extends UpdateDefinition<infer R, [TaskCompletionInput]> ? R : never;

function notFound(memberId: string): ApiError {
  return new ApiError(ApiErrorCode.MemberNotFound, `no journey exists for member ${memberId}`);
}

/**
 * How long one API call may wait for Temporal, default {@link DEFAULT_TEMPORAL_CALL_TIMEOUT_MS}.
 * Without a deadline the SDK retries an unreachable server for half a minute; with it an outage
 * answers 503 within this time, and the caller repeats the request (it is idempotent).
 */
export interface JourneyGatewayOptions {
  readonly callTimeoutMs?: number;
}

/** Builds the gateway over a client (connected, or lazy: an outage then shows on the first call). */
export function createJourneyGateway(client: Client, taskQueue: string, options: JourneyGatewayOptions = {}): JourneyGateway {
  const timeoutMs = options.callTimeoutMs ?? DEFAULT_TEMPORAL_CALL_TIMEOUT_MS;
  // Every gRPC call made inside `fn` (an Update's long polls too) ends by the same explicit deadline.
  const withinDeadline = <T>(fn: () => Promise<T>): Promise<T> => client.withDeadline(Date.now() + timeoutMs, fn);
  const gateway: JourneyGateway = {
    client,
    taskQueue,
    describe: (memberId) => withinDeadline(async () => {
      try {
        const d = await client.workflow.getHandle(memberJourneyWorkflowId(memberId)).describe();
        const memo = (d.memo ?? {}) as Partial<JourneyMemo>;
        return { running: d.status.name === 'RUNNING', ...memo };
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
    }),

    start: (input, memo) => withinDeadline(async () => {
      try {
        const start = journeyStart(input, memo, taskQueue);
        await client.workflow.start(start.workflowType, start.options);
        return true;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
        throw err;
      }
    }),

    state: (memberId) => withinDeadline(async () => {
      try {
        const journey = await client.workflow.getHandle(memberJourneyWorkflowId(memberId)).query(journeyStateQuery);
        // Open episodes show their own clocks and tasks (R-TCS-*); closed ones their outcome.
        const transitions = await Promise.all(
          (journey.episodes ?? []).filter((e) => e.status === 'open').map(async (e) => {
            try {
              const episode = await client.workflow.getHandle(e.workflowId).query(episodeStateQuery);
              return { episodeKey: e.episodeKey, status: episode.status, visits: episode.visits, deadlines: episode.deadlines, tasks: episode.tasks, riskBand: episode.riskBand };
            } catch {
              return { episodeKey: e.episodeKey, status: 'unknown' };
            }
          }),
        );
        return { ...journey, transitions };
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw notFound(memberId);
        throw err;
      }
    }),

    act: (memberId, update, input, updateId) => withinDeadline(async () => {
      const handle = client.workflow.getHandle(memberJourneyWorkflowId(memberId));
      try {
        return await handle.executeUpdate(update, { args: [input], updateId });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError || isCompletedWorkflowError(err)) {
          // Temporal says "not found" both for no journey and for a journey that has ended.
          const existing = await gateway.describe(memberId);
          if (!existing) throw notFound(memberId);
          throw new ApiError(ApiErrorCode.JourneyClosed, `the journey of member ${memberId} has ended; actions are no longer accepted`);
        }
        throw updateRejection(err) ?? err;
      }
    }),

    completeTask: (episodeWorkflowId, input, updateId) => withinDeadline(async () => {
      try {
        return await client.workflow.getHandle(episodeWorkflowId).executeUpdate(completeTaskUpdate, { args: [input], updateId });
      } catch (err) {
        const rejected = updateRejection(err);
        if (rejected) throw rejected;
        if (err instanceof WorkflowNotFoundError || /already completed/i.test((err as Error).message)) {
          throw new ApiError(ApiErrorCode.JourneyClosed, 'the transitional-care episode has closed');
        }
        throw err;
      }
    }),

    submitClaims: (month, input, updateId) => withinDeadline(async () => {
      try {
        const handle = client.workflow.getHandle(claimsMonthWorkflowId(month.plan, month.providerId, month.month));
        return await handle.executeUpdate(submitClaimsUpdate, { args: [input], updateId });
      } catch (err) {
        const rejected = updateRejection(err);
        if (rejected) throw rejected;
        if (err instanceof WorkflowNotFoundError || isCompletedWorkflowError(err)) return undefined;
        throw err;
      }
    }),

    startImport: (input) => withinDeadline(async () => {
      try {
        await client.workflow.start(IMPORT_WORKFLOW, {
          taskQueue,
          workflowId: importWorkflowId(input.importId),
          args: [input],
          workflowIdConflictPolicy: 'FAIL',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          staticSummary: `import ${input.importId} (${input.totalRows} rows)`,
        });
        return true;
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
        throw err;
      }
    }),

    importProgress: (importId) => withinDeadline(async () => {
      try {
        return await client.workflow.getHandle(importWorkflowId(importId)).query(importProgressQuery);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return undefined;
        throw err;
      }
    }),
  };
  return gateway;
}

/** The rule violation an Update failed with, as the API answers it; undefined for any other failure. */
export function updateRejection(err: unknown): UpdateRejected | undefined {
  if (!(err instanceof WorkflowUpdateFailedError) || !(err.cause instanceof ApplicationFailure)) return undefined;
  const code = err.cause.type;
  return isJourneyErrorCode(code) ? new UpdateRejected(code, err.cause.message) : undefined;
}

/** Temporal answers an update to a closed workflow with NOT_FOUND "workflow execution already completed". */
function isCompletedWorkflowError(err: unknown): boolean {
  const message = err instanceof Error ? `${err.message} ${(err.cause as Error | undefined)?.message ?? ''}` : '';
  return /already completed/i.test(message);
}
