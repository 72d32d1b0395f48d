/**
 * The intake route's audit row, written exactly once per request (issue 16 §1). On the common path
 * it goes in the care-record statement that records the referral, so the access decision and what
 * it let in commit together in one round trip; a request refused or failed before that statement
 * appends it on its way out, before the answer, as the access guard would have.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import type { IntakeAuditRow } from '../../src/infra/care-record/intake';
import { deriveMemberId } from '../../src/infra/identity';
import { appendAudit } from '../audit/audit-trail';
import { callerOf, clientRequestIdOf, requestIdOf } from '../auth/caller';

/** The request's audit row (of the member the referral names), for the statement that writes it, which says when it has. */
export interface IntakeAudit {
  readonly row: IntakeAuditRow;
  /** Called once the row is committed. */
  recorded(): void;
}

const ACTION = 'createReferral';

/** The member a referral body names, derived as intake derives it, when the body names one. */
function memberNamed(req: Request, memberIdKey: string): string | undefined {
  const body = req.body as { plan?: unknown; member?: { cin?: unknown } } | undefined;
  const plan = body?.plan;
  const cin = body?.member?.cin;
  return typeof plan === 'string' && typeof cin === 'string' ? deriveMemberId(memberIdKey, plan, cin.trim()) : undefined;
}

/** Runs the route with its audit row; whatever way it ends, the row exists before the answer. */
export function auditedOnce(pool: Pool, memberIdKey: string, route: (req: Request, res: Response, audit: IntakeAudit) => Promise<void>): RequestHandler {
  return async (req, res) => {
    const principal = callerOf(res);
    let written = false;
    const audit: IntakeAudit = {
      row: { requestId: requestIdOf(res), ...clientRequestIdOf(res), actorId: principal.subject, actorRole: principal.role, actorOrg: principal.organisation, action: ACTION },
      recorded: () => {
        written = true;
      },
    };
    try {
      await route(req, res, audit);
    } catch (err) {
      if (!written) {
        const memberId = memberNamed(req, memberIdKey);
        await appendAudit(pool, { requestId: requestIdOf(res), ...clientRequestIdOf(res), principal, memberIds: memberId ? [memberId] : [], action: ACTION, outcome: 'allowed' });
      }
      throw err;
    }
  };
}
