/**
 * `GET /v1/members/:memberId/contact` (issue 14 §2): the member's name, phone, address, language,
 * contact preferences and authorized representative (Guide §8.1, §8.6). Only the member's plan and
 * assigned provider reach this handler (ops 403, anyone else 404, both in the access guard), and
 * the guard writes the PHI read to the audit trail before it happens.
 */
import type { RequestHandler } from 'express';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { memberIdParam } from '../../validation';
import { memberContact } from './contact-records';

export function getMemberContact({ pool }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const memberId = memberIdParam(req);
    const contact = await memberContact(pool, memberId);
    if (!contact) throw new ApiError(ApiErrorCode.MemberNotFound, `no journey exists for member ${memberId}`);
    res.setHeader('Cache-Control', 'no-store').json({ memberId, ...contact });
  };
}
