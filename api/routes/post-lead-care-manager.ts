/** `POST /v1/members/:memberId/lead-care-manager`: the provider names the Lead Care Manager. */
import { z } from 'zod';
import { caseloadReservationKey } from '../../src/core/domain/actions';
import { nameLeadCareManagerUpdate } from '../../src/contracts/member-journey';
import type { RouteDependencies } from '../dependencies';
import { instantSchema } from '../timestamp';
import { journeyActionRoute } from './journey-action';
import { text } from '../text';
import { ApiError, ApiErrorCode } from '../problem';
import { ReservationKeyConflictError } from '../../src/infra/caseload';

/** The naming body. */
export const leadCareManagerBody = z.strictObject({
  careManagerId: text({ max: 64 }),
  at: instantSchema,
});

/**
 * Meets R-LCM-72H; the journey moves to OUTREACH. The Lead Care Manager's caseload slot is
 * reserved first (R-CASELOAD-50, R-ONE-LCM), so a full caseload is refused before the journey
 * sees the request, and a naming the journey refuses gives its slot back.
 */
export const postLeadCareManager = (deps: RouteDependencies) =>
  journeyActionRoute(
    deps,
    'lead-care-manager',
    leadCareManagerBody,
    nameLeadCareManagerUpdate,
    (body, actionKey) => ({ actionKey, careManagerId: body.careManagerId, at: body.at }),
    async (memberId, input) => {
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
    },
  );

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
