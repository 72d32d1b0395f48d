/**
 * The import workflow's contract (issue 12): a plan's Member Information File, or a file of
 * members already in ECM, processed in batches. The workflow's input and history carry only the
 * import ID, offsets and counters; the file and each line's outcome live in the care record.
 */
import { defineQuery } from '@temporalio/workflow';

export const IMPORT_WORKFLOW = 'memberImport';

/** One workflow per import; the import ID is a keyed hash (no PHI). */
export function importWorkflowId(importId: string): string {
  return `member-import-${importId}`;
}

/** Rows per batch by default: one activity each, so a 100,000-row file is 500 activities. */
export const DEFAULT_IMPORT_BATCH_SIZE = 200;

/**
 * Batches per run before continuing as new: each batch adds 6 events (a workflow task and an
 * activity), so a run stays near 1,500 events, far under Temporal's warning at 10,240.
 */
export const IMPORT_BATCHES_PER_RUN = 250;

export interface ImportCounters {
  readonly created: number;
  readonly reconciled: number;
  readonly unchanged: number;
  readonly rejected: number;
}

export const NO_ROWS: ImportCounters = { created: 0, reconciled: 0, unchanged: 0, rejected: 0 };

export interface ImportWorkflowInput {
  readonly importId: string;
  readonly totalRows: number;
  readonly batchSize: number;
  /** Batches per run before continuing as new (default {@link IMPORT_BATCHES_PER_RUN}). */
  readonly batchesPerRun?: number;
  /** Set by continue-as-new: where the next run starts, and what the earlier runs counted. */
  readonly offset?: number;
  readonly counters?: ImportCounters;
  readonly run?: number;
}

/** What one batch activity answers: the final outcomes of its range (however many attempts it took). */
export interface ImportBatchResult {
  readonly counters: ImportCounters;
}

export interface ImportProgress extends ImportCounters {
  readonly importId: string;
  readonly totalRows: number;
  readonly processed: number;
  /** Members missing from the file, found once every row is done (MIF only). */
  readonly missing: number;
  readonly done: boolean;
  readonly run: number;
}

export const importProgressQuery = defineQuery<ImportProgress>('importProgress');

/** The workflow's result. */
export interface ImportOutcome extends ImportCounters {
  readonly missing: number;
}
