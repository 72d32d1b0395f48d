/**
 * Creates the monthly files' Schedule, or brings an existing one to the configured day: safe at
 * every start-up of every worker (the first creates it, the others find it and update its spec).
 */
import { ScheduleAlreadyRunning, type Client } from '@temporalio/client';
import { MONTHLY_FILES_SCHEDULE_ID, MONTHLY_FILES_WORKFLOW, monthlyFilesCalendar } from '../../contracts/monthly-files';

export interface MonthlyFilesSchedule {
  readonly taskQueue: string;
  /** The day of the month the files are written (1–28: every month has it). */
  readonly dayOfMonth: number;
  readonly timeZone: string;
}

export async function ensureMonthlyFilesSchedule(client: Client, { taskQueue, dayOfMonth, timeZone }: MonthlyFilesSchedule): Promise<void> {
  const spec = monthlyFilesCalendar(dayOfMonth, timeZone);
  const action = { type: 'startWorkflow' as const, workflowType: MONTHLY_FILES_WORKFLOW, taskQueue, args: [{}] };
  try {
    await client.schedule.create({ scheduleId: MONTHLY_FILES_SCHEDULE_ID, spec: { ...spec, calendars: [...spec.calendars] }, action, memo: { purpose: 'ECM monthly files: RTF, OTF, Staffing and Capacity' } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(MONTHLY_FILES_SCHEDULE_ID).update((previous) => ({ ...previous, spec: { ...spec, calendars: [...spec.calendars] }, action }));
  }
}
