/**
 * The monthly Schedule's activity: every provider's RTF, OTF and capacity file for a month, into
 * `DATA_DIR/reports/<YYYY-MM>/`. Idempotent: a retry rewrites the same files.
 */
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { parseReportMonth } from '../../src/core/reports/report-month';
import type { ReportSources } from '../../src/infra/reports/monthly-report';
import { providersToReport, writeMonthlyFiles } from '../../src/infra/reports/monthly-files';
import type { MonthlyFilesOutcome } from '../../src/contracts/monthly-files';

/** What the activity needs: the care record, the plans' templates, the directory, where to write. */
export interface MonthlyFilesDependencies extends ReportSources {
  readonly dataDir: string;
}

export async function generateMonthlyFiles(deps: MonthlyFilesDependencies, { month }: { readonly month: string }): Promise<MonthlyFilesOutcome> {
  const parsed = parseReportMonth(month);
  if (!parsed) throw ApplicationFailure.create({ type: 'InvalidReportMonth', message: 'the month must be YYYY-MM', nonRetryable: true });
  const providerIds = await providersToReport(deps);
  const files = await writeMonthlyFiles(deps, { month: parsed, providerIds, dir: join(deps.dataDir, 'reports'), producedAtMs: Date.now() });
  return { month, files: files.length, rows: files.reduce((n, f) => n + f.rows, 0) };
}
