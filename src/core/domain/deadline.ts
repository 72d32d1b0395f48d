import { dueInstant, formatZoned, offsetMinutes } from '../calendar';
import type { PlanPolicy } from './plan-policy';
import { DEADLINE_RULES, type DeadlineRuleId, type ResponsibleParty } from './rules';
import type { DueSpec } from '../calendar';

/** `open` until met, breached, or made moot (`cancelled`, e.g. the referral was denied). */
export type DeadlineStatus = 'open' | 'met' | 'breached' | 'cancelled';

/**
 * One obligation with a clock. Instants are ISO strings in the plan's zone so that state, API and
 * care record read the same; `key` is unique within the journey (a rule can run more than once,
 * e.g. R-ASSIGN again after a provider declines).
 */
export interface Deadline {
  readonly key: string;
  readonly rule: DeadlineRuleId;
  readonly party: ResponsibleParty;
  readonly startedAt: string;
  readonly dueAt: string;
  readonly status: DeadlineStatus;
  /** When the fulfilling act happened (the caller's timestamp), on time or late. */
  readonly fulfilledAt?: string;
  /** When the timer fired, which is the due instant. */
  readonly breachedAt?: string;
  readonly cancelledAt?: string;
  readonly cancelReason?: string;
  /** A breach that no late act will follow, and why (silence taken as acceptance, the journey ended). */
  readonly closedWithoutAct?: string;
  /**
   * ECM-RULES §1: the act was dated on time but reached the system after the alarm went off. The
   * deadline is met; the alarm (`breachedAt`, the due instant) is withdrawn at `documentedAt`.
   */
  readonly documentedLate?: true;
  /** When the system learned of a timely act that arrived after the alarm. */
  readonly documentedAt?: string;
}

/** Builds an open deadline whose due instant follows ECM-RULES §1 under the plan's calendar. */
export function openDeadline(
  policy: PlanPolicy,
  rule: DeadlineRuleId,
  key: string,
  startedAtMs: number,
  due: DueSpec,
): Deadline {
  const dueMs = dueInstant(due, startedAtMs, policy.calendar);
  const tz = policy.calendar.timeZone;
  return {
    key,
    rule,
    party: DEADLINE_RULES[rule].party,
    startedAt: formatInstant(startedAtMs, tz),
    dueAt: formatInstant(dueMs, tz),
    status: 'open',
  };
}

/** Builds an open deadline with an explicit due instant (a window's edge, an agreed date). */
export function openDeadlineDueAt(policy: PlanPolicy, rule: DeadlineRuleId, key: string, startedAtMs: number, dueMs: number): Deadline {
  const tz = policy.calendar.timeZone;
  return { key, rule, party: DEADLINE_RULES[rule].party, startedAt: formatInstant(startedAtMs, tz), dueAt: formatInstant(dueMs, tz), status: 'open' };
}

