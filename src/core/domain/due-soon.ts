/**
 * When a deadline becomes "due soon" (issue 14): the moment a worklist flags it and a
 * `deadline.due_soon` warning goes out. By default 24 hours before a deadline counted in hours,
 * 2 business days before one counted in days; a plan may set its own lead per rule
 * (`dueSoon` in its policy). Pure: no clock, safe in workflow code.
 */
import { addDaysToDate, type BusinessCalendar, type DueSpec, endOfLocalDate, isBusinessDay, localDateOf } from '../calendar';
import type { PlanPolicy } from './plan-policy';
import { turnaroundOf } from './plan-policy';
import type { DeadlineRuleId } from './rules';

/** The lead before an hours-deadline (issue 14 default). */
export const HOURS_DEADLINE_LEAD: DueSpec = { unit: 'hours', amount: 24 };
/** The lead before a day-deadline (issue 14 default). */
export const DAYS_DEADLINE_LEAD: DueSpec = { unit: 'business-days', amount: 2 };

/** The lead in force for a rule under a plan's policy. */
export function dueSoonLeadOf(policy: PlanPolicy, rule: DeadlineRuleId): DueSpec {
  const own = policy.dueSoon?.[rule];
  if (own) return own;
  return turnaroundOf(policy, rule).unit === 'hours' ? HOURS_DEADLINE_LEAD : DAYS_DEADLINE_LEAD;
}

/**
 * The instant a deadline due at `dueMs` becomes due soon. Hours go back in elapsed time; days go
 * back from the due instant's local date (which never counts itself, as counting forward never
 * does), and due-soon starts at the beginning of the day after the day reached: 2 business days
 * before a deadline due on Friday is from the start of Thursday.
 */
export function dueSoonAt(lead: DueSpec, dueMs: number, calendar: BusinessCalendar): number {
  if (lead.unit === 'hours') return dueMs - lead.amount * 3_600_000;
  let date = localDateOf(dueMs, calendar.timeZone);
  let counted = 0;
  for (let guard = 0; counted < lead.amount; guard++) {
    if (guard > 3_660) throw new Error('business calendar has no business day in ten years; check its holiday rules');
    date = addDaysToDate(date, -1);
    if (lead.unit === 'calendar-days' || isBusinessDay(date, calendar)) counted += 1;
  }
  return endOfLocalDate(date, calendar.timeZone) + 1;
}

/**
 * The latest due instant that is due soon at `nowMs`: a deadline still open is due soon exactly
 * when its due instant is at or before this one (and not yet past). One instant per rule and plan
 * lets the care-record query decide status in SQL, so filtering and paging by status stay exact.
 */
export function dueSoonHorizon(lead: DueSpec, nowMs: number, calendar: BusinessCalendar): number {
  if (lead.unit === 'hours') return nowMs + lead.amount * 3_600_000;
  // dueSoonAt depends only on the due instant's local date and grows with it: walk forward.
  let date = localDateOf(nowMs, calendar.timeZone);
  for (let guard = 0; guard < 3_660; guard++) {
    const next = addDaysToDate(date, 1);
    if (dueSoonAt(lead, endOfLocalDate(next, calendar.timeZone), calendar) > nowMs) return endOfLocalDate(date, calendar.timeZone);
    date = next;
  }
  throw new Error('due-soon lead too long to count');
}
