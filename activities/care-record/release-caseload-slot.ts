import type { Pool } from 'pg';
import { releaseCaseloadSlot as release } from '../../src/lead-care-managers/caseload';
import type { CaseloadRelease } from './types';

/** R-CASELOAD-50: the member no longer counts against the Lead Care Manager. */
export async function releaseCaseloadSlot(pool: Pool, slot: CaseloadRelease): Promise<void> {
  await release(pool, slot);
}
