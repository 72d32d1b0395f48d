/**
 * The raw side: what a bare Temporal application does for the same work, straight from a client
 * with the same encrypting data converter, memo and search attributes as our intake's start.
 */
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { EcmPlan, EcmStage } from '../../src/contracts/search-attributes';
import { RAW_TASK_QUEUE, RAW_WORKFLOW, rawIntakeUpdate, rawTrivialUpdate, rawWriteUpdate, type RawJourneyInput } from './raw-contract';
import { journeyInput } from './referral-data';

export interface RawSide {
  /** Starts raw journey `n`; resolves its workflow ID. */
  start(n: number, opts?: { readonly alarmAtMs?: number }): Promise<string>;
  /** Starts raw journey `n` with an Update that answers once its intake row is written (update-with-start). */
  startOnRecord(n: number): Promise<string>;
  /** An Update that writes one row before it answers. */
  write(workflowId: string, seq: number): Promise<void>;
  /** An Update that answers at once. */
  trivial(workflowId: string, seq: number): Promise<void>;
}

/** The start our intake makes: conflict policy, memo and search attributes of the same size. */
function startOptions(workflowId: string, input: RawJourneyInput) {
  return {
    taskQueue: RAW_TASK_QUEUE,
    workflowId,
    args: [input],
    workflowIdConflictPolicy: 'FAIL' as const,
    workflowIdReusePolicy: 'ALLOW_DUPLICATE' as const,
    // The memo our intake writes: two opaque keys of this size.
    memo: { referralKey: `ref_${'k'.repeat(43)}`, referralFingerprint: 'f'.repeat(64) },
    typedSearchAttributes: [
      { key: EcmStage, value: 'REFERRED' },
      { key: EcmPlan, value: 'LA-CARE' },
    ],
    staticSummary: 'ECM journey (LA-CARE)',
  };
}

export function rawSide(client: Client): RawSide {
  return {
    async start(n, opts = {}) {
      const workflowId = `raw-journey-${n}`;
      const input: RawJourneyInput = { journey: journeyInput(n, Date.now()), ...(opts.alarmAtMs !== undefined ? { alarmAtMs: opts.alarmAtMs } : {}) };
      await client.workflow.start(RAW_WORKFLOW, startOptions(workflowId, input));
      return workflowId;
    },
    async startOnRecord(n) {
      const workflowId = `raw-journey-${n}`;
      const input: RawJourneyInput = { journey: journeyInput(n, Date.now()), intakeByUpdate: true };
      const startWorkflowOperation = new WithStartWorkflowOperation(RAW_WORKFLOW, startOptions(workflowId, input));
      await client.workflow.executeUpdateWithStart(rawIntakeUpdate, { startWorkflowOperation, updateId: 'intake' });
      return workflowId;
    },
    async write(workflowId, seq) {
      await client.workflow.getHandle(workflowId).executeUpdate(rawWriteUpdate, { args: [seq], updateId: `w-${seq}` });
    },
    async trivial(workflowId, seq) {
      await client.workflow.getHandle(workflowId).executeUpdate(rawTrivialUpdate, { args: [seq], updateId: `t-${seq}` });
    },
  };
}
