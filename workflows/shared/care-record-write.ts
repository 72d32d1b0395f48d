/**
 * A journey event's care-record write on the path of the act that caused it (issue 16 §2). An
 * Update answers only once its event is in the care record; as a normal activity that write costs
 * a second workflow task and a trip through the task queue on every act. As a local activity the
 * worker runs it inside the workflow task that accepted the Update, and the Update is answered in
 * that same task: measured with `npx tsx tools/perf/action-round-trip.ts`.
 */
import { ActivityFailure, ApplicationFailure, isCancellation, patched, proxyLocalActivities, TemporalFailure } from '@temporalio/workflow';
import type { CareRecordActivities } from '../../activities';
import type { JourneyEventRecord } from '../../activities/care-record/types';
import { careRecord } from './care-record';

/**
 * The same activity the worker registers, run locally. Its retries stay inside the workflow task
 * (heartbeating it): eight attempts over about 16 s, long enough to ride out a failover; past
 * them the write falls back to the normal activity below. Bounded by attempts, not by a
 * schedule-to-close: on the dev server (SDK 1.24) a local activity kept retrying past one.
 */
const local = proxyLocalActivities<Pick<CareRecordActivities, 'recordJourneyEvent'>>({
  // One event is one short transaction; an attempt this slow is stuck, and the next one may run beside it
  // harmlessly (the row is keyed by its event key, the journey's facts by their sequence).
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 8 },
});

/**
 * The care record's refusal of the data (a non-retryable failure of the activity), if that is what
 * ended the write. A local activity's failure arrives bare, a normal activity's wrapped in an
 * ActivityFailure.
 */
function refusalOf(err: unknown): ApplicationFailure | undefined {
  const failure = err instanceof ActivityFailure ? err.cause : err;
  return failure instanceof ApplicationFailure && failure.nonRetryable === true ? failure : undefined;
}

/**
 * Writes the event, at most once by its event key. A refusal fails the write as the normal
 * activity's would (an ActivityFailure caused by the refusal), for the journey to record. Anything
 * else that ends the local retries (an outage outlasting them) hands the event to the
 * normal activity, which retries without a cap and shows as a pending activity where ops and the
 * stuck-journey scan look: a long outage delays the act, never loses it. Journeys recorded before
 * the patch replay with the normal activity they scheduled.
 */
export async function recordJourneyEvent(event: JourneyEventRecord): Promise<void> {
  if (!patched('care-record-write-local')) return careRecord.recordJourneyEvent(event);
  try {
    await local.recordJourneyEvent(event);
  } catch (err) {
    if (isCancellation(err) || !(err instanceof TemporalFailure)) throw err;
    const refusal = refusalOf(err);
    if (refusal) throw new ActivityFailure(refusal.message, 'recordJourneyEvent', undefined, 'NON_RETRYABLE_FAILURE', undefined, refusal);
    await careRecord.recordJourneyEvent(event);
  }
}
