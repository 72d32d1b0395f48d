/**
 * Holiday rules as plain, serialisable data, and their expansion into the dates a plan observes.
 *
 * Plans store their holiday list in configuration (JSON), not code, so every rule is a small tagged
 * object and is validated when expanded.
 */

import {
  addDaysToDate,
  daysInMonth,
  formatLocalDate,
  isLocalDate,
  type LocalDate,
  WEEKDAYS,
  type Weekday,
  weekdayOf,
} from './local-date';

/** A holiday on the same month and day every year, e.g. Independence Day (July 4). */
export interface FixedDateHoliday {
  readonly kind: 'fixed';
  readonly name: string;
  /** 1–12. */
  readonly month: number;
  /** 1–31; a day missing in some years (February 29) is simply not a holiday in those years. */
  readonly day: number;
  /** Whether and where the holiday moves when it falls on a weekend; see {@link WeekendObservance}. */
  readonly observed?: WeekendObservance;
  /**
   * Older spelling of `observed: { sunday: 'monday' }`, kept because plan files and the policy
   * snapshots of running journeys carry it. It never moves a Saturday holiday.
   */
  readonly sundayToMonday?: boolean;
}

/**
 * Where a holiday that falls on a weekend is observed (Gov. Code §6701). Each side defaults to
 * `'none'`, so stored data means exactly what it says: a holiday moves only where its rule says so.
 */
export interface WeekendObservance {
  /** `'friday'`: a Saturday holiday is observed on the Friday before (Gov. Code §6701: Veterans Day). */
  readonly saturday?: 'friday' | 'none';
  /** `'monday'`: a Sunday holiday is observed on the Monday after (Gov. Code §6701). */
  readonly sunday?: 'monday' | 'none';
}

/** A holiday on the nth given weekday of a month, e.g. Thanksgiving (4th Thursday of November). */
export interface NthWeekdayHoliday {
  readonly kind: 'nth-weekday';
  readonly name: string;
  /** 1–12. */
  readonly month: number;
  readonly weekday: Weekday;
  /** 1–5 counting from the start of the month, or -1 for the last such weekday. A missing 5th is no holiday. */
  readonly n: 1 | 2 | 3 | 4 | 5 | -1;
}

/** The day after another rule's date, e.g. the Day after Thanksgiving. */
export interface DayAfterHoliday {
  readonly kind: 'day-after';
  readonly name: string;
  /**
   * `name` of the rule this follows, in the same list. Uses that rule's calendar date before any
   * weekend move, since "the day after Thanksgiving" means the day after the day itself.
   */
  readonly of: string;
  /** As for {@link FixedDateHoliday.observed}. */
  readonly observed?: WeekendObservance;
  /** As for {@link FixedDateHoliday.sundayToMonday}. */
  readonly sundayToMonday?: boolean;
}

/** A one-off closure on a single date, e.g. an office closed for a move. */
export interface OneOffClosure {
  readonly kind: 'date';
  readonly name: string;
  readonly date: LocalDate;
}

/** One holiday rule of a plan's business calendar. */
export type HolidayRule = FixedDateHoliday | NthWeekdayHoliday | DayAfterHoliday | OneOffClosure;

/** A holiday as actually observed: the date business stops, and the rule's name. */
export interface ObservedHoliday {
  readonly date: LocalDate;
  readonly name: string;
}

/** A Sunday holiday is observed the Monday after; a Saturday one is not moved (Gov. Code §6701). */
const SUNDAY_TO_MONDAY = { sunday: 'monday' } as const satisfies WeekendObservance;
/** Veterans Day alone also moves off a Saturday, to the Friday before (Gov. Code §6701). */
const VETERANS_DAY_OBSERVANCE = { saturday: 'friday', sunday: 'monday' } as const satisfies WeekendObservance;

/**
 * The 11 California state holidays (CalHR), observed as Gov. Code §6701 says. Its first paragraph
 * moves January 1, March 31, July 4, November 11 and December 25 from a Sunday to the Monday after
 * (February 12 and September 9, also listed there, are not CalHR holidays), and moves only
 * November 11 from a Saturday to the Friday before. Every other Saturday holiday stays on the
 * Saturday and costs no business day: the second paragraph only lets a county choose another day
 * for its own employees, and state employees get holiday credit instead (CalHR). The Monday and
 * Thursday holidays and the Day after Thanksgiving never fall on a weekend.
 */
export const CALIFORNIA_STATE_HOLIDAYS = [
  { kind: 'fixed', name: "New Year's Day", month: 1, day: 1, observed: SUNDAY_TO_MONDAY },
  { kind: 'nth-weekday', name: 'Martin Luther King Jr. Day', month: 1, weekday: 'monday', n: 3 },
  { kind: 'nth-weekday', name: "Presidents' Day", month: 2, weekday: 'monday', n: 3 },
  { kind: 'fixed', name: 'César Chávez Day', month: 3, day: 31, observed: SUNDAY_TO_MONDAY },
  { kind: 'nth-weekday', name: 'Memorial Day', month: 5, weekday: 'monday', n: -1 },
  { kind: 'fixed', name: 'Independence Day', month: 7, day: 4, observed: SUNDAY_TO_MONDAY },
  { kind: 'nth-weekday', name: 'Labor Day', month: 9, weekday: 'monday', n: 1 },
  { kind: 'fixed', name: 'Veterans Day', month: 11, day: 11, observed: VETERANS_DAY_OBSERVANCE },
  { kind: 'nth-weekday', name: 'Thanksgiving Day', month: 11, weekday: 'thursday', n: 4 },
  { kind: 'day-after', name: 'Day after Thanksgiving', of: 'Thanksgiving Day' },
  { kind: 'fixed', name: 'Christmas Day', month: 12, day: 25, observed: SUNDAY_TO_MONDAY },
] as const satisfies readonly HolidayRule[];

