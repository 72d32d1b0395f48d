/**
 * The raw side of `tools/perf/action-round-trip.ts`: bare workflows that answer an Update, one at
 * once (the cheapest Update Temporal can serve) and one after an activity has written one row to
 * PostgreSQL (the least any action that keeps a record must do). Bundled on their own, so the
 * journey worker's bundle is not changed by them.
 */
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export const rawTrivialUpdate = defineUpdate<string, [string]>('rawTrivial');
export const rawRowUpdate = defineUpdate<string, [string]>('rawRow');

/** The one activity of the raw side: one row, keyed so a retry writes nothing twice. */
export interface RawRowActivities {
  writeOneRow(key: string): Promise<void>;
}

// The same timeout and retry shape as the journey's care-record activities.
const rows = proxyActivities<RawRowActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** Answers each Update with its argument, doing nothing else. */
export async function rawTrivialWorkflow(): Promise<void> {
  setHandler(rawTrivialUpdate, (key) => key);
  await condition(() => false);
}

/** Answers each Update once its row is written. */
export async function rawRowWorkflow(): Promise<void> {
  setHandler(rawRowUpdate, async (key) => {
    await rows.writeOneRow(key);
    return key;
  });
  await condition(() => false);
}
