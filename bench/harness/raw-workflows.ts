/**
 * The raw workflow (bundled on its own for the raw worker): a start writes one care-record-sized
 * row through an activity (or, started with `rawIntake`, that Update does); `rawWrite` writes one row and answers; `rawTrivial` answers at once;
 * an alarm sleeps to its instant the plain way, then upserts `EcmOverdue` and writes a row.
 */
import { condition, proxyActivities, setHandler, sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { rawIntakeUpdate, rawStateQuery, rawTrivialUpdate, rawWriteUpdate, type RawJourneyInput } from './raw-contract';
import type { RawActivities } from './raw-activities';

const { writeRow } = proxyActivities<RawActivities>({ startToCloseTimeout: '30 seconds' });

export async function rawJourney(input: RawJourneyInput): Promise<void> {
  const { workflowId } = workflowInfo();
  let actions = 0;
  setHandler(rawStateQuery, () => actions);
  setHandler(rawTrivialUpdate, (n) => n);
  setHandler(rawWriteUpdate, async (n) => {
    actions++;
    await writeRow({ workflowId, kind: 'action', seq: n, payload: { action: 'outreach-attempt', n, at: new Date().toISOString() } });
    return n;
  });
  const writeIntake = () => writeRow({ workflowId, kind: 'intake', seq: 0, payload: input.journey.referralRecord ?? input.journey.start });
  setHandler(rawIntakeUpdate, writeIntake);
  if (!input.intakeByUpdate) await writeIntake();
  if (input.alarmAtMs !== undefined) {
    await sleep(Math.max(1, input.alarmAtMs - Date.now()));
    upsertSearchAttributes({ EcmOverdue: [true] });
    await writeRow({ workflowId, kind: 'alarm', seq: 0, payload: { rule: 'R-LCM-72H', dueAt: new Date(input.alarmAtMs).toISOString() } });
  }
  await condition(() => false);
}