/**
 * Checks a rule list (e.g. freshly loaded plan configuration): known kinds, valid months/days/weekdays,
 * unique non-empty names, and `day-after` references that exist and do not loop.
 * @throws RangeError describing the first problem found.
 */
export function validateHolidayRules(rules: readonly HolidayRule[]): void {
  validatedIndex(rules);
}

function validatedIndex(rules: readonly HolidayRule[]): ReadonlyMap<string, HolidayRule> {
  // Checked through `unknown`: configuration can hold anything, and narrowing `rules` itself would make it `any[]`.
  const loaded: unknown = rules;
  if (!Array.isArray(loaded)) throw new RangeError('Holiday rules must be an array');
  const byName = indexByName(rules);
  for (const rule of rules) {
    validateRule(rule, byName);
  }
  // Resolving every rule for a leap year exercises each day-after chain once, surfacing cycles.
  for (const rule of rules) {
    nominalDate(rule, 2000, byName, new Set());
  }
  return byName;
}

/**
 * The holidays observed in `year` under `rules`, sorted by date (ties keep rule order).
 * A holiday moved across New Year (a Sunday December 31 to January 1, a Saturday January 1 to
 * December 31) counts in the year it is observed.
 * @throws RangeError if the rules are invalid (see {@link validateHolidayRules}).
 */
export function observedHolidays(year: number, rules: readonly HolidayRule[]): readonly ObservedHoliday[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new RangeError(`Year must be an integer 1-9999, got ${String(year)}`);
  }
  const byName = validatedIndex(rules);
  const observed: ObservedHoliday[] = [];
  // The neighbouring years are expanded too: a Sunday December 31 is observed on January 1, and a
  // Saturday January 1 that moves to Friday on December 31.
  const ruleYears = [year - 1, year, year + 1].filter((y) => y >= 1 && y <= 9999);
  for (const ruleYear of ruleYears) {
    for (const rule of rules) {
      const date = nominalDate(rule, ruleYear, byName, new Set());
      if (date === undefined) continue;
      const observedDate = observedDateOf(rule, date);
      if (Number(observedDate.slice(0, 4)) === year) observed.push({ date: observedDate, name: rule.name });
    }
  }
  // Array.prototype.sort is stable, so holidays sharing a date keep their rule order.
  return observed.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Where a rule's holiday is observed when its date falls on a weekend (Gov. Code §6701). */
function observedDateOf(rule: HolidayRule, date: LocalDate): LocalDate {
  const observance = weekendObservanceOf(rule);
  const weekday = weekdayOf(date);
  if (weekday === 'saturday' && observance.saturday === 'friday') return addDaysToDate(date, -1);
  if (weekday === 'sunday' && observance.sunday === 'monday') return addDaysToDate(date, 1);
  return date;
}

/** The rule's weekend moves, reading the older `sundayToMonday: true` as `{ sunday: 'monday' }`. */
function weekendObservanceOf(rule: HolidayRule): WeekendObservance {
  if (rule.kind !== 'fixed' && rule.kind !== 'day-after') return {};
  return { ...(rule.sundayToMonday === true ? { sunday: 'monday' as const } : {}), ...rule.observed };
}

function indexByName(rules: readonly HolidayRule[]): ReadonlyMap<string, HolidayRule> {
  const byName = new Map<string, HolidayRule>();
  for (const rule of rules) {
    const name: unknown = (rule as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || name.trim() === '') {
      throw new RangeError(`Holiday rule ${JSON.stringify(rule)} needs a non-empty name`);
    }
    if (byName.has(name)) throw new RangeError(`Duplicate holiday rule name ${JSON.stringify(name)}`);
    byName.set(name, rule);
  }
  return byName;
}

