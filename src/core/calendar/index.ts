/**
 * Deterministic deadline arithmetic for ECM workflows (rule book §1 "How time is counted").
 *
 * Instants are epoch milliseconds (`number`); local dates are `YYYY-MM-DD` strings. The module uses
 * only integer maths and `Intl.DateTimeFormat` with an explicit zone — no clock, randomness or Node
 * built-ins — so it is safe to import from Temporal workflow code.
 */

export { authorizationPeriod, type AuthorizationPeriod } from './authorization';
export {
  type BusinessCalendar,
  CALIFORNIA_BUSINESS_CALENDAR,
  isBusinessDay,
  validateBusinessCalendar,
} from './business-calendar';
export {
  addHours,
  type DueSpec,
  dueInstant,
  endOfBusinessDays,
  endOfCalendarDays,
  isDeadlineMet,
} from './deadlines';
export {
  CALIFORNIA_STATE_HOLIDAYS,
  type DayAfterHoliday,
  type FixedDateHoliday,
  type HolidayRule,
  type NthWeekdayHoliday,
  type ObservedHoliday,
  type OneOffClosure,
  nthWeekdayOfMonth,
  observedHolidays,
  validateHolidayRules,
  type WeekendObservance,
} from './holidays';
export {
  addDaysToDate,
  addMonthsToDate,
  type DateParts,
  daysBetween,
  daysInMonth,
  formatLocalDate,
  fromEpochDay,
  isLeapYear,
  isLocalDate,
  type LocalDate,
  parseLocalDate,
  toEpochDay,
  type Weekday,
  WEEKDAYS,
  weekdayOf,
} from './local-date';
export {
  assertTimeZone,
  endOfLocalDate,
  formatZoned,
  localDateOf,
  MAX_INSTANT_MS,
  MIN_INSTANT_MS,
  offsetMinutes,
  startOfLocalDate,
  zonedInstant,
} from './time-zone';
