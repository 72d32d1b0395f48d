import { z } from 'zod';

/**
 * The years an instant or a date may fall in. Anything outside is a typing error (`0198` for
 * `1998`, `0000-01-01`) that would give 202 and then break the workflow for good: the calendar
 * module cannot count business days in year 1000, and a year below 1000 prints unpadded.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2200;

const EARLIEST_MS = Date.UTC(EARLIEST_YEAR, 0, 1);
const AFTER_LATEST_MS = Date.UTC(LATEST_YEAR + 1, 0, 1);
const EARLIEST_DATE = `${EARLIEST_YEAR}-01-01`;
const LATEST_DATE = `${LATEST_YEAR}-12-31`;
const RANGE = `between ${EARLIEST_YEAR} and ${LATEST_YEAR}`;

/**
 * An ISO 8601 instant with an explicit offset (`Z` or `±hh:mm`): a timestamp without one would be
 * read in whatever zone the server runs in, and a deadline computed from it would be wrong. Its
 * year (in UTC) lies between {@link EARLIEST_YEAR} and {@link LATEST_YEAR}.
 */
export const instantSchema = z.iso
  .datetime({ offset: true, local: false })
  .refine((value) => {
    const ms = Date.parse(value);
    return ms >= EARLIEST_MS && ms < AFTER_LATEST_MS;
  }, `must be an instant ${RANGE}`);

/** A calendar date, `YYYY-MM-DD`, between {@link EARLIEST_YEAR} and {@link LATEST_YEAR}. */
export const dateSchema = z.iso.date().refine((value) => value >= EARLIEST_DATE && value <= LATEST_DATE, `must be a date ${RANGE}`);

/**
 * A date of birth: a date from {@link EARLIEST_YEAR} on. That it is not in the future is checked
 * against the act it belongs to (the referral's `receivedAt`, the evaluation's `asOf`), whose own
 * instant may not be in the future: the edge has no clock of its own to judge "future" by.
 */
export const dateOfBirthSchema = dateSchema;
