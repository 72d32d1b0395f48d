/**
 * A plan's templates for its monthly files (ECM_PLANS_FILE `plans.<plan>.reports`): its MCP
 * identifier and name, and per file the columns (field and header, in order), the date format and
 * the file name. Anything a plan does not say follows the default (./report-columns.ts).
 */
import { z } from 'zod';
import { DEFAULT_COLUMNS, REPORT_KINDS, type ReportKind } from './report-columns';
import { mmyyyy, type ReportMonth } from './report-month';

export const DATE_FORMATS = ['YYYY-MM-DD', 'MM/DD/YYYY', 'YYYYMMDD'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The default file names: `RTF_<NPI>_<MMYYYY>.csv` and its siblings. */
export const DEFAULT_FILE_NAMES: Readonly<Record<ReportKind, string>> = {
  rtf: 'RTF_{npi}_{MMYYYY}.csv',
  otf: 'OTF_{npi}_{MMYYYY}.csv',
  capacity: 'CAPACITY_{npi}_{MMYYYY}.csv',
};

function fileTemplateSchema(kind: ReportKind) {
  const fields = DEFAULT_COLUMNS[kind].map(([field]) => field) as [string, ...string[]];
  return z.strictObject({
    columns: z.array(z.strictObject({ field: z.enum(fields), header: z.string().trim().min(1).max(100).optional() })).min(1).optional(),
    dateFormat: z.enum(DATE_FORMATS).optional(),
    /** Placeholders: {npi}, {MMYYYY}, {YYYYMM}, {plan}, {provider}; letters, digits, `_.-` otherwise. */
    fileName: z.string().regex(/^(?:[A-Za-z0-9_.-]|\{(?:npi|MMYYYY|YYYYMM|plan|provider)\})+\.csv$/, 'a .csv name of letters, digits, _.- and {npi} {MMYYYY} {YYYYMM} {plan} {provider}').optional(),
  });
}

/** `plans.<plan>.reports` in ECM_PLANS_FILE. */
export const planReportsSchema = z.strictObject({
  /** The plan's MCP identifier as DHCS knows it; default the plan code. */
  mcpId: z.string().trim().min(1).max(64).optional(),
  mcpName: z.string().trim().min(1).max(200).optional(),
  rtf: fileTemplateSchema('rtf').optional(),
  otf: fileTemplateSchema('otf').optional(),
  capacity: fileTemplateSchema('capacity').optional(),
});
export type PlanReports = z.infer<typeof planReportsSchema>;

/** One file's template, with every default filled in. */
export interface ReportTemplate {
  readonly columns: readonly { readonly field: string; readonly header: string }[];
  readonly dateFormat: DateFormat;
  readonly fileName: string;
}

/** The template of one file for a plan (the default when the plan has none, or no plan is named). */
export function reportTemplate(kind: ReportKind, reports: PlanReports | undefined): ReportTemplate {
  const own = reports?.[kind];
  const headers = new Map(DEFAULT_COLUMNS[kind]);
  return {
    columns: own?.columns
      ? own.columns.map((c) => ({ field: c.field, header: c.header ?? headers.get(c.field)! }))
      : DEFAULT_COLUMNS[kind].map(([field, header]) => ({ field, header })),
    dateFormat: own?.dateFormat ?? 'YYYY-MM-DD',
    fileName: own?.fileName ?? DEFAULT_FILE_NAMES[kind],
  };
}

/** The file's name from its template. */
export function reportFileName(template: ReportTemplate, values: { readonly npi: string; readonly month: ReportMonth; readonly plan: string; readonly provider: string }): string {
  const yyyymm = `${values.month.year}${String(values.month.month).padStart(2, '0')}`;
  const name = template.fileName
    .replaceAll('{npi}', values.npi)
    .replaceAll('{MMYYYY}', mmyyyy(values.month))
    .replaceAll('{YYYYMM}', yyyymm)
    .replaceAll('{plan}', values.plan)
    .replaceAll('{provider}', values.provider);
  // Plan and provider codes are checked elsewhere; a name that could leave the directory is refused here too.
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.')) throw new Error('the report file name is not a plain file name');
  return name;
}

/** A local date (`YYYY-MM-DD`) in the template's format; empty stays empty. */
export function formatReportDate(localDate: string, format: DateFormat): string {
  if (!localDate) return '';
  const [y, m, d] = localDate.split('-');
  if (format === 'MM/DD/YYYY') return `${m}/${d}/${y}`;
  if (format === 'YYYYMMDD') return `${y}${m}${d}`;
  return localDate;
}

export { REPORT_KINDS };
