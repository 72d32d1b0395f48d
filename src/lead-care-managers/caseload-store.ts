import type { Pool } from 'pg';
import { cancelCaseloadReservation, reserveCaseloadSlot } from './caseload';

/** The caseload operations the API needs, bound to a pool. */
export function createCaseloadStore(pool: Pool) {
  return {
    reserve: (reservation: Parameters<typeof reserveCaseloadSlot>[1]) => reserveCaseloadSlot(pool, reservation),
    cancel: (reservationKey: string) => cancelCaseloadReservation(pool, reservationKey),
  };
}
