/** The monthly files' workflow and its Schedule (issue 12 §3), shared by the worker and the start-up that creates the Schedule. */
export const MONTHLY_FILES_WORKFLOW = 'monthlyFiles';
export const MONTHLY_FILES_SCHEDULE_ID = 'ecm-monthly-files';

/** The month to write (`YYYY-MM`); absent, the month before the run's start in the default plan zone. */
export interface MonthlyFilesInput {
  readonly month?: string;
}

/** What a run wrote: counts only, never a member. */
export interface MonthlyFilesOutcome {
  readonly month: string;
  readonly files: number;
  readonly rows: number;
}

/** The Schedule's calendar: the given day of every month at 06:00 in the plan zone, after the month has closed. */
export function monthlyFilesCalendar(dayOfMonth: number, timeZone: string) {
  return { calendars: [{ dayOfMonth, hour: 6, minute: 0 }], timezone: timeZone } as const;
}
