/**
 * `POST /v1/members/search` (issue 14 §2): finds a member by CIN or by the plan's referral ID.
 * The identifiers travel in the body, never in a URL (URLs reach logs and proxies). A CIN is found
 * without reading CINs: the member ID is the keyed hash of plan + CIN, derived here as at intake.
 * Answers only members the caller may see, as any list does; the search is audited, naming them.
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { deriveMemberId, ORGANISATION_CODE_PATTERN } from '../../../src/infra/identity';
import { appendAudit } from '../../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../../auth/caller';
import { canSee, memberParties } from '../../auth/member-visibility';
import type { RouteDependencies } from '../../dependencies';
import { safeString, text } from '../../text';
import { parseBody } from '../../validation';

export const memberSearchBody = z
  .strictObject({
    plan: safeString().regex(ORGANISATION_CODE_PATTERN, 'a plan code: letters, digits, "_", "." or "-"'),
    cin: safeString().trim().regex(/^[0-9A-Za-z]{8,14}$/, 'a Medi-Cal CIN: 8 to 14 letters and digits').optional(),
    referralId: text({ max: 128 }).optional(),
  })
  .refine((b) => (b.cin === undefined) !== (b.referralId === undefined), { message: 'give exactly one of cin, referralId' });

export function searchMembers({ pool, config }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const body = parseBody(memberSearchBody, req);
    const principal = callerOf(res);
    let memberId: string | undefined;
    if (body.cin !== undefined) {
      memberId = deriveMemberId(config.memberIdKey, body.plan, body.cin);
    } else {
      const { rows } = await pool.query<{ member_id: string }>('SELECT member_id FROM referrals WHERE plan = $1 AND referral_id = $2', [body.plan, body.referralId]);
      memberId = rows[0]?.member_id;
    }
    const parties = memberId ? await memberParties(pool, memberId) : undefined;
    const visible = memberId && parties && canSee(principal, parties) ? memberId : undefined;
    // Audited whatever it found: who looked for a member is itself a fact of the trail.
    await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, memberIds: visible ? [visible] : [], action: 'searchMembers', outcome: 'allowed' });
    if (!visible) {
      res.json({ members: [] });
      return;
    }
    const { rows } = await pool.query<{ stage: string; ended: boolean }>('SELECT stage, ended FROM member_journeys WHERE member_id = $1 ORDER BY received_at DESC, referral_key LIMIT 1', [visible]);
    res.json({
      members: [{
        memberId: visible,
        plan: parties!.plan,
        stage: rows[0]?.stage,
        ended: rows[0]?.ended ?? false,
        ...(parties!.providerId ? { providerId: parties!.providerId } : {}),
        ...(parties!.careManagerId ? { leadCareManagerId: parties!.careManagerId } : {}),
        links: { journey: `/v1/members/${visible}`, contact: `/v1/members/${visible}/contact` },
      }],
    });
  };
}
