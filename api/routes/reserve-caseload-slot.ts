/**
 * R-CASELOAD-50, R-ONE-LCM: the Lead Care Manager's caseload slot is reserved before the journey
 * sees the naming, so a full caseload is refused first, and a naming the journey refuses gives its
 * slot back.
 */
import { caseloadReservationKey, type LeadCareManagerInput } from '../../src/core/domain/actions';
import { ReservationKeyConflictError } from '../../src/infra/caseload';
import type { RouteDependencies } from '../dependencies';
import { ApiError, ApiErrorCode } from '../problem';
import type { Reservation } from './act-on-journey';

export function reserveCaseloadSlot(deps: RouteDependencies): Reservation {
  return async (memberId, given) => {
    const input = given as LeadCareManagerInput;
    const journey = await deps.journeys.state(memberId);
    const reservationKey = caseloadReservationKey(memberId, input.actionKey);
    const outcome = await reserveOrRefuse(() => deps.caseloads.reserve({
      reservationKey,
      memberId,
      careManagerId: input.careManagerId,
      plan: journey.plan,
      providerId: journey.assignment?.providerId ?? 'unassigned',
      at: input.at,
    }));
    if (!outcome.ok) {
      throw new ApiError(
        ApiErrorCode.CaseloadFull,
        `Lead Care Manager ${input.careManagerId} already serves ${outcome.caseload} members, the most allowed across all plans (R-CASELOAD-50)`,
        { caseload: outcome.caseload, limit: outcome.limit },
      );
    }
    return () => deps.caseloads.cancel(reservationKey);
  };
}

/** The same idempotency key used for a naming of someone else is a reused key, not a new naming. */
async function reserveOrRefuse<T>(reserve: () => Promise<T>): Promise<T> {
  try {
    return await reserve();
  } catch (err) {
    if (err instanceof ReservationKeyConflictError) {
      throw new ApiError(ApiErrorCode.IdempotencyKeyReused, 'the idempotency key was already used to name a different Lead Care Manager');
    }
    throw err;
  }
}
