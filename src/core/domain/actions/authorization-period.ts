import { addDaysToDate, authorizationPeriod, endOfLocalDate, localDateOf, startOfLocalDate } from '../../calendar';
import { formatInstant, openDeadlineDueAt } from '../deadline';
import type { JourneyState, Milestone } from '../journey-state';
import {
  INITIAL_AUTHORIZATION_MONTHS,
  PCQ_WINDOW_OPENS_DAYS_BEFORE_END,
  REAUTHORIZATION_MONTHS,
} from '../rules';

/**
 * Opens an authorization period: R-AUTH-12M for the first, R-REAUTH-6M for each renewal, counted by
 * ECM-RULES §1's month rule. Two milestones follow it: the R-PCQ-WINDOW opening 30 days before the
 * end (which opens the PCQ deadline), and the end of the period itself.
 */
export function withAuthorizationPeriod(state: JourneyState, kind: 'initial' | 'reauthorization', startDate: string): JourneyState {
  const tz = state.policy.calendar.timeZone;
  const months = kind === 'initial' ? INITIAL_AUTHORIZATION_MONTHS : REAUTHORIZATION_MONTHS;
  const { start, end } = authorizationPeriod(startDate, months);
  const number = (state.authorizationPeriods?.at(-1)?.number ?? 0) + 1;
  const windowOpens = addDaysToDate(end, -PCQ_WINDOW_OPENS_DAYS_BEFORE_END);
  const milestones: Milestone[] = [
    {
      key: `pcq-window-opens#${number}`,
      kind: 'pcq-window-opens',
      at: formatInstant(startOfLocalDate(windowOpens, tz), tz),
      status: 'pending',
      summary: `R-PCQ-WINDOW opens ${windowOpens}`,
    },
    {
      key: `authorization-ends#${number}`,
      kind: 'authorization-ends',
      at: formatInstant(endOfLocalDate(end, tz), tz),
      status: 'pending',
      summary: `${kind === 'initial' ? 'R-AUTH-12M' : 'R-REAUTH-6M'} period ${number} ends ${end}`,
    },
  ];
  return {
    ...state,
    authorizationPeriods: [...(state.authorizationPeriods ?? []), { number, kind, start, end }],
    milestones: [...(state.milestones ?? []), ...milestones],
    // R-AUTH-LAPSE: the plan must decide before the period's last day ends (journeys judged by act
    // time have this clock; older ones are caught when the period-end milestone fires).
    ...(state.actTimeJudgement
      ? { deadlines: [...state.deadlines, lapseDeadline(state, number, startOfLocalDate(start, tz), endOfLocalDate(end, tz))] }
      : {}),
  };
}

/** R-AUTH-LAPSE's key names its period, so each period's clock is told apart across runs. */
export function lapseDeadlineKey(periodNumber: number): string {
  return `R-AUTH-LAPSE:period-${periodNumber}`;
}

/** R-AUTH-LAPSE for one period: due at the end of its last day. */
export function lapseDeadline(state: JourneyState, periodNumber: number, startMs: number, endMs: number) {
  return openDeadlineDueAt(state.policy, 'R-AUTH-LAPSE', lapseDeadlineKey(periodNumber), startMs, endMs);
}

/** The local date an authorization decided at `atMs` takes effect. */
export function effectiveDateOf(state: JourneyState, atMs: number): string {
  return localDateOf(atMs, state.policy.calendar.timeZone);
}

/** R-AGE-21: a timer on `turns21On` (never the birthday itself, see api/routes/post-referral.ts) records the transition (no date in its summary). */
export function withAgeMilestone(state: JourneyState): JourneyState {
  if (!state.turns21On) return { ...state, ageGroup: state.ageGroup ?? 'adult' };
  const tz = state.policy.calendar.timeZone;
  return {
    ...state,
    ageGroup: 'child_youth',
    milestones: [
      ...(state.milestones ?? []),
      { key: 'turns-21', kind: 'turns-21', at: formatInstant(startOfLocalDate(state.turns21On, tz), tz), status: 'pending', summary: 'R-AGE-21 transition to adult criteria' },
    ],
  };
}
