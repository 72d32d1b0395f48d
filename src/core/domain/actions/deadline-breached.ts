import { endOfLocalDate } from '../../calendar';
import { breach, openDeadline } from '../deadline';
import { turnaroundOf } from '../plan-policy';
import type { JourneyState } from '../journey-state';
import { inPlanTime, nextDeadlineKey, withDeadlines, type Transition } from './action-support';

/**
 * The timer of an open deadline fired first: the deadline is breached at its due instant and the
 * responsible party is escalated to. The journey keeps waiting for the late act (ECM-RULES §1),
 * except R-DECLINE-1BD, where silence is acceptance and R-LCM-72H starts, counted from the
 * assignment being sent.
 */
export function deadlineBreached(state: JourneyState, deadlineKey: string): Transition {
  const deadline = state.deadlines.find((d) => d.key === deadlineKey);
  if (!deadline || deadline.status !== 'open') {
    return { state, effects: [], result: { action: 'deadline-breached', stage: state.stage, at: deadline?.dueAt ?? '' } };
  }
  const silence = deadline.rule === 'R-DECLINE-1BD' && state.assignment !== undefined && !state.assignment.response;
  const breached = silence ? { ...breach(deadline), closedWithoutAct: 'no answer: the assignment counts as accepted' } : breach(deadline);
  let next = withDeadlines(state, breached);
  if (deadline.rule === 'R-AUTH-LAPSE') next = lapsed(next);
  if (silence && next.assignment) {
    // Silence is acceptance; R-LCM-72H counts from the assignment being sent, and may already be past.
    const { policy } = next;
    const sentMs = Date.parse(next.assignment.assignedAt);
    next = withDeadlines(
      {
        ...next,
        assignment: { ...next.assignment, response: { response: 'accepted', at: inPlanTime(state, Date.parse(deadline.dueAt)), deemed: true } },
      },
      openDeadline(policy, 'R-LCM-72H', nextDeadlineKey(next, 'R-LCM-72H'), sentMs, turnaroundOf(policy, 'R-LCM-72H')),
    );
  }
  return {
    state: next,
    effects: [{ kind: 'escalation', deadline: breached }],
    result: { action: 'deadline-breached', stage: next.stage, at: deadline.dueAt },
  };
}

/** R-AUTH-LAPSE: the current period ended undecided; visible in the state until the plan decides. */
function lapsed(state: JourneyState): JourneyState {
  const period = state.authorizationPeriods?.at(-1);
  if (!period) return state;
  return { ...state, authorizationLapse: { periodNumber: period.number, since: inPlanTime(state, endOfLocalDate(period.end, state.policy.calendar.timeZone)) } };
}
