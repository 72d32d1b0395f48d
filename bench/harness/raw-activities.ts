/** The raw side's one activity: an idempotent insert of one row, as a care-record write would be. */
import type { Pool } from 'pg';
import type { RawRow } from './raw-contract';

export const RAW_ROWS_TABLE = `CREATE TABLE IF NOT EXISTS raw_rows (
  workflow_id text NOT NULL, kind text NOT NULL, seq integer NOT NULL, payload jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT clock_timestamp(), PRIMARY KEY (workflow_id, kind, seq))`;

export function rawActivities(pool: Pool) {
  return {
    async writeRow(row: RawRow): Promise<void> {
      await pool.query('INSERT INTO raw_rows (workflow_id, kind, seq, payload) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [row.workflowId, row.kind, row.seq, JSON.stringify(row.payload)]);
    },
  };
}

export type RawActivities = ReturnType<typeof rawActivities>;
