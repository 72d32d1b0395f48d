/**
 * A month's files for each provider (issue 12 §3): RTF, OTF and Staffing and Capacity, written
 * under `<dir>/<YYYY-MM>/` with the plans' file names. Shared by the CLI and the monthly Schedule's
 * activity; a rerun overwrites the same files (each is written to a temporary name, then renamed).
 */
import { createWriteStream, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT_KINDS, type ReportKind } from '../../core/reports/report-columns';
import { formatReportMonth, type ReportMonth } from '../../core/reports/report-month';
import { reportFileNameOf, writeReport, type ReportSources } from './monthly-report';

/** One file written. */
export interface MonthlyFile {
  readonly kind: ReportKind;
  readonly providerId: string;
  readonly file: string;
  readonly rows: number;
}

/** Which files, where. */
export interface MonthlyFilesRequest {
  readonly month: ReportMonth;
  readonly providerIds: readonly string[];
  readonly dir: string;
  readonly producedAtMs: number;
  readonly kinds?: readonly ReportKind[];
  readonly plan?: string;
}

/** Providers with a member assigned at some point, and every provider of the directory. */
export async function providersToReport(sources: ReportSources): Promise<string[]> {
  const { rows } = await sources.pool.query<{ provider_id: string }>('SELECT DISTINCT provider_id FROM provider_assignments ORDER BY provider_id');
  return [...new Set([...Object.keys(sources.providers), ...rows.map((r) => r.provider_id)])].sort();
}

/** Writes the files; resolves what was written. */
export async function writeMonthlyFiles(sources: ReportSources, req: MonthlyFilesRequest): Promise<MonthlyFile[]> {
  const dir = join(req.dir, formatReportMonth(req.month));
  mkdirSync(dir, { recursive: true });
  const written: MonthlyFile[] = [];
  for (const providerId of req.providerIds) {
    for (const kind of req.kinds ?? REPORT_KINDS) {
      const report = { kind, providerId, month: req.month, producedAtMs: req.producedAtMs, ...(req.plan ? { plan: req.plan } : {}) };
      const file = join(dir, reportFileNameOf(sources, report));
      const partial = `${file}.partial`;
      const rows = await writeReport(sources, report, createWriteStream(partial, { mode: 0o600 }));
      renameSync(partial, file);
      written.push({ kind, providerId, file, rows });
    }
  }
  return written;
}
