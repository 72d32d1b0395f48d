/**
 * The parsed file of an import, kept in this process for the batches that follow (a 100,000-row
 * file is parsed once per worker process, not once per batch). The care record holds the bytes; a
 * new worker after a restart parses them again.
 */
import type { Pool } from 'pg';
import { importFileContent, type ImportRecord } from '../../src/infra/care-record/imports';
import { parseJsonLinesFile, parseMifFile, type JsonLinesFile, type MifFile } from '../../src/infra/imports/import-file';

type Parsed = { readonly kind: 'mif'; readonly file: MifFile } | { readonly kind: 'members'; readonly file: JsonLinesFile };

const KEPT = 2;
const cache = new Map<string, Promise<Parsed>>();

export function parsedFile(pool: Pool, record: Pick<ImportRecord, 'fileHash' | 'kind'>): Promise<Parsed> {
  const key = `${record.kind}:${record.fileHash}`;
  let parsed = cache.get(key);
  if (!parsed) {
    parsed = importFileContent(pool, record.fileHash).then((content): Parsed =>
      record.kind === 'mif' ? { kind: 'mif', file: parseMifFile(content) } : { kind: 'members', file: parseJsonLinesFile(content) },
    );
    parsed.catch(() => cache.delete(key));
    cache.set(key, parsed);
    while (cache.size > KEPT) cache.delete(cache.keys().next().value!);
  }
  return parsed;
}
