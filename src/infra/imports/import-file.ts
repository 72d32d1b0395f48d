/**
 * Reading an import file into numbered rows, for the API (which refuses a file it cannot read and
 * counts its rows) and the batch activity (which reads its range). A MIF is CSV or pipe-delimited
 * (csv-parse, its delimiter found from the header line); a members file is JSON Lines. A row keeps
 * its line number in the file, which is what the import report names.
 */
import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';

export interface MifFile {
  readonly header: readonly string[];
  readonly rows: readonly { readonly line: number; readonly values: readonly string[] }[];
}

/** A file the parser cannot read at all (unbalanced quotes, no header); rows stay independent otherwise. */
export class ImportFileError extends Error {}

/** SHA-256 of the bytes, hex: the file's identity in the care record. */
export function fileHashOf(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The delimiter the header line uses: a pipe when it has more pipes than commas. */
function delimiterOf(text: string): ',' | '|' {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  return (firstLine.match(/\|/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '|' : ',';
}

export function parseMifFile(content: Buffer): MifFile {
  const text = content.toString('utf8');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: delimiterOf(text), bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    // csv-parse's message quotes the offending text (member data): keep only its code and line.
    const e = err as { code?: string; lines?: number };
    throw new ImportFileError(`the file cannot be read as CSV (${e.code ?? 'CSV_ERROR'}${e.lines ? ` near line ${e.lines}` : ''})`);
  }
  const [head, ...rest] = records;
  if (!head) throw new ImportFileError('the file is empty: it needs a header line');
  return { header: head.record.map((h) => h.trim()), rows: rest.map((r) => ({ line: r.info.lines, values: r.record })) };
}

export interface JsonLinesFile {
  readonly rows: readonly { readonly line: number; readonly text: string }[];
}

/** JSON Lines: one member per non-blank line, each parsed by its reader (so a bad line is that row's refusal). */
export function parseJsonLinesFile(content: Buffer): JsonLinesFile {
  const lines = content.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  return { rows: lines.flatMap((text, i) => (text.trim() ? [{ line: i + 1, text }] : [])) };
}
