/**
 * The worklist's one query, on the care record only: deadlines still to act on (open, or breached
 * with the act still missing) of the caller's members' current journeys, in due order, keyset-
 * paged. Status is decided in SQL from one due-soon horizon per plan and rule, so filtering by
 * status and paging stay exact. Served by deadlines_worklist_idx (read in order, stopped at the
 * page's end).
 */
import type { Pool } from 'pg';
import type { PlanPolicies } from '../../../src/core/plan-policies';
import { resolvePlanPolicy } from '../../../src/core/plan-policies';
import { DEADLINE_RULES, type DeadlineRuleId } from '../../../src/core/domain/rules';
import { dueSoonHorizon, dueSoonLeadOf } from '../../../src/core/domain/due-soon';
import type { WorklistPosition } from './worklist-cursor';

/** The statuses of a worklist item. */
export const WORKLIST_STATUSES = ['overdue', 'due_soon', 'open'] as const;
export type WorklistStatus = (typeof WORKLIST_STATUSES)[number];

/** Who sees what: a plan all its members' items; a provider (or one Lead Care Manager) its members' items it or its staff must act on. */
export interface WorklistScope {
  readonly plan?: string;
  readonly provider?: string;
  readonly leadCareManager?: string;
  /** Responsible parties the caller sees; undefined: all. */
  readonly parties?: readonly string[];
}

/** Filters the caller chose, within its scope. */
export interface WorklistFilters {
  readonly rule?: string;
  readonly status?: WorklistStatus;
  readonly dueBeforeMs?: number;
}

/** One row. */
export interface WorklistRow {
  referral_key: string;
  deadline_key: string;
  rule: string;
  party: string;
  due_at: Date;
  item_status: WorklistStatus;
  member_id: string;
  plan: string;
  stage: string;
  provider_id: string | null;
  care_manager_id: string | null;
  pending_tasks: string[] | null;
}

/**
 * R-TCS-30D is a minimum length of transitional care, met by time passing: nobody acts on it, so
 * it is no one's work. Its tasks appear under R-TCS-24H (contact) and R-TCS-7D (the rest).
 */
const NOT_WORK = ['R-TCS-30D'];

/** One horizon per configured plan and rule, and the default policy's under plan ''. */
function horizons(plans: PlanPolicies, nowMs: number): { plans: string[]; rules: string[]; at: Date[] } {
  const out = { plans: [] as string[], rules: [] as string[], at: [] as Date[] };
  for (const plan of ['', ...Object.keys(plans)]) {
    const policy = resolvePlanPolicy(plans, plan);
    for (const rule of Object.keys(DEADLINE_RULES) as DeadlineRuleId[]) {
      out.plans.push(plan);
      out.rules.push(rule);
      out.at.push(new Date(dueSoonHorizon(dueSoonLeadOf(policy, rule), nowMs, policy.calendar)));
    }
  }
  return out;
}

/**
 * The due instants a status can have, as a range the index can seek (the CASE alone it cannot):
 * overdue is due by now (a breach fires at its due instant), due soon between now and the
 * farthest horizon, open after the nearest horizon.
 */
function statusBounds(status: WorklistStatus | undefined, nowMs: number, at: readonly Date[]): [Date | null, Date | null] {
  const ms = at.map((d) => d.getTime());
  if (status === 'overdue') return [null, new Date(nowMs)];
  if (status === 'due_soon') return [new Date(nowMs), new Date(Math.max(...ms))];
  if (status === 'open') return [new Date(Math.min(...ms)), null];
  return [null, null];
}

const STATUS = `CASE WHEN d.status = 'breached' OR d.due_at < $4 THEN 'overdue'
                     WHEN d.due_at <= coalesce(hp.horizon, hd.horizon) THEN 'due_soon' ELSE 'open' END`;

/** One page (limit + 1 rows, to tell whether another follows). */
export async function queryWorklist(pool: Pool, plans: PlanPolicies, nowMs: number, scope: WorklistScope, filters: WorklistFilters, limit: number, after?: WorklistPosition): Promise<WorklistRow[]> {
  const h = horizons(plans, nowMs);
  const { rows } = await pool.query<WorklistRow>(
    `WITH horizons AS (SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS h (plan, rule, horizon))
     SELECT d.referral_key, d.deadline_key, d.rule, d.party, d.due_at, ${STATUS} AS item_status,
            mj.member_id, mj.plan, mj.stage, mj.provider_id, mj.care_manager_id, tc.tasks AS pending_tasks
       FROM deadlines d
       JOIN member_journeys mj ON mj.referral_key = d.referral_key AND NOT mj.ended
       LEFT JOIN horizons hp ON hp.plan = mj.plan AND hp.rule = d.rule
       LEFT JOIN horizons hd ON hd.plan = '' AND hd.rule = d.rule
       LEFT JOIN LATERAL (
         SELECT array_agg(t.task ORDER BY t.task) AS tasks FROM transitional_care_tasks t
          WHERE d.rule IN ('R-TCS-24H', 'R-TCS-7D') AND t.episode_key = split_part(d.deadline_key, '/', 1) AND t.status = 'pending'
            AND (d.rule = 'R-TCS-24H') = (t.task = 'facility_and_member_contacted')
       ) tc ON true
      WHERE (d.status = 'open' OR (d.status = 'breached' AND d.fulfilled_at IS NULL AND d.closed_without_act IS NULL))
        AND d.rule <> ALL ($5::text[])
        AND ($6::text IS NULL OR mj.plan = $6)
        AND ($7::text IS NULL OR mj.provider_id = $7)
        AND ($8::text IS NULL OR mj.care_manager_id = $8)
        AND ($9::text[] IS NULL OR d.party = ANY ($9))
        AND ($10::text IS NULL OR d.rule = $10)
        AND ($11::timestamptz IS NULL OR d.due_at < $11)
        AND ($12::text IS NULL OR ${STATUS} = $12)
        AND ($17::timestamptz IS NULL OR d.due_at >= $17) AND ($18::timestamptz IS NULL OR d.due_at <= $18)
        ${after ? 'AND (d.due_at, d.referral_key, d.deadline_key) > ($13::timestamptz, $14::text, $15::text)' : 'AND $13::timestamptz IS NULL AND $14::text IS NULL AND $15::text IS NULL'}
      ORDER BY d.due_at, d.referral_key, d.deadline_key
      LIMIT $16`,
    [
      h.plans, h.rules, h.at, new Date(nowMs), NOT_WORK,
      scope.plan ?? null, scope.provider ?? null, scope.leadCareManager ?? null, scope.parties ?? null,
      filters.rule ?? null, filters.dueBeforeMs === undefined ? null : new Date(filters.dueBeforeMs), filters.status ?? null,
      after ? new Date(after.dueMs) : null, after?.referralKey ?? null, after?.deadlineKey ?? null,
      limit + 1,
      ...statusBounds(filters.status, nowMs, h.at),
    ],
  );
  return rows;
}
