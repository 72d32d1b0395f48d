/**
 * The care record's imports (issue 12): the file kept once by content hash, the import of one
 * plan over one file, and each line's outcome. The import workflow carries only the import ID and
 * offsets; the file and the outcomes live here.
 */
import type { Pool } from 'pg';

export type ImportKind = 'mif' | 'members';
export type RowOutcome = 'created' | 'reconciled' | 'unchanged' | 'rejected';

export interface ImportRecord {
  readonly importId: string;
  readonly plan: string;
  readonly kind: ImportKind;
  readonly fileHash: string;
  readonly totalRows: number;
  readonly status: 'running' | 'completed';
  readonly createdAt: string;
  readonly completedAt: string | null;
}

/** Keeps the file and the import; resolves `false` when this import was already on record (the same file again). */
export async function recordImport(
  pool: Pool,
  entry: { readonly importId: string; readonly plan: string; readonly kind: ImportKind; readonly fileHash: string; readonly content: Buffer; readonly totalRows: number; readonly requestedBy: string },
): Promise<boolean> {
  await pool.query('INSERT INTO import_files (file_hash, content) VALUES ($1, $2) ON CONFLICT (file_hash) DO NOTHING', [entry.fileHash, entry.content]);
  const written = await pool.query(
    `INSERT INTO imports (import_id, plan, kind, file_hash, total_rows, requested_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (import_id) DO NOTHING`,
    [entry.importId, entry.plan, entry.kind, entry.fileHash, entry.totalRows, entry.requestedBy],
  );
  return (written.rowCount ?? 0) > 0;
}

export async function importOnRecord(pool: Pool, importId: string): Promise<ImportRecord | undefined> {
  const { rows } = await pool.query<{ import_id: string; plan: string; kind: ImportKind; file_hash: string; total_rows: number; status: 'running' | 'completed'; created_at: Date; completed_at: Date | null }>(
    'SELECT import_id, plan, kind, file_hash, total_rows, status, created_at, completed_at FROM imports WHERE import_id = $1',
    [importId],
  );
  const r = rows[0];
  return r && { importId: r.import_id, plan: r.plan, kind: r.kind, fileHash: r.file_hash, totalRows: r.total_rows, status: r.status, createdAt: r.created_at.toISOString(), completedAt: r.completed_at?.toISOString() ?? null };
}

export async function importFileContent(pool: Pool, fileHash: string): Promise<Buffer> {
  const { rows } = await pool.query<{ content: Buffer }>('SELECT content FROM import_files WHERE file_hash = $1', [fileHash]);
  if (!rows[0]) throw new Error('the import file is not on record');
  return rows[0].content;
}

/** Lines of the range whose outcome is final, by line. */
export async function finishedLines(pool: Pool, importId: string, fromLine: number, toLine: number): Promise<Map<number, RowOutcome>> {
  const { rows } = await pool.query<{ line: number; outcome: RowOutcome }>(
    `SELECT line, outcome FROM import_rows WHERE import_id = $1 AND line BETWEEN $2 AND $3 AND outcome <> 'pending'`,
    [importId, fromLine, toLine],
  );
  return new Map(rows.map((r) => [r.line, r.outcome]));
}

/**
 * Claims the members of lines for this import in line order; answers, per line, the line that holds
 * the member when it is another one (a duplicate within the file).
 */
export async function claimMembers(pool: Pool, importId: string, lines: readonly { readonly line: number; readonly memberId: string; readonly providerId?: string }[]): Promise<Map<number, number>> {
  const duplicates = new Map<number, number>();
  for (const { line, memberId, providerId } of lines) {
    // Any conflict: the line's own row (a repeated batch), or the member already claimed by an earlier line.
    await pool.query(
      `INSERT INTO import_rows (import_id, line, member_id, provider_id, outcome) VALUES ($1, $2, $3, $4, 'pending') ON CONFLICT DO NOTHING`,
      [importId, line, memberId, providerId ?? null],
    );
    const { rows } = await pool.query<{ line: number }>(
      `SELECT line FROM import_rows WHERE import_id = $1 AND member_id = $2 AND outcome <> 'rejected' ORDER BY line LIMIT 1`,
      [importId, memberId],
    );
    if (rows[0] && rows[0].line !== line) duplicates.set(line, rows[0].line);
  }
  return duplicates;
}