function validateRule(rule: HolidayRule, byName: ReadonlyMap<string, HolidayRule>): void {
  const fail = (problem: string): never => {
    throw new RangeError(`Holiday rule ${JSON.stringify(rule.name)}: ${problem}`);
  };
  switch (rule.kind) {
    case 'fixed':
      validateWeekendObservance(rule, fail);
      if (!isMonth(rule.month)) fail(`month must be 1-12, got ${String(rule.month)}`);
      // Checked against a leap year so that February 29 is allowed.
      if (!Number.isInteger(rule.day) || rule.day < 1 || rule.day > daysInMonth(2000, rule.month)) {
        fail(`day ${String(rule.day)} does not exist in month ${rule.month}`);
      }
      return;
    case 'nth-weekday':
      if (!isMonth(rule.month)) fail(`month must be 1-12, got ${String(rule.month)}`);
      if (!(WEEKDAYS as readonly string[]).includes(rule.weekday)) fail(`unknown weekday ${JSON.stringify(rule.weekday)}`);
      if (![1, 2, 3, 4, 5, -1].includes(rule.n)) fail(`n must be 1-5 or -1 (last), got ${String(rule.n)}`);
      return;
    case 'day-after':
      validateWeekendObservance(rule, fail);
      if (!byName.has(rule.of)) fail(`refers to unknown holiday ${JSON.stringify(rule.of)}`);
      return;
    case 'date':
      if (!isLocalDate(rule.date)) fail(`date must be an existing day written YYYY-MM-DD, got ${JSON.stringify(rule.date)}`);
      return;
    default:
      fail(`unknown kind ${JSON.stringify((rule as { kind?: unknown }).kind)}`);
  }
}

/** The moves Gov. Code §6701 knows, per weekend day; `'none'` keeps the holiday where it falls. */
const WEEKEND_MOVES = { saturday: ['friday', 'none'], sunday: ['monday', 'none'] } as const satisfies Record<keyof WeekendObservance, readonly string[]>;

/** `observed` names only known moves, and does not contradict an older `sundayToMonday`. */
function validateWeekendObservance(rule: FixedDateHoliday | DayAfterHoliday, fail: (problem: string) => never): void {
  // Checked through `unknown`: configuration can hold anything.
  const observed: unknown = rule.observed;
  const sundayToMonday: unknown = rule.sundayToMonday;
  if (sundayToMonday !== undefined && typeof sundayToMonday !== 'boolean') fail('sundayToMonday must be true or false');
  if (observed === undefined) return;
  if (typeof observed !== 'object' || observed === null || Array.isArray(observed)) {
    fail('observed must be an object such as { "saturday": "friday", "sunday": "monday" }');
  }
  const sides = observed as Record<string, unknown>;
  for (const [side, move] of Object.entries(sides)) {
    const allowed = WEEKEND_MOVES[side as keyof typeof WEEKEND_MOVES] as readonly unknown[] | undefined;
    if (!allowed) fail(`observed.${side}: only saturday and sunday can move`);
    if (!allowed.includes(move)) fail(`observed.${side} must be ${allowed.map((m) => JSON.stringify(m)).join(' or ')}, got ${JSON.stringify(move)}`);
  }
  if (sundayToMonday === true && sides.sunday === 'none') fail('sundayToMonday: true contradicts observed.sunday: "none"');
}

function isMonth(month: number): boolean {
  return Number.isInteger(month) && month >= 1 && month <= 12;
}

/** The date a rule names in `year`, before any weekend move; `undefined` if it has none that year. */
function nominalDate(
  rule: HolidayRule,
  year: number,
  byName: ReadonlyMap<string, HolidayRule>,
  resolving: Set<string>,
): LocalDate | undefined {
  switch (rule.kind) {
    case 'fixed':
      return rule.day <= daysInMonth(year, rule.month) ? formatLocalDate({ year, month: rule.month, day: rule.day }) : undefined;
    case 'nth-weekday':
      return nthWeekdayOfMonth(year, rule.month, rule.weekday, rule.n);
    case 'date':
      return Number(rule.date.slice(0, 4)) === year ? rule.date : undefined;
    case 'day-after': {
      if (resolving.has(rule.name)) {
        throw new RangeError(`Holiday rule ${JSON.stringify(rule.name)}: day-after references form a loop`);
      }
      const target = byName.get(rule.of);
      if (target === undefined) throw new RangeError(`Holiday rule ${JSON.stringify(rule.name)}: refers to unknown holiday`);
      const targetDate = nominalDate(target, year, byName, new Set([...resolving, rule.name]));
      return targetDate === undefined ? undefined : addDaysToDate(targetDate, 1);
    }
  }
}

/**
 * The `n`th `weekday` of `month` in `year` (`n = -1` for the last one), or `undefined` when the month
 * has no such day (a 5th Monday, say).
 */
export function nthWeekdayOfMonth(year: number, month: number, weekday: Weekday, n: number): LocalDate | undefined {
  const target = WEEKDAYS.indexOf(weekday);
  if (target < 0 || !isMonth(month) || ![1, 2, 3, 4, 5, -1].includes(n)) {
    throw new RangeError(`Invalid nth weekday: n=${String(n)}, ${String(weekday)}, month ${String(month)}`);
  }
  const length = daysInMonth(year, month);
  if (n === -1) {
    const lastWeekday = WEEKDAYS.indexOf(weekdayOf(formatLocalDate({ year, month, day: length })));
    return formatLocalDate({ year, month, day: length - ((lastWeekday - target + 7) % 7) });
  }
  const firstWeekday = WEEKDAYS.indexOf(weekdayOf(formatLocalDate({ year, month, day: 1 })));
  const day = 1 + ((target - firstWeekday + 7) % 7) + (n - 1) * 7;
  return day <= length ? formatLocalDate({ year, month, day }) : undefined;
}
