/**
 * The Staffing and Capacity rows: each Lead Care Manager (the directory's, and any with members
 * the directory does not list) with caseload, R-CASELOAD-50's limit and the capacity left, then
 * the provider's total.
 */
import type { ProviderEntry } from '../../core/provider-directory';
import type { CapacityField, ReportRecord } from '../../core/reports/report-columns';
import { CASELOAD_LIMIT } from '../caseload/caseload-store';

/** The rows, Lead Care Managers by ID, the total last. */
export function capacityRecords(rows: readonly { readonly care_manager_id: string; readonly caseload: number }[], provider: ProviderEntry | undefined, period: string): ReportRecord<CapacityField>[] {
  const caseloads = new Map(rows.map((r) => [r.care_manager_id, r.caseload]));
  const ids = [...new Set([...Object.keys(provider?.leadCareManagers ?? {}), ...caseloads.keys()])].sort();
  const base = { providerName: provider?.name ?? '', providerNpi: provider?.npi ?? '', providerTin: provider?.tin ?? '', reportingPeriod: period };
  // R-CASELOAD-50: each Lead Care Manager carries at most 50 members.
  const records = ids.map((id) => {
    const lcm = provider?.leadCareManagers[id];
    const caseload = caseloads.get(id) ?? 0;
    return {
      ...base, rowType: 'LEAD_CARE_MANAGER', leadCareManagerId: id,
      leadCareManagerName: lcm?.name ?? '', leadCareManagerPhone: lcm?.phone ?? '', leadCareManagerEmail: lcm?.email ?? '',
      caseload: String(caseload), caseloadLimit: String(CASELOAD_LIMIT), capacityLeft: String(Math.max(0, CASELOAD_LIMIT - caseload)),
    };
  });
  const total = records.reduce((sum, r) => sum + Number(r.caseload), 0);
  const limit = ids.length * CASELOAD_LIMIT;
  records.push({
    ...base, rowType: 'PROVIDER_TOTAL', leadCareManagerId: '', leadCareManagerName: '', leadCareManagerPhone: '', leadCareManagerEmail: '',
    caseload: String(total), caseloadLimit: String(limit), capacityLeft: String(records.reduce((sum, r) => sum + Number(r.capacityLeft), 0)),
  });
  return records;
}
