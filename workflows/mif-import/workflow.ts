/**
 * Imports a file in batches (issue 12): a plan's Member Information File or its members already in
 * ECM. Each batch is one activity over a range of rows; the activity keeps every row's outcome in
 * the care record, so a batch repeated after a worker restart finds its done rows and does only the
 * rest. The history holds the import ID, offsets and counters, never a row; the run continues as new
 * every {@link IMPORT_BATCHES_PER_RUN} batches (or when Temporal suggests it), so no run grows large.
 */
import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ImportActivities } from '../../activities/imports';
import {
  IMPORT_BATCHES_PER_RUN,
  importProgressQuery,
  NO_ROWS,
  type ImportCounters,
  type ImportOutcome,
  type ImportWorkflowInput,
} from '../../src/contracts/mif-import';

const { processImportBatch, finishImport } = proxyActivities<ImportActivities>({
  // A batch of 200 rows starts or acts on 200 journeys; on a loaded machine that takes minutes.
  startToCloseTimeout: '30 minutes',
  // The batch heartbeats per row: a worker that dies mid-batch hands it on within this time.
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2, nonRetryableErrorTypes: ['CareRecordDataError', 'ImportNotFound'] },
});

function plus(a: ImportCounters, b: ImportCounters): ImportCounters {
  return { created: a.created + b.created, reconciled: a.reconciled + b.reconciled, unchanged: a.unchanged + b.unchanged, rejected: a.rejected + b.rejected };
}

/** The import workflow. */
export async function memberImport(input: ImportWorkflowInput): Promise<ImportOutcome> {
  let offset = input.offset ?? 0;
  let counters = input.counters ?? NO_ROWS;
  let missing = 0;
  let done = false;
  const run = input.run ?? 1;
  setHandler(importProgressQuery, () => ({ importId: input.importId, totalRows: input.totalRows, processed: Math.min(offset, input.totalRows), ...counters, missing, done, run }));

  for (let batches = 0; offset < input.totalRows; batches++) {
    if (batches >= (input.batchesPerRun ?? IMPORT_BATCHES_PER_RUN) || workflowInfo().continueAsNewSuggested) {
      return continueAsNew<typeof memberImport>({ ...input, offset, counters, run: run + 1 });
    }
    const limit = Math.min(input.batchSize, input.totalRows - offset);
    const batch = await processImportBatch({ importId: input.importId, offset, limit });
    counters = plus(counters, batch.counters);
    offset += limit;
  }
  ({ missing } = await finishImport({ importId: input.importId }));
  done = true;
  return { ...counters, missing };
}
