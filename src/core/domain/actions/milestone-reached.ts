import { addDaysToDate, endOfLocalDate, startOfLocalDate } from '../../calendar';
import { lapseDeadline, lapseDeadlineKey } from './authorization-period';
import { deadlineBreached } from './deadline-breached';
import { openDeadlineDueAt } from '../deadline';
import type { JourneyState, Milestone } from '../journey-state';
import { PCQ_WINDOW_CLOSES_DAYS_BEFORE_END } from '../rules';
import { answer, nextDeadlineKey, withDeadlines, type Transition } from './action-support';

function reached(state: JourneyState, key: string): JourneyState {
  return { ...state, milestones: (state.milestones ?? []).map((m) => (m.key === key ? { ...m, status: 'reached' as const } : m)) };
}

/**
 * A milestone's timer fired. What follows depends on its kind: the PCQ window opens and its
 * deadline starts (R-PCQ-WINDOW); a late-starting assessment earns a best-practice warning
 * (R-ASSESS-START); the member turns 21 and stays enrolled (R-AGE-21); a period ends.
 */
export function milestoneReached(state: JourneyState, key: string): Transition {
  const milestone = state.milestones?.find((m) => m.key === key);
  if (!milestone || milestone.status !== 'pending') return answer(state, 'milestone', milestone?.at ?? '');
  let next = reached(state, key);
  const at = milestone.at;
  switch (milestone.kind) {
    case 'pcq-window-opens':
      next = openPcqDeadline(next, milestone);
      break;
    case 'assessment-best-practice':
      if (!next.assessment?.startedAt) {
        next = withWarning(next, 'R-ASSESS-START', 'assessment not begun within the 7-day best practice', at);
      }
      break;
    case 'turns-21':
      // R-AGE-21: ageing out is not a reason to disenrol; the graduation criteria decide.
      next = { ...next, ageGroup: 'adult' };
      next = withWarning(next, 'R-AGE-21', 'member turned 21: adult criteria now apply; ECM continues', at);
      break;
    case 'authorization-ends': {
      const period = next.authorizationPeriods?.at(-1);
      if (period && `authorization-ends#${period.number}` === key) {
        next = withWarning(next, 'R-REAUTH-6M', `authorization period ${period.number} ended without a reauthorization decision`, at);
        // R-AUTH-LAPSE for a period opened before the rule had its own clock: the lapse is
        // recorded and escalated here, once, as the deadline's timer would have done.
        if (next.actTimeJudgement && !next.deadlines.some((d) => d.key === lapseDeadlineKey(period.number))) {
          const tz = next.policy.calendar.timeZone;
          const clock = lapseDeadline(next, period.number, startOfLocalDate(period.start, tz), endOfLocalDate(period.end, tz));
          const breached = deadlineBreached(withDeadlines(next, clock), clock.key);
          return { ...breached, result: { action: `milestone:${milestone.kind}`, stage: breached.state.stage, at } };
        }
      }
      break;
    }
  }
  return answer(next, `milestone:${milestone.kind}`, at);
}

/** R-PCQ-WINDOW: due at the end of the day 14 days before the period's end date. */
function openPcqDeadline(state: JourneyState, milestone: Milestone): JourneyState {
  const period = state.authorizationPeriods?.at(-1);
  if (!period || state.pcq?.periodNumber === period.number) return state;
  const tz = state.policy.calendar.timeZone;
  const dueMs = endOfLocalDate(addDaysToDate(period.end, -PCQ_WINDOW_CLOSES_DAYS_BEFORE_END), tz);
  return withDeadlines(state, openDeadlineDueAt(state.policy, 'R-PCQ-WINDOW', nextDeadlineKey(state, 'R-PCQ-WINDOW'), Date.parse(milestone.at), dueMs));
}

/** Adds a warning to the state. */
export function withWarning(state: JourneyState, rule: string, message: string, at: string): JourneyState {
  return { ...state, warnings: [...(state.warnings ?? []), { rule, message, at }] };
}
