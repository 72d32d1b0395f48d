/**
 * The Staffing and Capacity report's facts: each Lead Care Manager's caseload at the month's end
 * (R-CASELOAD-50: confirmed slots not released by then), for the provider. The directory's Lead
 * Care Managers without a member are rows too, with their whole capacity left.
 */

/** $1 provider, $2 month end. */
export const CAPACITY_SQL = `
SELECT c.care_manager_id, count(*)::int AS caseload
  FROM lead_care_manager_caseloads c
 WHERE c.provider_id = $1 AND c.confirmed_at IS NOT NULL AND c.assigned_at < $2
   AND (c.released_at IS NULL OR c.released_at >= $2)
 GROUP BY c.care_manager_id
 ORDER BY c.care_manager_id`;

