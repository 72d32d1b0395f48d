/**
 * `npm run reports -- <rtf|otf|capacity|all> --month YYYY-MM (--provider P | --all-providers) [--plan X] [--out DIR]`
 * writes a month's files from the care record at DATABASE_URL, as the API and the monthly
 * Schedule do. The files hold member data: they are written readable by their owner only.
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { REPORT_KINDS, type ReportKind } from '../core/reports/report-columns';
import { parseReportMonth } from '../core/reports/report-month';
import { loadConfig } from '../infra/config';
import { createPool } from '../infra/db/pool';
import { providersToReport, writeMonthlyFiles } from '../infra/reports/monthly-files';

const USAGE = 'usage: npm run reports -- <rtf|otf|capacity|all> --month YYYY-MM (--provider P | --all-providers) [--plan X] [--out DIR]';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { month: { type: 'string' }, provider: { type: 'string' }, 'all-providers': { type: 'boolean' }, plan: { type: 'string' }, out: { type: 'string' } },
  });
  const what = positionals[0];
  const kinds: readonly ReportKind[] | undefined = what === 'all' ? REPORT_KINDS : REPORT_KINDS.includes(what as ReportKind) ? [what as ReportKind] : undefined;
  const month = values.month ? parseReportMonth(values.month) : undefined;
  if (!kinds || !month || (!values.provider && !values['all-providers']) || positionals.length !== 1) throw new Error(USAGE);
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL must name the care record');
  const pool = createPool(config.databaseUrl);
  try {
    const sources = { pool, plans: config.plans, providers: config.providers };
    const providerIds = values.provider ? [values.provider] : await providersToReport(sources);
    const dir = values.out ?? join(config.dataDir, 'reports');
    const files = await writeMonthlyFiles(sources, { month, providerIds, dir, producedAtMs: Date.now(), kinds, ...(values.plan ? { plan: values.plan } : {}) });
    for (const f of files) console.log(`${f.kind}\t${f.providerId}\t${f.rows} rows\t${f.file}`);
  } finally {
    await pool.end();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
