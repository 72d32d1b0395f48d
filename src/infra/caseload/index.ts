/** R-CASELOAD-50 / R-ONE-LCM: Lead Care Manager caseloads in the care record (two-phase reservations). */
export * from './caseload-store';
export * from './caseload-release';
export * from './caseload-queries';
import type { Pool } from 'pg';
import { cancelReservation, reserveLeadCareManager, type LeadCareManagerReservation } from './caseload-store';

/** The caseload operations the API needs, bound to a pool. */
export function createCaseloadStore(pool: Pool) {
  return {
    reserve: (reservation: LeadCareManagerReservation) => reserveLeadCareManager(pool, reservation),
    cancel: async (reservationKey: string): Promise<void> => {
      await cancelReservation(pool, { reservationKey });
    },
  };
}
