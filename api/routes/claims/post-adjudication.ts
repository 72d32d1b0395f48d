/**
 * `POST /v1/claims/:claimId/adjudication` (R-PAY-TIMELY): the plan marks one of its claims paid
 * or denied, with the date stamp of its receipt and the date of its payment. A claim of another
 * plan answers exactly like none (404). Repeating an answer is harmless; a later answer (a denial
 * paid on appeal) replaces the earlier one.
 */
import type { RequestHandler } from 'express';
import { appendAudit } from '../../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode, UpdateRejected } from '../../problem';
import { parseBody, safePathParam } from '../../validation';
import { JourneyErrorCode } from '../../../src/core/domain/errors';
import { CLOCK_SKEW_ALLOWANCE_MS } from '../../../src/core/domain/actions/action-support';
import { adjudicationBody } from './claims-schema';

const CLAIM_ID_PATTERN = /^clm_[0-9a-f]{32}$/;

/** The handler. */
export function postAdjudication(deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const claimId = safePathParam(req, 'claimId');
    const body = parseBody(adjudicationBody, req);
    const principal = callerOf(res);
    const audit = { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, action: 'adjudicateClaim' };
    const { rows } = CLAIM_ID_PATTERN.test(claimId)
      ? await deps.pool.query<{ member_id: string; submitted_at: Date }>('SELECT member_id, submitted_at FROM claims WHERE claim_id = $1 AND plan = $2', [claimId, principal.organisation])
      : { rows: [] };
    const claim = rows[0];
    if (!claim) {
      await appendAudit(deps.pool, { ...audit, memberIds: [], outcome: 'denied', reason: ApiErrorCode.NotFound });
      throw new ApiError(ApiErrorCode.NotFound, 'no such claim');
    }
    const nowMs = await deps.clock();
    const receivedMs = Date.parse(body.receivedAt);
    const paidMs = body.paidAt !== undefined ? Date.parse(body.paidAt) : receivedMs;
    if (Math.max(receivedMs, paidMs) > nowMs + CLOCK_SKEW_ALLOWANCE_MS) throw new UpdateRejected(JourneyErrorCode.TimestampInFuture, 'the receipt or payment date is in the future');
    if (receivedMs < claim.submitted_at.getTime()) throw new UpdateRejected(JourneyErrorCode.TimestampOutOfOrder, 'the claim was received before it was submitted');
    if (paidMs < receivedMs) throw new UpdateRejected(JourneyErrorCode.TimestampOutOfOrder, 'the claim was paid before it was received');
    await appendAudit(deps.pool, { ...audit, memberIds: [claim.member_id], outcome: 'allowed' });
    const paid = body.outcome === 'paid';
    const clean = paid ? true : (body.clean ?? false);
    await deps.pool.query(
      `UPDATE claims SET status = $2, received_at = $3, paid_at = $4, denial_reason = $5, clean = $6, adjudicated_at = now(), adjudicated_by = $7 WHERE claim_id = $1`,
      [claimId, body.outcome, body.receivedAt, body.paidAt ?? null, body.denialReason ?? null, clean, principal.subject],
    );
    res.status(200).json({ claimId, status: body.outcome, receivedAt: body.receivedAt, paidAt: body.paidAt ?? null, clean });
  };
}
