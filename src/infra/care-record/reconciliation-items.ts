/**
 * R-DISCONTINUE reconciliation items (issue 12): a member the plan's file says is no longer
 * eligible, or who is missing from this month's file, is the provider's to resolve, by
 * discontinuing them (a trigger on journey_events resolves the item) or by the plan's correction
 * (a later file naming the member as eligible).
 */
import type { Pool } from 'pg';
import { createHash } from 'node:crypto';

export type ReconciliationReason = 'no_longer_eligible' | 'missing_from_mif';

export interface ReconciliationItem {
  readonly itemId: string;
  readonly plan: string;
  readonly providerId: string;
  readonly memberId: string;
  readonly reason: ReconciliationReason;
  readonly importId: string;
  readonly openedAt: string;
  readonly resolvedAt: string | null;
  readonly resolution: 'discontinued' | 'corrected' | null;
}

/** Stable per journey, reason and import: a retried opening finds its own item. */
export function reconciliationItemId(referralKey: string, reason: ReconciliationReason, importId: string): string {
  return `rec_${createHash('sha256').update(`${referralKey}\n${reason}\n${importId}`).digest('hex').slice(0, 32)}`;
}

/** Opens the item unless one is open for the journey and reason; answers the item opened, if this call opened it. */
export async function openReconciliationItem(
  pool: Pool,
  item: { readonly plan: string; readonly providerId: string; readonly memberId: string; readonly referralKey: string; readonly reason: ReconciliationReason; readonly importId: string },
): Promise<{ readonly itemId: string; readonly openedAt: string } | undefined> {
  const itemId = reconciliationItemId(item.referralKey, item.reason, item.importId);
  await pool.query(
    `INSERT INTO reconciliation_items (item_id, plan, provider_id, member_id, referral_key, reason, import_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [itemId, item.plan, item.providerId, item.memberId, item.referralKey, item.reason, item.importId],
  );
  // This import's item (just now, or by an attempt before a restart: still to announce, the event
  // is keyed); another import's open item means nothing new.
  const { rows } = await pool.query<{ opened_at: Date }>('SELECT opened_at FROM reconciliation_items WHERE item_id = $1', [itemId]);
  return rows[0] ? { itemId, openedAt: rows[0].opened_at.toISOString() } : undefined;
}

/** The plan's correction: the member is in the file and eligible again; their open items are resolved. */
export async function resolveByCorrection(pool: Pool, referralKey: string, importId: string): Promise<boolean> {
  await pool.query(
    `UPDATE reconciliation_items SET resolved_at = now(), resolution = 'corrected', resolved_by_import = $2 WHERE referral_key = $1 AND resolved_at IS NULL`,
    [referralKey, importId],
  );
  // True also when an attempt of this import before a restart resolved them.
  const { rowCount } = await pool.query('SELECT 1 FROM reconciliation_items WHERE referral_key = $1 AND resolved_by_import = $2', [referralKey, importId]);
  return (rowCount ?? 0) > 0;
}

/** Whether the journey has an open item of this reason. */
export async function hasOpenItem(pool: Pool, referralKey: string, reason: ReconciliationReason): Promise<boolean> {
  const { rowCount } = await pool.query('SELECT 1 FROM reconciliation_items WHERE referral_key = $1 AND reason = $2 AND resolved_at IS NULL', [referralKey, reason]);
  return (rowCount ?? 0) > 0;
}

/** A provider's items (open first, then resolved), for `GET /v1/reconciliation-items`. */
export async function listReconciliationItems(pool: Pool, filter: { readonly providerId?: string; readonly plan?: string; readonly open?: boolean; readonly limit: number }): Promise<ReconciliationItem[]> {
  const { rows } = await pool.query<{ item_id: string; plan: string; provider_id: string; member_id: string; reason: ReconciliationReason; import_id: string; opened_at: Date; resolved_at: Date | null; resolution: 'discontinued' | 'corrected' | null }>(
    `SELECT item_id, plan, provider_id, member_id, reason, import_id, opened_at, resolved_at, resolution FROM reconciliation_items
      WHERE ($1::text IS NULL OR provider_id = $1) AND ($2::text IS NULL OR plan = $2) AND ($3::boolean IS NULL OR (resolved_at IS NULL) = $3)
      ORDER BY resolved_at IS NOT NULL, opened_at, item_id LIMIT $4`,
    [filter.providerId ?? null, filter.plan ?? null, filter.open ?? null, filter.limit],
  );
  return rows.map((r) => ({
    itemId: r.item_id, plan: r.plan, providerId: r.provider_id, memberId: r.member_id, reason: r.reason, importId: r.import_id,
    openedAt: r.opened_at.toISOString(), resolvedAt: r.resolved_at?.toISOString() ?? null, resolution: r.resolution,
  }));
}
