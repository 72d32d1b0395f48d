import type { Pool } from 'pg';
import type { PlanReport } from './types';

/**
 * R-UNREACHABLE: queues the outcome of outreach for the plan, once per event of the journey.
 * The report key is unique within its journey (referral_key, report_key), not globally: an event
 * key made from route + body does not name the member, so two members closed with byte-identical
 * bodies share it, and the plan must still hear of both.
 */
export async function reportToPlan(pool: Pool, report: PlanReport): Promise<void> {
  await pool.query(
    `INSERT INTO plan_reports (report_key, member_id, referral_key, plan, report, outcome, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (referral_key, report_key) DO NOTHING`,
    [report.reportKey, report.memberId, report.referralKey, report.plan, report.report, report.outcome, report.at],
  );
}
