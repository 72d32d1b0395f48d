/**
 * The end of an import. For a MIF (issue 12 §1): every member with an open journey at one of the
 * file's providers whom no line named is missing from this month's file, and gets a reconciliation
 * item for the provider (R-DISCONTINUE), announced as `reconciliation.opened`; never a silent
 * discontinuation. Then the import is complete.
 */
import { ApplicationFailure } from '@temporalio/common';
import { completeImport, importOnRecord, membersMissingFrom, providersNamed } from '../../src/infra/care-record/imports';
import { openReconciliationItem } from '../../src/infra/care-record/reconciliation-items';
import { emitOrganisationEvent } from '../webhooks/emit-organisation-event';
import type { ImportDependencies } from './import-context';

export async function finishImport(deps: ImportDependencies, { importId }: { readonly importId: string }): Promise<{ missing: number }> {
  const record = await importOnRecord(deps.pool, importId);
  if (!record) throw ApplicationFailure.nonRetryable('the import is not on record', 'ImportNotFound');
  let missing = 0;
  if (record.kind === 'mif') {
    const absent = await membersMissingFrom(deps.pool, importId, record.plan, await providersNamed(deps.pool, importId));
    for (const m of absent) {
      const item = await openReconciliationItem(deps.pool, { plan: record.plan, ...m, reason: 'missing_from_mif', importId });
      if (!item) continue;
      missing++;
      await emitOrganisationEvent(deps, {
        type: 'reconciliation.opened',
        eventKey: `reconciliation.opened:${item.itemId}`,
        occurredAt: item.openedAt,
        organisations: [{ role: 'provider', organisation: m.providerId }, { role: 'plan', organisation: record.plan }],
        data: { itemId: item.itemId, memberId: m.memberId, providerId: m.providerId, reason: 'missing_from_mif', rule: 'R-DISCONTINUE', importId },
      });
    }
  }
  await completeImport(deps.pool, importId);
  return { missing };
}
