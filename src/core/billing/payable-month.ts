/**
 * R-PAY-6U (CalOptima FAQ Q16): a member-month is payable only with at least 6 units of ECM
 * service; outreach units count only on dates the member was authorized. The same judgement reads
 * the journey's member-months (the member's state) and the care record's services (claims lists).
 */
import type { ServiceDay, ServiceMonth } from './service-month';

/** R-PAY-6U: the units a month needs. */
export const PAYABLE_MONTH_UNITS = 6;

/** Why a month is not payable (machine-readable). */
export type NotPayableReason = 'fewer_than_6_units';

/** An inclusive range of local dates, e.g. an authorization period (R-AUTH-12M, R-REAUTH-6M). */
export interface DateRange {
  readonly start: string;
  readonly end: string;
}

/** A member-month judged under R-PAY-6U. */
export interface MonthPayability {
  readonly month: string;
  readonly providerId: string;
  /** Units that count: every non-outreach unit and the outreach units on authorized dates. */
  readonly units: number;
  readonly outreachUnits: number;
  /** Outreach units on dates outside every authorization period: kept, never counted. */
  readonly outreachUnitsNotAuthorized: number;
  readonly payable: boolean;
  readonly reasons: readonly { readonly code: NotPayableReason; readonly message: string }[];
  /** The local dates with counted units: the claim line's service dates. */
  readonly serviceDates: readonly string[];
}

/** True when the local date lies inside one of the periods (ISO dates compare as strings). */
export function isAuthorizedOn(date: string, periods: readonly DateRange[]): boolean {
  return periods.some((p) => p.start <= date && date <= p.end);
}

/**
 * R-PAY-6U: one member-month's units and whether it is payable. Outreach on a date before the
 * first period, or after a period that lapsed (R-AUTH-LAPSE) and before the next, does not count.
 */
export function judgeServiceMonth(month: ServiceMonth, periods: readonly DateRange[]): MonthPayability {
  let units = 0;
  let outreachUnits = 0;
  let outreachUnitsNotAuthorized = 0;
  const serviceDates: string[] = [];
  for (const day of month.days) {
    const authorized = isAuthorizedOn(day.date, periods);
    const counted = day.serviceUnits + (authorized ? day.outreachUnits : 0);
    if (authorized) outreachUnits += day.outreachUnits;
    else outreachUnitsNotAuthorized += day.outreachUnits;
    units += counted;
    if (counted > 0) serviceDates.push(day.date);
  }
  const payable = units >= PAYABLE_MONTH_UNITS;
  return {
    month: month.month,
    providerId: month.providerId,
    units,
    outreachUnits,
    outreachUnitsNotAuthorized,
    payable,
    reasons: payable ? [] : [{ code: 'fewer_than_6_units', message: `${units} of the ${PAYABLE_MONTH_UNITS} units a payable month needs` }],
    serviceDates,
  };
}

/** The months of services given one by one (the care record's rows), grouped as the journey keeps them. */
export function monthsOfDays(rows: readonly (ServiceDay & { readonly providerId: string })[]): ServiceMonth[] {
  const byKey = new Map<string, { month: string; providerId: string; days: Map<string, ServiceDay> }>();
  for (const r of rows) {
    const month = r.date.slice(0, 7);
    const key = `${month}|${r.providerId}`;
    const entry = byKey.get(key) ?? { month, providerId: r.providerId, days: new Map<string, ServiceDay>() };
    const day = entry.days.get(r.date) ?? { date: r.date, outreachUnits: 0, serviceUnits: 0 };
    entry.days.set(r.date, { date: r.date, outreachUnits: day.outreachUnits + r.outreachUnits, serviceUnits: day.serviceUnits + r.serviceUnits });
    byKey.set(key, entry);
  }
  return [...byKey.values()].map((e) => ({ month: e.month, providerId: e.providerId, days: [...e.days.values()].sort((a, b) => a.date.localeCompare(b.date)) }));
}
