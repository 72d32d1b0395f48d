import { breach } from '../deadline';
import type { JourneyState } from '../journey-state';
import { inPlanTime, withDeadlines, type Transition } from './action-support';

/**
 * The timer of an open deadline fired first: the deadline is breached at its due instant and the
 * responsible party is escalated to. The journey keeps waiting for the late act (ECM-RULES §1),
 * except R-DECLINE-1BD, where silence is acceptance: the R-LCM-72H clock keeps counting from the
 * assignment being sent.
 */
export function deadlineBreached(state: JourneyState, deadlineKey: string): Transition {
  const deadline = state.deadlines.find((d) => d.key === deadlineKey);
  if (!deadline || deadline.status !== 'open') {
    return { state, effects: [], result: { action: 'deadline-breached', stage: state.stage, at: deadline?.dueAt ?? '' } };
  }
  const breached = breach(deadline);
  let next = withDeadlines(state, breached);
  if (deadline.rule === 'R-DECLINE-1BD' && next.assignment && !next.assignment.response) {
    next = {
      ...next,
      assignment: { ...next.assignment, response: { response: 'accepted', at: inPlanTime(state, Date.parse(deadline.dueAt)), deemed: true } },
    };
  }
  return {
    state: next,
    effects: [{ kind: 'escalation', deadline: breached }],
    result: { action: 'deadline-breached', stage: next.stage, at: deadline.dueAt },
  };
}
