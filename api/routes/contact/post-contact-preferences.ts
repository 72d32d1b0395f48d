/**
 * `POST /v1/members/:memberId/contact-preferences` (issue 14 §2): the member's assigned provider
 * records contact preferences (Guide §8.1), the authorized representative (§8.6) and the data-
 * sharing authorization (§8.1.2), with who recorded them and when. A recording, not an action on
 * the journey: it goes to the care record only. Idempotent by `Idempotency-Key` (or, without one,
 * the body): a repeat answers the first recording; the same key with another body is refused 422.
 */
import type { RequestHandler } from 'express';
import { CLOCK_SKEW_ALLOWANCE_MS } from '../../../src/core/domain/actions';
import { fingerprint } from '../../../src/infra/identity';
import { callerOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { memberIdParam, parseBody } from '../../validation';
import { contactPreferencesBody } from './contact-schema';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export function postContactPreferences({ pool, config, clock }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const memberId = memberIdParam(req);
    const body = parseBody(contactPreferencesBody, req);
    const principal = callerOf(res);
    if (Date.parse(body.at) > (await clock()) + CLOCK_SKEW_ALLOWANCE_MS) {
      throw new ApiError(ApiErrorCode.TimestampInFuture, 'at is in the future');
    }
    const header = req.get('Idempotency-Key');
    if (header !== undefined && !IDEMPOTENCY_KEY.test(header)) {
      throw new ApiError(ApiErrorCode.InvalidBody, 'Idempotency-Key must be 8 to 128 letters, digits, "_", ".", ":" or "-"', { errors: [{ path: 'Idempotency-Key', message: 'invalid header' }] });
    }
    const print = fingerprint(config.memberIdKey, { action: 'contact-preferences', body });
    const recordKey = header ?? `auto:${print}`;
    const stamp = { at: body.at };
    await pool.query(
      `INSERT INTO member_contact_records (member_id, record_key, preferences, authorized_representative, data_sharing, fingerprint, recorded_by, recorded_by_org)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (member_id, record_key) DO NOTHING`,
      [
        memberId, recordKey,
        body.preferences ? { ...body.preferences, ...stamp } : null,
        // Wrapped, so "no representative any more" (null) is told apart from "not recorded here".
        body.authorizedRepresentative === undefined ? null : { value: body.authorizedRepresentative && { ...body.authorizedRepresentative, ...stamp } },
        body.dataSharing ? { ...body.dataSharing, ...stamp } : null,
        print, principal.subject, principal.organisation,
      ],
    );
    const { rows } = await pool.query<{ fingerprint: string; recorded_by: string; recorded_by_org: string; recorded_at: Date }>(
      'SELECT fingerprint, recorded_by, recorded_by_org, recorded_at FROM member_contact_records WHERE member_id = $1 AND record_key = $2',
      [memberId, recordKey],
    );
    const recorded = rows[0]!;
    if (recorded.fingerprint !== print) throw new ApiError(ApiErrorCode.IdempotencyKeyReused, 'this Idempotency-Key was used for another recording');
    res.json({
      memberId,
      recorded: { at: body.at, recordedBy: recorded.recorded_by, recordedByOrganisation: recorded.recorded_by_org, recordedAt: recorded.recorded_at.toISOString() },
      links: { contact: `/v1/members/${memberId}/contact` },
    });
  };
}
