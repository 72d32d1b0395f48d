/**
 * The import activities (issue 12): a batch of rows, and the import's end. Workflows import the
 * `ImportActivities` type only.
 */
import type { ImportBatchResult } from '../../src/contracts/mif-import';
import { finishImport } from './finish-import';
import type { ImportDependencies } from './import-context';
import { processImportBatch } from './process-batch';

export type { ImportDependencies } from './import-context';

/** What the worker hands in; the journeys' door and the member ID key may be missing in a worker built without them. */
export type ImportActivityOptions = Omit<ImportDependencies, 'door' | 'memberIdKey'> & Partial<Pick<ImportDependencies, 'door' | 'memberIdKey'>>;

export function createImportActivities(options: ImportActivityOptions) {
  // Retryable on purpose: a worker restarted with its configuration fixed takes the batch over.
  const deps = (): ImportDependencies => {
    if (!options.door || !options.memberIdKey) throw new Error('imports need the worker’s Temporal client and the member ID key; this worker was built without them');
    return { ...options, door: options.door, memberIdKey: options.memberIdKey };
  };
  return {
    processImportBatch: (input: { readonly importId: string; readonly offset: number; readonly limit: number }): Promise<ImportBatchResult> => processImportBatch(deps(), input),
    finishImport: (input: { readonly importId: string }): Promise<{ missing: number }> => finishImport(deps(), input),
  };
}

export type ImportActivities = ReturnType<typeof createImportActivities>;
