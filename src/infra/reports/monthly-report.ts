/**
 * Writes one monthly file (RTF, OTF or Staffing and Capacity) for a provider and month as CSV:
 * rows streamed from PostgreSQL with a cursor into csv-stringify, so memory stays flat however
 * many members the provider serves. Month bounds are the plan's zone (the default zone when the
 * file spans every plan of the provider). Reads the care record only.
 */
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import Cursor from 'pg-cursor';
import { stringify } from 'csv-stringify';
import { localDateOf } from '../../core/calendar';
import { resolvePlanPolicy, type PlanPolicies } from '../../core/plan-policies';
import { providerEntry, type ProviderDirectory } from '../../core/provider-directory';
import type { ReportKind } from '../../core/reports/report-columns';
import { formatReportMonth, monthBounds, type ReportMonth } from '../../core/reports/report-month';
import { formatReportDate, reportFileName, reportTemplate, type ReportTemplate } from '../../core/reports/report-templates';
import { rtfRecord } from '../../core/reports/rtf-record';
import { CAPACITY_SQL } from './capacity-query';
import { capacityRecords } from './capacity-records';
import { OTF_SQL, type OtfRow } from './otf-query';
import { RTF_SQL, rtfFactsOf, type RtfRow } from './rtf-query';

/** Where the facts come from. */
export interface ReportSources {
  readonly pool: Pool;
  readonly plans: PlanPolicies;
  readonly providers: ProviderDirectory;
}

/** Which file. */
export interface ReportRequest {
  readonly kind: ReportKind;
  readonly providerId: string;
  readonly month: ReportMonth;
  /** Only this plan's members, in its template; every plan's in the default template when absent. */
  readonly plan?: string;
  /** The RTF's production date. */
  readonly producedAtMs: number;
}

const BATCH = 1000;

function templateOf(sources: ReportSources, req: ReportRequest): ReportTemplate {
  return reportTemplate(req.kind, req.plan ? sources.plans[req.plan]?.reports : undefined);
}

function boundsOf(sources: ReportSources, req: ReportRequest) {
  const timeZone = resolvePlanPolicy(sources.plans, req.plan ?? '').calendar.timeZone;
  return { timeZone, ...monthBounds(req.month, timeZone) };
}

/** The file's name by the plan's convention (default `RTF_<NPI>_<MMYYYY>.csv`). */
export function reportFileNameOf(sources: ReportSources, req: ReportRequest): string {
  const npi = providerEntry(sources.providers, req.providerId)?.npi ?? req.providerId;
  return reportFileName(templateOf(sources, req), { npi, month: req.month, plan: req.plan ?? 'ALL', provider: req.providerId });
}

/** The members whose data the file holds, for the audit trail before it is read (none for capacity counts). */
export async function reportMemberIds(sources: ReportSources, req: ReportRequest): Promise<string[]> {
  if (req.kind === 'capacity') return [];
  const { startMs, endMs } = boundsOf(sources, req);
  const sql = req.kind === 'rtf' ? RTF_SQL : OTF_SQL;
  return withReportClient(sources.pool, async (client) => {
    const { rows } = await client.query<{ member_id: string }>(`SELECT DISTINCT member_id FROM (${sql}) f`, [req.providerId, new Date(startMs), new Date(endMs), req.plan ?? null]);
    return rows.map((r) => r.member_id);
  });
}

function planNames(sources: ReportSources, plan: string) {
  const reports = sources.plans[plan]?.reports;
  return { mcpId: reports?.mcpId ?? plan, mcpName: reports?.mcpName ?? plan };
}

/** Writes the file to `out` (ended when done); resolves the number of data rows. */
export async function writeReport(sources: ReportSources, req: ReportRequest, out: Writable): Promise<number> {
  const template = templateOf(sources, req);
  const { timeZone, startMs, endMs } = boundsOf(sources, req);
  const provider = providerEntry(sources.providers, req.providerId);
  const csv = stringify({ header: true, columns: template.columns.map((c) => ({ key: c.field, header: c.header })) });
  const piped = pipeline(csv, out);
  let count = 0;
  const put = async (record: Readonly<Record<string, string>>) => {
    count++;
    if (!csv.write(record)) await once(csv, 'drain');
  };
  try {
    if (req.kind === 'capacity') {
      const { rows } = await sources.pool.query<{ care_manager_id: string; caseload: number }>(CAPACITY_SQL, [req.providerId, new Date(endMs)]);
      for (const record of capacityRecords(rows, provider, formatReportMonth(req.month))) await put(record);
    } else {
      await streamRows(sources.pool, req.kind === 'rtf' ? RTF_SQL : OTF_SQL, [req.providerId, new Date(startMs), new Date(endMs), req.plan ?? null], async (row) => {
        const names = planNames(sources, (row as { plan: string }).plan);
        if (req.kind === 'rtf') {
          const ctx = { timeZone, dateFormat: template.dateFormat, ...names, ...(provider ? { provider } : {}), producedAtMs: req.producedAtMs, reportingPeriod: formatReportMonth(req.month) };
          await put(rtfRecord(rtfFactsOf(row as RtfRow), ctx, endMs));
        } else {
          const o = row as OtfRow;
          await put({
            planMcpId: names.mcpId, planName: names.mcpName,
            providerName: provider?.name ?? '', providerNpi: provider?.npi ?? '', providerTin: provider?.tin ?? '', providerType: provider?.providerType ?? '',
            memberName: `${o.family_name}, ${o.given_name}`, memberCin: o.cin,
            attemptDate: formatReportDate(localDateOf(o.at.getTime(), timeZone), template.dateFormat),
            attemptMethod: o.method, attemptSuccessful: o.result === 'reached' ? 'Y' : 'N', attemptMinutes: String(o.minutes),
          });
        }
      });
    }
  } finally {
    csv.end();
  }
  await piped;
  return count;
}


/**
 * A monthly file's statements may run longer than the pool's request-path `statement_timeout`
 * (30 s): the RTF of a provider serving 50,000 members sorts them all before its first row. They
 * run in a read-only transaction with this bound instead, still finite so a runaway read ends.
 */
export const REPORT_STATEMENT_TIMEOUT_MS = 10 * 60_000;

/** Runs `fn` on one pooled connection inside a read-only transaction bounded by {@link REPORT_STATEMENT_TIMEOUT_MS}. */
async function withReportClient<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${REPORT_STATEMENT_TIMEOUT_MS}`);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Reads a query's rows in batches through a cursor on one pooled connection. */
async function streamRows(pool: Pool, sql: string, params: unknown[], each: (row: unknown) => Promise<void>): Promise<void> {
  await withReportClient(pool, async (client) => {
    const cursor = client.query(new Cursor(sql, params));
    try {
      for (;;) {
        const rows = await cursor.read(BATCH);
        if (!rows.length) break;
        for (const row of rows) await each(row);
      }
    } finally {
      await cursor.close();
    }
  });
}
