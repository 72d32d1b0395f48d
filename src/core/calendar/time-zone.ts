/**
 * Converting between instants (epoch milliseconds) and a plan's local wall-clock time.
 *
 * Only `Intl.DateTimeFormat` with an explicit `timeZone` is consulted, and only to learn a zone's UTC
 * offset at a given instant; everything else is integer arithmetic. No host time zone, no clock, no
 * Node built-ins, so the results are the same on every worker and in every Temporal workflow replay.
 */

import { assertInteger, civilFromDays, DAY_MS, daysFromCivil } from './internal';
import { addDaysToDate, formatLocalDate, type LocalDate, toEpochDay } from './local-date';

/** Earliest supported instant, 0001-01-02T00:00Z: any zone's local date is then still in year 0001 or later. */
export const MIN_INSTANT_MS = -62_135_510_400_000;

/** Latest supported instant, 9999-12-31T00:00Z: any zone's local date is then still in year 9999 or earlier. */
export const MAX_INSTANT_MS = 253_402_214_400_000;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const WALL_TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?$/;

// Building a DateTimeFormat is far costlier than using one, and a zone's rules never change within a
// process, so caching per zone is safe (and deterministic) even inside a workflow sandbox.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached !== undefined) return cached;
  // An undefined or empty zone would make Intl fall back to the host's zone: wrong and non-deterministic.
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    throw new RangeError(`Unknown time zone ${JSON.stringify(timeZone)}: expected an IANA name such as "America/Los_Angeles"`);
  }
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (cause) {
    throw new RangeError(`Unknown time zone ${JSON.stringify(timeZone)}: expected an IANA name such as "America/Los_Angeles"`, {
      cause,
    });
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

/**
 * Checks that `timeZone` is an IANA time zone this runtime knows, e.g. when loading a plan's settings.
 * @throws RangeError naming the zone if it is unknown.
 */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

function assertInstant(atMs: number): void {
  assertInteger(atMs, 'instant (epoch milliseconds)');
  if (atMs < MIN_INSTANT_MS || atMs > MAX_INSTANT_MS) {
    throw new RangeError(`Instant ${atMs} is outside the supported range 0001-01-02T00:00Z..9999-12-31T00:00Z`);
  }
}

/** The zone's UTC offset at `atMs` in milliseconds (local wall time minus UTC). */
function offsetMillis(atMs: number, timeZone: string): number {
  assertInstant(atMs);
  // Intl only shows whole seconds, so compare against the instant truncated to its second.
  const wholeSecondMs = Math.floor(atMs / 1000) * 1000;
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(wholeSecondMs)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  // Some older ICU builds print midnight as hour 24 even with h23.
  const hour = fields.hour === 24 ? 0 : fields.hour;
  const wallMs =
    daysFromCivil(fields.year, fields.month, fields.day) * DAY_MS + hour * HOUR_MS + fields.minute * MINUTE_MS + fields.second * 1000;
  return wallMs - wholeSecondMs;
}

/**
 * The zone's UTC offset at `atMs`, in minutes east of UTC (`-480` for Pacific Standard Time, `-420` for
 * Pacific Daylight Time). Fractional only for historical local-mean-time offsets with seconds.
 */
export function offsetMinutes(atMs: number, timeZone: string): number {
  return offsetMillis(atMs, timeZone) / MINUTE_MS;
}

/** The local calendar date at `atMs` in `timeZone`; this, not the UTC date, decides which day an event belongs to. */
export function localDateOf(atMs: number, timeZone: string): LocalDate {
  const wallMs = atMs + offsetMillis(atMs, timeZone);
  return formatLocalDate(civilFromDays(Math.floor(wallMs / DAY_MS)));
}

/** Milliseconds since local midnight for `HH:MM`, `HH:MM:SS` or `HH:MM:SS.mmm` (24-hour clock). */
function parseWallTime(time: string): number {
  const match = typeof time === 'string' ? WALL_TIME_PATTERN.exec(time) : null;
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const seconds = Number(match?.[3] ?? 0);
  const millis = Number(match?.[4] ?? 0);
  // Leap seconds (:60) and 24:00 are rejected: plans speak of ordinary clock times only.
  if (match === null || hours > 23 || minutes > 59 || seconds > 59) {
    throw new RangeError(`Invalid wall-clock time ${JSON.stringify(time)}: expected HH:MM, HH:MM:SS or HH:MM:SS.mmm`);
  }
  return hours * HOUR_MS + minutes * MINUTE_MS + seconds * 1000 + millis;
}

/**
 * The instant at which clocks in `timeZone` show `time` on `localDate`.
 *
 * Daylight-saving changes make some wall times ambiguous; the rule is always "the earliest instant whose
 * local wall time is at or after the requested one":
 * - in a gap (spring forward, e.g. 02:30 on 2026-03-08 in Los Angeles) that is the instant the clocks
 *   jump, i.e. the first instant after the gap (03:00 PDT);
 * - in an overlap (fall back, e.g. 01:30 on 2026-11-01) it is the earlier of the two (01:30 PDT).
 *
 * @param time `HH:MM`, `HH:MM:SS` or `HH:MM:SS.mmm`, 24-hour clock.
 */
export function zonedInstant(localDate: LocalDate, time: string, timeZone: string): number {
  const wallMs = toEpochDay(localDate) * DAY_MS + parseWallTime(time);
  // No zone changes offset twice within two days (checked against this runtime's tz data for
  // 1900-2060), so the offsets a day either side are the only candidates; a day is also wide enough
  // for Pacific/Apia skipping the whole of 2011-12-30.
  const offsetBefore = offsetMillis(wallMs - DAY_MS, timeZone);
  const offsetAfter = offsetMillis(wallMs + DAY_MS, timeZone);
  const matches = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallMs - offset)
    .filter((candidate) => offsetMillis(candidate, timeZone) === wallMs - candidate);
  if (matches.length > 0) return Math.min(...matches);

  // The wall time was skipped: binary-search the transition, i.e. the first instant whose wall time
  // has passed the requested one. `low` is known to be before it and `high` at or after it.
  const reachesWall = (atMs: number): boolean => atMs + offsetMillis(atMs, timeZone) >= wallMs;
  let low = wallMs - Math.max(offsetBefore, offsetAfter);
  let high = wallMs - Math.min(offsetBefore, offsetAfter);
  if (reachesWall(low) || !reachesWall(high)) {
    throw new Error(`Cannot resolve ${localDate}T${time} in ${timeZone}: unexpected offset history`);
  }
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (reachesWall(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/** The first instant of `localDate` in `timeZone` (local midnight, or the first existing instant that day). */
export function startOfLocalDate(localDate: LocalDate, timeZone: string): number {
  return zonedInstant(localDate, '00:00', timeZone);
}

/**
 * The last millisecond of `localDate` in `timeZone`, normally 23:59:59.999 local. Computed as the next
 * day's start minus 1 ms so that 23- and 25-hour DST days (and zones changing offset at midnight) are right.
 */
export function endOfLocalDate(localDate: LocalDate, timeZone: string): number {
  return startOfLocalDate(addDaysToDate(localDate, 1), timeZone) - 1;
}

/**
 * ISO 8601 local time with numeric offset, for people and Temporal UI summaries: minute precision when
 * the seconds are zero (`2026-12-03T17:00-08:00`), otherwise with seconds and the milliseconds dropped
 * (`2026-12-04T23:59:59-08:00`). The offset is always numeric (`+00:00`, never `Z`).
 */
export function formatZoned(atMs: number, timeZone: string): string {
  const offsetMs = offsetMillis(atMs, timeZone);
  const wallMs = atMs + offsetMs;
  const epochDay = Math.floor(wallMs / DAY_MS);
  const msOfDay = wallMs - epochDay * DAY_MS;
  const hours = Math.floor(msOfDay / HOUR_MS);
  const minutes = Math.floor((msOfDay % HOUR_MS) / MINUTE_MS);
  const seconds = Math.floor((msOfDay % MINUTE_MS) / 1000);
  const clock = `${two(hours)}:${two(minutes)}${msOfDay % MINUTE_MS === 0 ? '' : `:${two(seconds)}`}`;
  return `${formatLocalDate(civilFromDays(epochDay))}T${clock}${formatOffset(offsetMs)}`;
}

function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const totalSeconds = Math.abs(offsetMs) / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  // Only historical local mean time has second-level offsets; show them rather than round and mislead.
  return `${sign}${two(hours)}:${two(minutes)}${seconds === 0 ? '' : `:${two(seconds)}`}`;
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}
