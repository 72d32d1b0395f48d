import { dueInstant, localDateOf, offsetMinutes } from '../calendar';
import type { Deadline } from './deadline';
import { IN_PERSON_METHODS, type OutreachAttempt, type OutreachProgress, type OutreachResult } from './outreach-attempt';
import { outreachPolicyOf, turnaroundOf, type PlanPolicy } from './plan-policy';
import { CURRENT_READINGS, type RuleReadings } from './rule-readings';

/** Attempts R-OUTREACH-30D asks for. */
export const REQUIRED_OUTREACH_ATTEMPTS = 5;
/** Parts of the day the attempts must spread over ("different days and times", Guide §8.1). */
const REQUIRED_TIMES_OF_DAY = 2;

/** Results that mean the member was reached (R-UNREACHABLE): they talked, or they refused. */
export const MEMBER_CONTACT_RESULTS: readonly OutreachResult[] = ['reached', 'refused'];

/** The part of a journey's state the outreach rules read (a `JourneyState` is one). */
export interface OutreachRecord {
  readonly policy: PlanPolicy;
  readonly deadlines: readonly Deadline[];
  readonly outreachStartedAt?: string;
  readonly outreachAttempts?: readonly OutreachAttempt[];
}

/** R-OUTREACH-30D progress, plus the instant the attempts first satisfied it. */
export interface OutreachJudgement extends OutreachProgress {
  /** The attempt that completed the rule: the fulfilling act's timestamp (ECM-RULES §1). */
  readonly satisfiedAtMs?: number;
  /** How many different methods this journey's plan asks for. */
  readonly requiredDistinctMethods: number;
}

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

/**
 * R-OUTREACH-30D's window closes at its due instant. The deadline's own `dueAt` says where; a run
 * that no longer keeps the deadline (pruned long after outreach) recounts it from outreach start.
 */
export function outreachWindowEnd(state: OutreachRecord): number | undefined {
  const deadline = [...state.deadlines].reverse().find((d) => d.rule === 'R-OUTREACH-30D');
  if (deadline) return Date.parse(deadline.dueAt);
  if (!state.outreachStartedAt) return undefined;
  return dueInstant(turnaroundOf(state.policy, 'R-OUTREACH-30D'), Date.parse(state.outreachStartedAt), state.policy.calendar);
}

function tally(attempts: readonly OutreachAttempt[], timeZone: string) {
  return {
    attempts: attempts.length,
    inPersonAttempts: attempts.filter((a) => IN_PERSON_METHODS.includes(a.method)).length,
    distinctDays: new Set(attempts.map((a) => localDateOf(Date.parse(a.at), timeZone))).size,
    distinctTimesOfDay: new Set(attempts.map((a) => timeOfDay(Date.parse(a.at), timeZone))).size,
    distinctMethods: new Set(attempts.map((a) => a.method)).size,
  };
}

/**
 * R-OUTREACH-30D: at least 5 attempts, at least 1 in person, on 5 different local days and at
 * more than one time of day, using the plan's number of different methods (Guide §8.1: five).
 * Only attempts dated inside the 30 days, up to and including the due instant, count; later ones
 * are documented and shown, but cannot satisfy the rule after its time has run out.
 * `before-guide-readings` judges as acts recorded earlier were: every attempt, any methods.
 */
export function outreachProgress(state: OutreachRecord, readings: RuleReadings = CURRENT_READINGS): OutreachJudgement {
  const timeZone = state.policy.calendar.timeZone;
  const all = [...(state.outreachAttempts ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const guide = readings === 'guide';
  const windowEnd = guide ? outreachWindowEnd(state) : undefined;
  const counted = windowEnd === undefined ? all : all.filter((a) => Date.parse(a.at) <= windowEnd);
  const requiredDistinctMethods = guide ? outreachPolicyOf(state.policy).distinctMethods : 1;
  const meets = (t: ReturnType<typeof tally>): boolean =>
    t.attempts >= REQUIRED_OUTREACH_ATTEMPTS &&
    t.inPersonAttempts >= 1 &&
    t.distinctDays >= REQUIRED_OUTREACH_ATTEMPTS &&
    t.distinctTimesOfDay >= REQUIRED_TIMES_OF_DAY &&
    t.distinctMethods >= requiredDistinctMethods;
  const total = tally(counted, timeZone);
  const satisfied = meets(total);
  // The rule is met by the attempt that completed it, wherever a late-logged one sorts in.
  let satisfiedAtMs: number | undefined;
  for (let n = REQUIRED_OUTREACH_ATTEMPTS; satisfied && satisfiedAtMs === undefined && n <= counted.length; n++) {
    if (meets(tally(counted.slice(0, n), timeZone))) satisfiedAtMs = Date.parse(counted[n - 1]!.at);
  }
  return {
    ...total,
    attemptsAfterWindow: all.length - counted.length,
    satisfied,
    requiredDistinctMethods,
    ...(satisfiedAtMs !== undefined ? { satisfiedAtMs } : {}),
  };
}

/** What the state shows: the counts, without the judgement's internals. */
export function outreachProgressView(state: OutreachRecord): OutreachProgress {
  const { satisfiedAtMs: _at, requiredDistinctMethods: _required, ...progress } = outreachProgress(state);
  return progress;
}

/** Whether any attempt reached the member (R-UNREACHABLE). */
export function memberWasReached(state: OutreachRecord): boolean {
  return (state.outreachAttempts ?? []).some((a) => MEMBER_CONTACT_RESULTS.includes(a.result));
}
