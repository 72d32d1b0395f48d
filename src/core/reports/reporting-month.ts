import { localDateOf } from '../calendar';
import { formatReportMonth, previousMonth } from './report-month';

/** The month a run at `atMs` reports: the one before the run's own month, in the plan zone. */
export function reportingMonthAt(atMs: number, timeZone: string): string {
  const [year, month] = localDateOf(atMs, timeZone).split('-').map(Number) as [number, number];
  return formatReportMonth(previousMonth({ year, month }));
}
