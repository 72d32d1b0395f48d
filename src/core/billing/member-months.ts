/**
 * A provider's month from the care record's services (ecm_services): each member-month judged
 * under R-PAY-6U by the same rule the journey uses, and each payable one's claim lines — one line
 * per HCPCS code, modifiers and place of service, with the units and dates that count.
 */
import { claimCodeOf, placeOfServiceOf, type CodingTable } from './claim-coding';
import { isAuthorizedOn, judgeServiceMonth, monthsOfDays, type DateRange, type MonthPayability } from './payable-month';
import { unitsOf, type CoreService, type UnitRounding } from './service-units';

/** One recorded service, as the care record keeps it. */
export interface RecordedService {
  readonly memberId: string;
  /** Local date `YYYY-MM-DD` in the plan's zone. */
  readonly date: string;
  readonly minutes: number;
  readonly service: CoreService;
  readonly inPerson: boolean;
  readonly placeOfService: string | null;
}

/** R-PAY-6U: a member-month of one provider, judged. */
export interface MemberMonth extends MonthPayability {
  readonly memberId: string;
}

/** One claim line of a payable member-month. */
export interface ClaimLine {
  readonly memberId: string;
  readonly hcpcs: string;
  readonly modifiers: readonly string[];
  readonly placeOfService: string;
  readonly units: number;
  readonly serviceDates: readonly string[];
}

/** How the plan bills: its rounding and coding table. */
export interface BillingRules {
  readonly unitRounding: UnitRounding;
  readonly coding: CodingTable;
}

function byMember(services: readonly RecordedService[]): Map<string, RecordedService[]> {
  const out = new Map<string, RecordedService[]>();
  for (const s of services) out.set(s.memberId, [...(out.get(s.memberId) ?? []), s]);
  return new Map([...out.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/** R-PAY-6U: each member's month at the provider, with its reasons when not payable. */
export function judgeMemberMonths(
  providerId: string,
  services: readonly RecordedService[],
  periodsOf: (memberId: string) => readonly DateRange[],
  rules: BillingRules,
): MemberMonth[] {
  return [...byMember(services).entries()].flatMap(([memberId, own]) => {
    const rows = own.map((s) => {
      const units = unitsOf(s.minutes, rules.unitRounding);
      return { providerId, date: s.date, outreachUnits: s.service === 'outreach' ? units : 0, serviceUnits: s.service === 'outreach' ? 0 : units };
    });
    return monthsOfDays(rows).map((m) => ({ memberId, ...judgeServiceMonth(m, periodsOf(memberId)) }));
  });
}

/**
 * The claim lines of the payable member-months: the units that count (outreach only on authorized
 * dates, R-PAY-6U), grouped by code and place of service; a service of 0 units adds no line.
 */
export function claimLinesOf(
  months: readonly MemberMonth[],
  services: readonly RecordedService[],
  periodsOf: (memberId: string) => readonly DateRange[],
  rules: BillingRules,
): ClaimLine[] {
  const payable = new Set(months.filter((m) => m.payable).map((m) => m.memberId));
  const lines = new Map<string, { memberId: string; hcpcs: string; modifiers: readonly string[]; placeOfService: string; units: number; dates: Set<string> }>();
  for (const s of services) {
    if (!payable.has(s.memberId)) continue;
    if (s.service === 'outreach' && !isAuthorizedOn(s.date, periodsOf(s.memberId))) continue;
    const units = unitsOf(s.minutes, rules.unitRounding);
    if (units === 0) continue;
    const setting = s.inPerson ? 'in_person' : 'remote';
    const code = claimCodeOf(rules.coding, s.service, setting);
    const placeOfService = placeOfServiceOf(setting, s.placeOfService ?? undefined);
    const key = [s.memberId, code.hcpcs, code.modifiers.join(':'), placeOfService].join('|');
    const line = lines.get(key) ?? { memberId: s.memberId, hcpcs: code.hcpcs, modifiers: code.modifiers, placeOfService, units: 0, dates: new Set<string>() };
    line.units += units;
    line.dates.add(s.date);
    lines.set(key, line);
  }
  return [...lines.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, l]) => ({ memberId: l.memberId, hcpcs: l.hcpcs, modifiers: l.modifiers, placeOfService: l.placeOfService, units: l.units, serviceDates: [...l.dates].sort() }));
}
