/**
 * `GET /v1/mif/:importId` (and `/v1/imports/members/:importId`): the import's report — how many
 * rows were created, reconciled, unchanged and rejected, each rejected line with its reason, the
 * members found missing — and, while it runs, the workflow's progress. A plan reads only its own
 * imports; another plan's answers 404 exactly as one that does not exist. Each read is audited
 * (allowed or denied) here, since the guard cannot know whose import it is.
 */
import type { RequestHandler } from 'express';
import { importOnRecord, importReport } from '../../../src/infra/care-record/imports';
import { appendAudit } from '../../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { safePathParam } from '../../validation';
import { IMPORT_ID_PATTERN } from './import-id';

export function getImport({ pool, journeys }: RouteDependencies, kind: 'mif' | 'members', operationId: string): RequestHandler {
  return async (req, res) => {
    const principal = callerOf(res);
    const importId = safePathParam(req, 'importId');
    const record = IMPORT_ID_PATTERN.test(importId) ? await importOnRecord(pool, importId) : undefined;
    const visible = record && record.kind === kind && (principal.role === 'ops' || record.plan === principal.organisation);
    await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, memberIds: [], action: operationId, outcome: visible ? 'allowed' : 'denied', ...(visible ? {} : { reason: 'import_not_visible' }) });
    if (!visible) throw new ApiError(ApiErrorCode.NotFound, 'no such import');
    const report = await importReport(pool, importId);
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM reconciliation_items WHERE import_id = $1 AND reason = 'missing_from_mif'`, [importId]);
    // The workflow's own count is a courtesy: the report stands on the care record, so a query that
    // cannot be answered now (a worker restarting) leaves it out rather than failing the read.
    const progress = record.status === 'running' ? await journeys.importProgress(importId).catch(() => undefined) : undefined;
    const processed = report.counts.created + report.counts.reconciled + report.counts.unchanged + report.counts.rejected;
    res.json({
      importId,
      kind: record.kind,
      plan: record.plan,
      status: record.status,
      totalRows: record.totalRows,
      processed,
      ...report.counts,
      missing: Number(rows[0]?.n ?? 0),
      rejectedRows: report.rejected,
      createdAt: record.createdAt,
      completedAt: record.completedAt,
      ...(progress ? { progress: { processed: progress.processed, run: progress.run } } : {}),
    });
  };
}
