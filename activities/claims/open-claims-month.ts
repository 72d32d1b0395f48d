/**
 * R-CLAIMS-60D: the first service of a provider-month starts the month's claims clock. Signal-with-
 * start makes it idempotent: a running clock is only signalled; one that has already closed is
 * left closed (REJECT_DUPLICATE), so a retried activity or a later member's first service of the
 * same month never restarts it.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { CLAIMS_MONTH_WORKFLOW, claimsMonthOpenedSignal, claimsMonthWorkflowId, type ClaimsMonthInput } from '../../src/contracts/claims-month';
import { EcmPlan, EcmProvider } from '../../src/contracts/search-attributes';
import type { Logger } from '../../src/infra/logger';

/** Where claims clocks run. */
export interface ClaimsClockDependencies {
  readonly client: Client;
  readonly taskQueue: string;
}

/** Starts (or signals) the provider-month's claims-month workflow. */
export async function openClaimsMonth(clock: ClaimsClockDependencies | undefined, log: Logger, input: ClaimsMonthInput): Promise<void> {
  if (!clock) {
    log.warn({ plan: input.plan, month: input.month }, 'claims clock not started: the worker has no Temporal client for it');
    return;
  }
  try {
    await clock.client.workflow.signalWithStart(CLAIMS_MONTH_WORKFLOW, {
      workflowId: claimsMonthWorkflowId(input.plan, input.providerId, input.month),
      taskQueue: clock.taskQueue,
      args: [input],
      signal: claimsMonthOpenedSignal,
      signalArgs: [],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: [
        { key: EcmPlan, value: input.plan },
        { key: EcmProvider, value: input.providerId },
      ],
      staticSummary: `R-CLAIMS-60D claims clock (${input.plan}, ${input.providerId}, ${input.month})`,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
