import type { Pool } from 'pg';
import { confirmLeadCareManager, releaseLeadCareManager } from '../../src/infra/caseload';
import type { CaseloadRelease } from './types';

/** R-CASELOAD-50: the member no longer counts against the Lead Care Manager (a stale release is a no-op). */
export async function releaseCaseloadSlot(pool: Pool, slot: CaseloadRelease): Promise<void> {
  await releaseLeadCareManager(pool, slot);
}

/** R-ONE-LCM: the accepted naming becomes the member's one active Lead Care Manager, replacing the last. */
export async function confirmCaseloadSlot(pool: Pool, slot: { readonly reservationKey: string }): Promise<void> {
  await confirmLeadCareManager(pool, slot);
}
