/**
 * The monthly files (issue 12 §3), started by the Schedule `ecm-monthly-files` on a configured day
 * of each month: every provider's RTF, OTF and Staffing and Capacity file for the month before.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { CareRecordActivities } from '../../activities';
import { reportingMonthAt } from '../../src/core/reports/reporting-month';
import type { MonthlyFilesInput, MonthlyFilesOutcome } from '../../src/contracts/monthly-files';

const reports = proxyActivities<CareRecordActivities>({
  // A provider of 50,000 members writes its files in well under this (README, benchmark).
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', backoffCoefficient: 2 },
});

/** The files' month defaults to the one before the run, in California's zone (the plans' reporting zone). */
export async function monthlyFiles(input: MonthlyFilesInput = {}): Promise<MonthlyFilesOutcome> {
  const month = input.month ?? reportingMonthAt(Date.now(), 'America/Los_Angeles');
  return reports.generateMonthlyFiles({ month });
}
