/**
 * The raw side of the alarm measurement (tools/alarms/alarm-lag.ts): a bare workflow that sleeps
 * to an instant the plain way, then does what a breach must be seen doing — flags `EcmOverdue` in
 * the task the timer fired and writes one row. Bundled only by the measurement's raw worker.
 */
import { proxyActivities, sleep, upsertSearchAttributes } from '@temporalio/workflow';
import { EcmOverdue } from '../../src/contracts/search-attributes';

const { writeAlarmRow } = proxyActivities<{ writeAlarmRow(key: string): Promise<void> }>({ startToCloseTimeout: '30 seconds' });

/** Sleeps until `dueAt`, then raises the flag and writes its row. */
export async function rawAlarm(key: string, dueAt: string): Promise<void> {
  await sleep(Math.max(Date.parse(dueAt) - Date.now(), 1));
  upsertSearchAttributes([{ key: EcmOverdue, value: true }]);
  await writeAlarmRow(key);
}
