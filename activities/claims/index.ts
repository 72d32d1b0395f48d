/** The claims activities (issue 13): the provider-month's clock opened, recorded, escalated. Workflows import the type only. */
import type { Pool } from 'pg';
import type { ClaimsMonthInput } from '../../src/contracts/claims-month';
import type { Logger } from '../../src/infra/logger';
import { escalateClaimsBreach, recordClaimsMonth, withdrawClaimsEscalation, type ClaimsMonthRecord } from './claims-month-record';
import { openClaimsMonth, type ClaimsClockDependencies } from './open-claims-month';

export type { ClaimsClockDependencies } from './open-claims-month';

/** Builds the claims activities; without `clock`, services are recorded and no clock starts. */
export function createClaimsActivities(pool: Pool, log: Logger, clock?: ClaimsClockDependencies) {
  return {
    openClaimsMonth: (input: ClaimsMonthInput): Promise<void> => openClaimsMonth(clock, log, input),
    recordClaimsMonth: (record: ClaimsMonthRecord & { readonly event: string }): Promise<void> => recordClaimsMonth(pool, record),
    escalateClaimsBreach: (record: ClaimsMonthRecord): Promise<void> => escalateClaimsBreach(pool, log, record),
    withdrawClaimsEscalation: (record: ClaimsMonthRecord): Promise<void> => withdrawClaimsEscalation(pool, log, record),
  };
}
