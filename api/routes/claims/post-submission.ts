/**
 * `POST /v1/claims/submissions` (R-CLAIMS-60D): a provider marks a batch of its month's claims
 * submitted. The provider-month's clock (started by the month's first service) takes the batch as
 * an Update, idempotent by batch ID and Idempotency-Key; one claim per member-month is written to
 * the care record for the plan to adjudicate (R-PAY-TIMELY). A member-month the provider did not
 * serve, or a month without a running clock, answers 404, audited as a denial.
 */
import type { RequestHandler } from 'express';
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { appendAudit } from '../../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { actionKeyOf } from '../../idempotency-key';
import { ApiError, ApiErrorCode } from '../../problem';
import { parseBody } from '../../validation';
import { claimsSubmissionBody, type ClaimsSubmissionBody } from './claims-schema';

/** A claim's ID: a hash of plan, provider, month and member, so it names no member. */
export function claimIdOf(plan: string, providerId: string, month: string, memberId: string): string {
  return `clm_${createHash('sha256').update([plan, providerId, month, memberId].join('\u0000')).digest('hex').slice(0, 32)}`;
}

async function servedMembers(pool: Pool, providerId: string, body: ClaimsSubmissionBody): Promise<Set<string>> {
  const { rows } = await pool.query<{ member_id: string }>(
    'SELECT DISTINCT member_id FROM ecm_services WHERE plan = $1 AND provider_id = $2 AND service_month = $3 AND member_id = ANY($4::text[])',
    [body.plan, providerId, body.month, body.memberIds],
  );
  return new Set(rows.map((r) => r.member_id));
}

/** One claim per member-month; a member-month already claimed keeps its first claim. */
async function recordClaims(pool: Pool, providerId: string, body: ClaimsSubmissionBody, submittedBy: string): Promise<string[]> {
  const memberIds = [...new Set(body.memberIds)].sort();
  const claimIds = memberIds.map((m) => claimIdOf(body.plan, providerId, body.month, m));
  await pool.query(
    `INSERT INTO claims (claim_id, plan, provider_id, service_month, member_id, batch_id, submitted_at, submitted_by)
     SELECT c, $2, $3, $4, m, $5, $6, $7 FROM unnest($1::text[], $8::text[]) AS t(c, m)
     ON CONFLICT (plan, provider_id, service_month, member_id) DO NOTHING`,
    [claimIds, body.plan, providerId, body.month, body.batchId, body.submittedAt, submittedBy, memberIds],
  );
  return claimIds;
}

/** The handler. */
export function postClaimsSubmission(deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const body = parseBody(claimsSubmissionBody, req);
    const principal = callerOf(res);
    const providerId = principal.organisation;
    const audit = { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, action: 'submitClaims' };
    const served = await servedMembers(deps.pool, providerId, body);
    const notServed = body.memberIds.filter((m) => !served.has(m));
    const notFound = async (detail: string): Promise<never> => {
      await appendAudit(deps.pool, { ...audit, memberIds: [...served], outcome: 'denied', reason: ApiErrorCode.NotFound });
      throw new ApiError(ApiErrorCode.NotFound, detail);
    };
    if (notServed.length > 0) await notFound(`${notServed.length} of the member-months were not served by ${providerId} in ${body.month}`);
    const updateId = `claims:${actionKeyOf(req, 'submitClaims', body, deps.config.memberIdKey)}`;
    const month = { plan: body.plan, providerId, month: body.month };
    const state = await deps.journeys.submitClaims(month, { batchId: body.batchId, submittedAt: body.submittedAt, memberIds: [...served].sort() }, updateId);
    if (!state) await notFound(`no open claims month for ${providerId} in ${body.month}`);
    await appendAudit(deps.pool, { ...audit, memberIds: [...served], outcome: 'allowed' });
    const claimIds = await recordClaims(deps.pool, providerId, body, principal.subject);
    res.status(200).json({ plan: body.plan, providerId, month: body.month, batchId: body.batchId, claimIds, deadline: state!.deadline, batches: state!.batches });
  };
}