/** ISO 8601 with the zone's offset and millisecond precision, so the string round-trips to the instant. */
export function formatInstant(ms: number, timeZone: string): string {
  const offset = offsetMinutes(ms, timeZone);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The Temporal UI summary of a deadline's timer: rule ID and due instant, nothing about the member. */
export function timerSummary(deadline: Deadline, timeZone: string): string {
  return `${deadline.rule} due ${formatZoned(Date.parse(deadline.dueAt), timeZone)}`;
}

/**
 * Applies the fulfilling act to a deadline. Met when the act's timestamp is at or before the due
 * instant (ECM-RULES §1); a deadline whose timer already fired stays breached and records the late act.
 */
export function fulfil(deadline: Deadline, atMs: number, timeZone: string): Deadline {
  const fulfilledAt = formatInstant(atMs, timeZone);
  if (deadline.status === 'open') {
    // Open yet late happens only within the clock-skew allowance, before the timer task ran.
    const onTime = atMs <= Date.parse(deadline.dueAt);
    return onTime ? { ...deadline, status: 'met', fulfilledAt } : { ...breach(deadline), fulfilledAt };
  }
  if (deadline.status === 'breached' && !deadline.fulfilledAt) return { ...deadline, fulfilledAt };
  return deadline;
}

/**
 * ECM-RULES §1: a deadline is met when its act is dated at or before the due instant, whenever the
 * act is documented. A deadline whose alarm already went off, and whose act turns out to be dated
 * on time, becomes met and documented late; the alarm is withdrawn (the caller tells the party).
 * Anything else is returned unchanged.
 */
export function judgeByActTime(deadline: Deadline, documentedAtMs: number, timeZone: string): Deadline {
  if (deadline.status !== 'breached' || deadline.fulfilledAt === undefined || deadline.documentedLate) return deadline;
  if (Date.parse(deadline.fulfilledAt) > Date.parse(deadline.dueAt)) return deadline;
  const { closedWithoutAct: _closed, ...rest } = deadline;
  return { ...rest, status: 'met', documentedLate: true, documentedAt: formatInstant(documentedAtMs, timeZone) };
}

/**
 * True when the deadline's alarm went off and no longer stands: a timely act documented late met
 * it, or its clock was re-counted to an instant still ahead. The escalation is then withdrawn.
 */
export function alarmWithdrawn(before: Deadline | undefined, after: Deadline): boolean {
  return before?.status === 'breached' && after.status !== 'breached';
}

/**
 * ECM-RULES §1 over a whole list: `after`'s deadlines judged by act time at `documentedAtMs`, and
 * those whose alarm (standing in `before`) no longer stands, whose escalations are to be withdrawn.
 * The one judgement journeys and transitional-care episodes share.
 */
export function judgeDeadlinesByActTime(
  before: readonly Deadline[],
  after: readonly Deadline[],
  documentedAtMs: number,
  timeZone: string,
): { readonly deadlines: Deadline[]; readonly withdrawn: Deadline[] } {
  const deadlines = after.map((d) => judgeByActTime(d, documentedAtMs, timeZone));
  const prior = new Map(before.map((d) => [d.key, d]));
  return { deadlines, withdrawn: deadlines.filter((d) => alarmWithdrawn(prior.get(d.key), d)) };
}

/**
 * Moves a deadline's due instant (its clock was re-counted from a later start, e.g. R-LCM-72H
 * from an acceptance documented after silence had been taken as acceptance) and judges it again
 * at `nowMs`: an alarm raised under the old instant is withdrawn if the new one has not passed.
 */
export function recount(deadline: Deadline, startedAtMs: number, dueMs: number, nowMs: number, timeZone: string): Deadline {
  const moved = { ...deadline, startedAt: formatInstant(startedAtMs, timeZone), dueAt: formatInstant(dueMs, timeZone) };
  if (deadline.status === 'breached' && deadline.fulfilledAt === undefined && deadline.closedWithoutAct === undefined && dueMs > nowMs) {
    const { breachedAt: _b, ...open } = moved;
    return { ...open, status: 'open' };
  }
  // Only a clock still waiting for its act is re-counted (an answer comes before the naming that meets it).
  return moved;
}

/** The timer fired first: breached at the due instant. */
export function breach(deadline: Deadline): Deadline {
  return deadline.status === 'open' ? { ...deadline, status: 'breached', breachedAt: deadline.dueAt } : deadline;
}

/** The obligation no longer applies (the journey ended or was re-routed). */
export function cancel(deadline: Deadline, atMs: number, timeZone: string, reason: string): Deadline {
  if (isOverdue(deadline)) return { ...deadline, closedWithoutAct: reason };
  return deadline.status === 'open'
    ? { ...deadline, status: 'cancelled', cancelledAt: formatInstant(atMs, timeZone), cancelReason: reason }
    : deadline;
}

/** Breached and the late act has still not happened: what ops must chase (`EcmOverdue`). */
export function isOverdue(deadline: Deadline): boolean {
  return deadline.status === 'breached' && deadline.fulfilledAt === undefined && deadline.closedWithoutAct === undefined;
}

/** Replaces deadlines by key with their updated versions and appends new ones. */
export function replaceDeadlines(deadlines: readonly Deadline[], changed: readonly Deadline[]): Deadline[] {
  const byKey = new Map(changed.map((d) => [d.key, d]));
  const added = changed.filter((d) => !deadlines.some((existing) => existing.key === d.key));
  return [...deadlines.map((d) => byKey.get(d.key) ?? d), ...added];
}
