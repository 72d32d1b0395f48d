import { fulfil, openDeadline } from '../deadline';
import { turnaroundOf } from '../plan-policy';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState } from '../journey-state';
import { PROVIDER_STAGES } from './request-provider-change';
import {
  checkTimestamp,
  inPlanTime,
  nextDeadlineKey,
  openDeadlineOf,
  outstandingDeadlineOf,
  requireStage,
  withDeadlines,
  withStage,
  type ActionEnvelope,
  type Transition,
} from './action-support';
import { acceptedWithinWindow, windowClosedBySilence } from './decline-window';
import { PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** The assigned provider names the member's Lead Care Manager, which begins outreach. */
export interface LeadCareManagerInput extends ActionEnvelope {
  readonly careManagerId: string;
  readonly at: string;
}

const ACTION = 'lead-care-manager';

/** Refuses a naming that does not fit; the update validator runs this. */
export function checkLeadCareManager(state: JourneyState, input: LeadCareManagerInput, nowMs: number): void {
  // ASSIGNED: the first Lead Care Manager. Later: a new provider's, or a change of Lead Care Manager.
  requireStage(state, PROVIDER_STAGES, 'Naming a Lead Care Manager');
  if (!state.assignment) throw new JourneyRuleViolation(JourneyErrorCode.WrongStage, 'there is no assignment');
  checkTimestamp(state, input.at, nowMs, { at: state.assignment.assignedAt, what: 'the assignment was sent' });
}

/**
 * Meets R-LCM-72H and moves the journey to OUTREACH. Naming a Lead Care Manager without having
 * answered the assignment is an acceptance, which also meets R-DECLINE-1BD.
 */
export function nameLeadCareManager(given: JourneyState, input: LeadCareManagerInput, nowMs: number): Transition {
  checkLeadCareManager(given, input, nowMs);
  const atMs = Date.parse(input.at);
  // R-DECLINE-1BD judged by act time: a naming dated inside the window that silence closed is the
  // provider's acceptance at that instant, so R-LCM-72H counts from it, as it would have live.
  const closedBySilence = given.stage === 'ASSIGNED' ? windowClosedBySilence(given, atMs) : undefined;
  const state = closedBySilence ? acceptedWithinWindow(given, closedBySilence, atMs, nowMs) : given;
  const assignment = state.assignment!;
  const tz = state.policy.calendar.timeZone;
  const at = inPlanTime(state, atMs);
  const window = openDeadlineOf(state, 'R-DECLINE-1BD');
  // Naming before answering is an acceptance at this instant, which starts (and meets) R-LCM-72H.
  const clock =
    outstandingDeadlineOf(state, 'R-LCM-72H') ??
    openDeadline(state.policy, 'R-LCM-72H', nextDeadlineKey(state, 'R-LCM-72H'), atMs, turnaroundOf(state.policy, 'R-LCM-72H'));
  const firstNaming = state.stage === 'ASSIGNED';
  let next = withDeadlines(
    {
      ...state,
      assignment: assignment.response ? assignment : { ...assignment, response: { response: 'accepted', at } },
      // R-ONE-LCM: naming a Lead Care Manager replaces any earlier one (the caseload store swaps them atomically).
      leadCareManager: { careManagerId: input.careManagerId, providerId: assignment.providerId, namedAt: at },
      ...(firstNaming ? { outreachStartedAt: at, outreachAttempts: [] } : {}),
    },
    ...(window ? [fulfil(window, atMs, tz)] : []),
    // A change of Lead Care Manager with no clock running leaves the deadlines as they are.
    ...(firstNaming || outstandingDeadlineOf(state, 'R-LCM-72H') ? [fulfil(clock, atMs, tz)] : []),
    // R-OUTREACH-30D starts with outreach.
    ...(firstNaming ? [openDeadline(state.policy, 'R-OUTREACH-30D', 'R-OUTREACH-30D', atMs, turnaroundOf(state.policy, 'R-OUTREACH-30D'))] : []),
  );
  if (firstNaming) next = withStage(next, 'OUTREACH', at, ACTION, input.actor);
  // The API reserved the slot under this key before sending the naming (R-CASELOAD-50).
  return {
    state: next,
    effects: [{ kind: 'caseload_confirm', reservationKey: caseloadReservationKey(given.memberId, input.actionKey) }],
    result: { action: ACTION, stage: next.stage, at },
  };
}

/** The key under which the API reserves a naming's caseload slot and the journey confirms it. */
export function caseloadReservationKey(memberId: string, actionKey: string): string {
  return `${memberId}:${actionKey}`;
}

/**
 * Meets R-LCM-72H; the journey moves to OUTREACH. The API reserves the Lead Care Manager's
 * caseload slot first (R-CASELOAD-50, R-ONE-LCM), so a full caseload is refused before the journey
 * sees the request, and a naming the journey refuses gives its slot back.
 */
export const nameLeadCareManagerAction = journeyAction({
  name: 'nameLeadCareManager',
  eventKind: ACTION,
  stages: PROVIDER_STAGES,
  check: checkLeadCareManager,
  apply: nameLeadCareManager,
  route: {
    path: 'lead-care-manager',
    summary: 'Name the member’s Lead Care Manager',
    roles: PROVIDER,
    rules: ['R-LCM-72H', 'R-ONE-LCM', 'R-CASELOAD-50'],
    careManagerNamed: (body) => (body as { careManagerId?: unknown } | undefined)?.careManagerId,
    reserves: 'caseload-slot',
    body: (k) => k.z.strictObject({ careManagerId: k.text({ max: 64 }), at: k.instant }),
    toInput: (b, actionKey) => ({ actionKey, careManagerId: b.careManagerId, at: b.at }),
  },
  projection: 'lead-care-manager-naming',
});
