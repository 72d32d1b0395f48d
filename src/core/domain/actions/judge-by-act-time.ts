import { judgeDeadlinesByActTime } from '../deadline';
import type { JourneyState } from '../journey-state';
import type { Transition } from './action-support';

/**
 * ECM-RULES §1, applied after every transition of a journey judged by act time: a deadline whose
 * alarm went off is met once its act turns out to be dated on time, however late it was
 * documented, and every alarm that no longer stands is withdrawn from the party it was escalated
 * to. Journeys started before this rule (no `actTimeJudgement`) keep the judgement they began with,
 * so their recorded histories replay unchanged.
 */
export function withActTimeJudgement(before: JourneyState, transition: Transition, nowMs: number): Transition {
  const { state } = transition;
  if (!state.actTimeJudgement) return transition;
  const { deadlines, withdrawn } = judgeDeadlinesByActTime(before.deadlines, state.deadlines, nowMs, state.policy.calendar.timeZone);
  if (withdrawn.length === 0 && deadlines.every((d, i) => d === state.deadlines[i])) return transition;
  return {
    ...transition,
    state: { ...state, deadlines },
    effects: [...transition.effects, ...withdrawn.map((deadline) => ({ kind: 'escalation_withdrawn' as const, deadline }))],
  };
}
