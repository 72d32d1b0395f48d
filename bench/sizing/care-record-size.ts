/**
 * The care record's size in PostgreSQL, table by table: on disk (`pg_total_relation_size`: heap,
 * TOAST and indexes, in 8 KiB pages, so it over-counts a small sample) and as tuple bytes
 * (`sum(pg_column_size(row))`, exact, without indexes or page overhead), with row counts.
 */
import type { Pool } from 'pg';

export interface TableSize {
  readonly table: string;
  readonly rows: number;
  readonly diskBytes: number;
  readonly tupleBytes: number;
}

/** Every table of the public schema (the care record), its rows and bytes. */
export async function careRecordSize(pool: Pool): Promise<TableSize[]> {
  const tables = await pool.query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`);
  const sizes: TableSize[] = [];
  for (const { name } of tables.rows) {
    const ident = `"${name.replace(/"/g, '""')}"`;
    const { rows } = await pool.query<{ rows: string; disk: string; tuples: string | null }>(
      `SELECT count(*) AS rows, pg_total_relation_size('public.${ident}') AS disk, sum(pg_column_size(t.*)) AS tuples FROM public.${ident} t`,
    );
    sizes.push({ table: name, rows: Number(rows[0]!.rows), diskBytes: Number(rows[0]!.disk), tupleBytes: Number(rows[0]!.tuples ?? 0) });
  }
  return sizes;
}

/** The growth from `before` to `after`, table by table, largest first. */
export function growth(before: readonly TableSize[], after: readonly TableSize[]): TableSize[] {
  const was = new Map(before.map((t) => [t.table, t]));
  return after
    .map((t) => ({ table: t.table, rows: t.rows - (was.get(t.table)?.rows ?? 0), diskBytes: t.diskBytes - (was.get(t.table)?.diskBytes ?? 0), tupleBytes: t.tupleBytes - (was.get(t.table)?.tupleBytes ?? 0) }))
    .filter((t) => t.rows !== 0 || t.diskBytes !== 0)
    .sort((a, b) => b.diskBytes - a.diskBytes);
}
