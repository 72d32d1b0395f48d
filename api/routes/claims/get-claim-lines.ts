/**
 * `GET /v1/claims?provider=&month=YYYY-MM[&plan=][&format=claims|invoice][&months=payable|not-payable]`:
 * a provider's month as CSV. `months=payable` (the default): one claim line per member, code,
 * modifiers and place of service of each payable member-month (R-PAY-6U), with the member's CIN,
 * the provider's NPI and TIN (ECM_PROVIDERS_FILE), the plan's coding table, units and service
 * dates; `format=invoice` gives the invoice layout README "Getting paid" documents, only where the
 * plan takes invoices. `months=not-payable` lists the other member-months apart, with their reasons.
 * CINs are PHI: every member in the answer is in the audit trail before a byte is sent.
 */
import type { RequestHandler } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { parseQuery } from '../../validation';
import { providerEntry } from '../../../src/core/provider-directory';
import { cinsOf } from '../../../src/infra/billing/provider-month';
import { claimsMonthScope } from './claims-access';
import { claimLinesQuery } from './claims-schema';
import { judgedProviderMonth } from './provider-month';

/** The claim-line columns (up to four modifiers, as an 837P service line carries). */
export const CLAIM_LINE_COLUMNS = ['member_cin', 'provider_npi', 'provider_tin', 'service_month', 'hcpcs', 'modifier_1', 'modifier_2', 'modifier_3', 'modifier_4', 'units', 'service_date_from', 'service_date_to', 'service_dates', 'place_of_service'] as const;
/** The invoice columns: the same facts with the provider named, one row per line. */
export const INVOICE_COLUMNS = ['invoice_line', 'provider_name', 'provider_npi', 'provider_tin', 'member_cin', 'service_month', 'service_date_from', 'service_date_to', 'hcpcs', 'modifiers', 'units', 'place_of_service'] as const;
/** The not-payable member-months. */
export const NOT_PAYABLE_COLUMNS = ['member_cin', 'service_month', 'units', 'outreach_units_not_authorized', 'reason_code', 'reason'] as const;

/** The handler. */
export function getClaimLines(deps: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const q = parseQuery(claimLinesQuery, req);
    const scope = await claimsMonthScope(deps, res, 'getClaimLines', q);
    const month = await judgedProviderMonth(deps, scope.plan, scope.providerId, scope.month);
    const invoice = q.format === 'invoice';
    if (invoice && !month.takesInvoices) throw new ApiError(ApiErrorCode.InvalidBody, `plan ${scope.plan} takes claims, not invoices`, { errors: [{ path: 'format', message: 'the plan takes no invoices' }] });
    const notPayable = q.months === 'not-payable';
    const provider = providerEntry(deps.config.providers ?? {}, scope.providerId);
    const memberIds = notPayable ? month.memberMonths.filter((m) => !m.payable).map((m) => m.memberId) : [...new Set(month.lines.map((l) => l.memberId))];
    const cins = await cinsOf(deps.pool, memberIds);
    await scope.audit(memberIds);
    const cin = (memberId: string) => cins.get(memberId) ?? '';
    let rows: unknown[][];
    let columns: readonly string[];
    if (notPayable) {
      columns = NOT_PAYABLE_COLUMNS;
      rows = month.memberMonths.filter((m) => !m.payable).flatMap((m) => m.reasons.map((r) => [cin(m.memberId), scope.month, m.units, m.outreachUnitsNotAuthorized, r.code, r.message]));
    } else if (invoice) {
      columns = INVOICE_COLUMNS;
      rows = month.lines.map((l, i) => [i + 1, provider?.name ?? '', provider?.npi ?? '', provider?.tin ?? '', cin(l.memberId), scope.month, l.serviceDates[0], l.serviceDates.at(-1), l.hcpcs, l.modifiers.join(' '), l.units, l.placeOfService]);
    } else {
      columns = CLAIM_LINE_COLUMNS;
      rows = month.lines.map((l) => [cin(l.memberId), provider?.npi ?? '', provider?.tin ?? '', scope.month, l.hcpcs, ...[0, 1, 2, 3].map((i) => l.modifiers[i] ?? ''), l.units, l.serviceDates[0], l.serviceDates.at(-1), l.serviceDates.join(' '), l.placeOfService]);
    }
    const kind = notPayable ? 'NOT_PAYABLE' : invoice ? 'INVOICE' : 'CLAIMS';
    res.status(200).type('text/csv; charset=utf-8').attachment(`${kind}_${provider?.npi ?? scope.providerId}_${scope.month}.csv`);
    res.send(stringify(rows, { header: true, columns: [...columns] }));
  };
}
