/**
 * A provider's service month from the care record: its services (ecm_services), each member's
 * authorization periods (R-AUTH-12M, R-REAUTH-6M), and the CINs of the members, for claim lines.
 */
import type { Pool } from 'pg';
import type { DateRange } from '../../core/billing/payable-month';
import type { RecordedService } from '../../core/billing/member-months';
import type { CoreService } from '../../core/billing/service-units';

/** The services and periods of one plan's provider-month. */
export interface ProviderMonthRecord {
  readonly services: readonly RecordedService[];
  readonly periodsOf: (memberId: string) => readonly DateRange[];
}

/** Reads the month's services and their members' authorization periods. */
export async function providerMonthOf(pool: Pool, plan: string, providerId: string, month: string): Promise<ProviderMonthRecord> {
  const { rows } = await pool.query<{ member_id: string; date: string; minutes: number; service: CoreService; in_person: boolean; place_of_service: string | null }>(
    `SELECT member_id, to_char(service_date, 'YYYY-MM-DD') AS date, minutes, service, in_person, place_of_service
       FROM ecm_services WHERE plan = $1 AND provider_id = $2 AND service_month = $3
      ORDER BY member_id, service_date, at, event_key`,
    [plan, providerId, month],
  );
  const memberIds = [...new Set(rows.map((r) => r.member_id))];
  const periods = await pool.query<{ member_id: string; start: string; end: string }>(
    `SELECT member_id, to_char(start_date, 'YYYY-MM-DD') AS start, to_char(end_date, 'YYYY-MM-DD') AS "end"
       FROM authorization_periods WHERE member_id = ANY($1::text[]) ORDER BY member_id, start_date`,
    [memberIds],
  );
  const byMember = new Map<string, DateRange[]>();
  for (const p of periods.rows) byMember.set(p.member_id, [...(byMember.get(p.member_id) ?? []), { start: p.start, end: p.end }]);
  return {
    services: rows.map((r) => ({ memberId: r.member_id, date: r.date, minutes: r.minutes, service: r.service, inPerson: r.in_person, placeOfService: r.place_of_service })),
    periodsOf: (memberId) => byMember.get(memberId) ?? [],
  };
}

/** The CINs of members (PHI: for claim lines only, their read audited by the caller). */
export async function cinsOf(pool: Pool, memberIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
  const { rows } = await pool.query<{ member_id: string; cin: string }>('SELECT member_id, cin FROM members WHERE member_id = ANY($1::text[])', [memberIds]);
  return new Map(rows.map((r) => [r.member_id, r.cin]));
}

/** The plans whose members the provider served in the month (a plan sees only its own). */
export async function plansServedBy(pool: Pool, providerId: string, month: string): Promise<readonly string[]> {
  const { rows } = await pool.query<{ plan: string }>('SELECT DISTINCT plan FROM ecm_services WHERE provider_id = $1 AND service_month = $2 ORDER BY plan', [providerId, month]);
  return rows.map((r) => r.plan);
}
