/**
 * The journey's small record of service time: per member-month and provider, units per local date
 * (at most 31 entries a month), never the services themselves (the care record keeps those rows).
 * Dates are kept because R-PAY-6U asks whether each date was inside an authorization period, and
 * a reauthorization decided late can cover dates that were outside one when the service was logged.
 */

/** Units of one local date (plan zone). */
export interface ServiceDay {
  readonly date: string;
  readonly outreachUnits: number;
  readonly serviceUnits: number;
}

/** One member-month at one provider. */
export interface ServiceMonth {
  /** `YYYY-MM` in the plan's zone. */
  readonly month: string;
  readonly providerId: string;
  readonly days: readonly ServiceDay[];
}

/** How many member-months the journey keeps: the claims clock (R-CLAIMS-60D) runs ~3 months; a year covers late adjustments. */
export const SERVICE_MONTHS_KEPT = 13;

/** One service's units, to add to its member-month. */
export interface ServiceUnits {
  readonly providerId: string;
  /** Local date `YYYY-MM-DD` in the plan's zone. */
  readonly date: string;
  readonly outreach: boolean;
  readonly units: number;
}

/** The months with one service's units added; the newest {@link SERVICE_MONTHS_KEPT} months are kept, in order. */
export function withServiceUnits(months: readonly ServiceMonth[], added: ServiceUnits): ServiceMonth[] {
  const month = added.date.slice(0, 7);
  const existing = months.find((m) => m.month === month && m.providerId === added.providerId);
  const days = existing?.days ?? [];
  const day = days.find((d) => d.date === added.date) ?? { date: added.date, outreachUnits: 0, serviceUnits: 0 };
  const nextDay: ServiceDay = added.outreach
    ? { ...day, outreachUnits: day.outreachUnits + added.units }
    : { ...day, serviceUnits: day.serviceUnits + added.units };
  const nextDays = [...days.filter((d) => d.date !== added.date), nextDay].sort((a, b) => a.date.localeCompare(b.date));
  const next: ServiceMonth = { month, providerId: added.providerId, days: nextDays };
  const all = [...months.filter((m) => m !== existing), next].sort((a, b) => a.month.localeCompare(b.month) || a.providerId.localeCompare(b.providerId));
  const keptMonths = [...new Set(all.map((m) => m.month))].slice(-SERVICE_MONTHS_KEPT);
  return all.filter((m) => keptMonths.includes(m.month));
}