/** A line's final outcome (a refusal with its reason). Written once: a retry keeps the first. */
export async function recordRowOutcome(pool: Pool, importId: string, line: number, outcome: RowOutcome, reason?: string, member?: { readonly memberId: string; readonly providerId?: string }): Promise<void> {
  await pool.query(
    `INSERT INTO import_rows (import_id, line, member_id, provider_id, outcome, reason) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (import_id, line) DO UPDATE SET outcome = EXCLUDED.outcome, reason = EXCLUDED.reason WHERE import_rows.outcome = 'pending'`,
    [importId, line, member?.memberId ?? null, member?.providerId ?? null, outcome, reason ?? null],
  );
}

/** The final outcomes of a range of lines, counted. */
export async function rangeCounters(pool: Pool, importId: string, fromLine: number, toLine: number): Promise<Record<RowOutcome, number>> {
  const counts: Record<RowOutcome, number> = { created: 0, reconciled: 0, unchanged: 0, rejected: 0 };
  const { rows } = await pool.query<{ outcome: RowOutcome | 'pending'; n: string }>(
    'SELECT outcome, count(*) AS n FROM import_rows WHERE import_id = $1 AND line BETWEEN $2 AND $3 GROUP BY outcome',
    [importId, fromLine, toLine],
  );
  for (const r of rows) if (r.outcome !== 'pending') counts[r.outcome] = Number(r.n);
  return counts;
}

/** The providers the import's rows named: their members not in the file are missing from it. */
export async function providersNamed(pool: Pool, importId: string): Promise<string[]> {
  const { rows } = await pool.query<{ provider_id: string }>('SELECT DISTINCT provider_id FROM import_rows WHERE import_id = $1 AND provider_id IS NOT NULL', [importId]);
  return rows.map((r) => r.provider_id);
}

/** Whether a line's acts already reached the journey (their event keys name the import and the line). */
export async function lineActed(pool: Pool, referralKey: string, actionKeyPrefix: string): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM journey_events WHERE referral_key = $1 AND starts_with(event_key, $2) LIMIT 1', [referralKey, actionKeyPrefix]);
  return (rowCount ?? 0) > 0;
}

/** The members this import's lines named (not refused). */
/**
 * Open journeys of the plan with one of these providers whose member no line of the import named
 * (a refused line that named the member still counts as naming them).
 */
export async function membersMissingFrom(pool: Pool, importId: string, plan: string, providers: readonly string[]): Promise<{ readonly memberId: string; readonly referralKey: string; readonly providerId: string }[]> {
  const { rows } = await pool.query<{ member_id: string; referral_key: string; provider_id: string }>(
    `SELECT mj.member_id, mj.referral_key, mj.provider_id FROM member_journeys mj
      WHERE mj.plan = $1 AND NOT mj.ended AND mj.provider_id = ANY ($2::text[])
        AND NOT EXISTS (SELECT 1 FROM import_rows r WHERE r.import_id = $3 AND r.member_id = mj.member_id)
      ORDER BY mj.member_id`,
    [plan, providers, importId],
  );
  return rows.map((r) => ({ memberId: r.member_id, referralKey: r.referral_key, providerId: r.provider_id }));
}

export async function completeImport(pool: Pool, importId: string): Promise<void> {
  await pool.query(`UPDATE imports SET status = 'completed', completed_at = now() WHERE import_id = $1 AND status = 'running'`, [importId]);
}

/** The report: counts by outcome, and every refused line with its reason. */
export async function importReport(pool: Pool, importId: string): Promise<{ readonly counts: Record<RowOutcome, number>; readonly rejected: { readonly line: number; readonly reason: string }[] }> {
  const counts: Record<RowOutcome, number> = { created: 0, reconciled: 0, unchanged: 0, rejected: 0 };
  const byOutcome = await pool.query<{ outcome: RowOutcome | 'pending'; n: string }>('SELECT outcome, count(*) AS n FROM import_rows WHERE import_id = $1 GROUP BY outcome', [importId]);
  for (const r of byOutcome.rows) if (r.outcome !== 'pending') counts[r.outcome] = Number(r.n);
  const rejected = await pool.query<{ line: number; reason: string }>(`SELECT line, reason FROM import_rows WHERE import_id = $1 AND outcome = 'rejected' ORDER BY line`, [importId]);
  return { counts, rejected: rejected.rows };
}
