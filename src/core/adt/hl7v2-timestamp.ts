/**
 * HL7 v2 timestamps (TS/DTM: `YYYYMMDDHHMM[SS[.S[S[S[S]]]]][+/-ZZZZ]`) to and from ISO 8601 instants.
 *
 * A hospital usually sends local wall time without an offset; it is then read in the feed's zone
 * (America/Los_Angeles by default) with the calendar module's DST rules, never the server's zone.
 */

import { fromEpochDay, isLocalDate, MAX_INSTANT_MS, MIN_INSTANT_MS, offsetMinutes, toEpochDay, zonedInstant } from '../calendar';

/** Where California plans' hospitals keep their clocks: the default zone for timestamps without an offset. */
export const DEFAULT_HL7_TIME_ZONE = 'America/Los_Angeles';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(?:(\d{2})(?:\.(\d{1,4}))?)?(?:([+-])(\d{2})(\d{2}))?$/;
// Dates alone (or with only the hour) are valid HL7 but cannot place an admission or discharge in time.
const COARSE_TIMESTAMP = /^\d{4}(?:\d{2}(?:\d{2}(?:\d{2})?)?)?(?:[+-]\d{4})?$/;

/** A parsed timestamp: the instant, and ISO 8601 text that keeps the sender's offset when one was sent. */
export interface Hl7Instant {
  readonly epochMs: number;
  readonly iso: string;
}

/** Why a timestamp was refused: too coarse to be an instant, or not a timestamp at all. */
export type Hl7TimestampProblem = 'needs_minutes' | 'malformed';

/**
 * Reads an HL7 TS/DTM value (minute precision or finer). Without an offset the wall time is read in
 * `defaultTimeZone`; a time skipped by a DST change resolves as the calendar module's `zonedInstant`
 * does (to the instant clocks jump). Fractions of a second beyond milliseconds are truncated.
 */
export function parseHl7Timestamp(text: string, defaultTimeZone: string): Hl7Instant | Hl7TimestampProblem {
  const match = TIMESTAMP.exec(text);
  if (match === null) return COARSE_TIMESTAMP.test(text) ? 'needs_minutes' : 'malformed';
  const [, year = '', month = '', day = '', hour = '', minute = '', second = '00', fraction = '', sign, offsetH, offsetM] = match;
  const date = `${year}-${month}-${day}`;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  // Years before 1900 are typing errors in an ADT feed, and zones then used offsets of odd seconds.
  if (Number(year) < 1900 || !isLocalDate(date) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    return 'malformed';
  }

  if (sign === undefined) {
    const epochMs = zonedInstant(date, `${hour}:${minute}:${second}.${millis}`, defaultTimeZone);
    return { epochMs, iso: formatIsoInstant(epochMs, offsetMinutes(epochMs, defaultTimeZone)) };
  }
  if (Number(offsetH) > 14 || Number(offsetM) > 59) return 'malformed';
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetH) * 60 + Number(offsetM));
  const wallMs = toEpochDay(date) * DAY_MS + ((Number(hour) * 60 + Number(minute)) * 60 + Number(second)) * 1000 + Number(millis);
  const epochMs = wallMs - offset * MINUTE_MS;
  if (epochMs < MIN_INSTANT_MS || epochMs > MAX_INSTANT_MS) return 'malformed';
  return { epochMs, iso: formatIsoInstant(epochMs, offset) };
}

/**
 * ISO 8601 with millisecond precision and a numeric offset (`2026-03-10T14:30:00.000-07:00`), the
 * form the rest of the system stores. `offset` is in whole minutes east of UTC.
 */
export function formatIsoInstant(epochMs: number, offset: number): string {
  const wallMs = epochMs + offset * MINUTE_MS;
  const epochDay = Math.floor(wallMs / DAY_MS);
  const msOfDay = wallMs - epochDay * DAY_MS;
  const clock = `${pad(Math.floor(msOfDay / 3_600_000), 2)}:${pad(Math.floor(msOfDay / MINUTE_MS) % 60, 2)}:${pad(Math.floor(msOfDay / 1000) % 60, 2)}.${pad(msOfDay % 1000, 3)}`;
  return `${fromEpochDay(epochDay)}T${clock}${formatOffset(offset, ':')}`;
}

/** An instant as an HL7 timestamp in `timeZone`, to the second, with its offset: `20260310143000-0700`. */
export function formatHl7Timestamp(epochMs: number, timeZone: string): string {
  // Modern zones have whole-minute offsets; rounding only matters for historical local mean time.
  const offset = Math.round(offsetMinutes(epochMs, timeZone));
  const wallMs = epochMs + offset * MINUTE_MS;
  const epochDay = Math.floor(wallMs / DAY_MS);
  const seconds = Math.floor((wallMs - epochDay * DAY_MS) / 1000);
  const clock = `${pad(Math.floor(seconds / 3600), 2)}${pad(Math.floor(seconds / 60) % 60, 2)}${pad(seconds % 60, 2)}`;
  return `${fromEpochDay(epochDay).replaceAll('-', '')}${clock}${formatOffset(offset, '')}`;
}

function formatOffset(offset: number, separator: string): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}${separator}${pad(abs % 60, 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
