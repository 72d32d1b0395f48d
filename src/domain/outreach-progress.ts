import { localDateOf, offsetMinutes } from '../calendar';
import { IN_PERSON_METHODS, type OutreachAttempt, type OutreachProgress } from './journey-state';

/** Attempts R-OUTREACH-30D asks for. */
export const REQUIRED_OUTREACH_ATTEMPTS = 5;

/**
 * Time-of-day slots, in the plan's zone. "Different days and times" (Guide §8.1) is read as: the
 * attempts fall on at least 5 different local days, and not all in the same part of the day, so
 * a member who works days is also tried in the evening.
 */
function timeOfDay(atMs: number, timeZone: string): 'morning' | 'afternoon' | 'evening' {
  const minutes = (((atMs / 60_000 + offsetMinutes(atMs, timeZone)) % 1440) + 1440) % 1440;
  if (minutes < 12 * 60) return 'morning';
  if (minutes < 17 * 60) return 'afternoon';
  return 'evening';
}

/** R-OUTREACH-30D: at least 5 attempts, at least 1 in person, on different days and at different times. */
export function outreachProgress(attempts: readonly OutreachAttempt[], timeZone: string): OutreachProgress {
  const days = new Set(attempts.map((a) => localDateOf(Date.parse(a.at), timeZone)));
  const times = new Set(attempts.map((a) => timeOfDay(Date.parse(a.at), timeZone)));
  const inPersonAttempts = attempts.filter((a) => IN_PERSON_METHODS.includes(a.method)).length;
  return {
    attempts: attempts.length,
    inPersonAttempts,
    distinctDays: days.size,
    distinctTimesOfDay: times.size,
    satisfied: attempts.length >= REQUIRED_OUTREACH_ATTEMPTS && inPersonAttempts >= 1 && days.size >= REQUIRED_OUTREACH_ATTEMPTS && times.size >= 2,
  };
}
