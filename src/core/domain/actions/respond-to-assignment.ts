import { fulfil, openDeadline } from '../deadline';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState, ProviderAssignment } from '../journey-state';
import { turnaroundOf } from '../plan-policy';
import { EXPEDITED_ASSIGNMENT_DUE } from '../rules';
import {
  checkTimestamp,
  inPlanTime,
  latestDeadlineOf,
  nextDeadlineKey,
  openDeadlineOf,
  requireReason,
  requireStage,
  withDeadlines,
  withStage,
  type ActionEnvelope,
  type Transition,
} from './action-support';
import { acceptedWithinWindow, declinedWithinWindow, windowClosedBySilence } from './decline-window';
import { PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/**
 * R-DECLINE-1BD: the grounds on which a provider may decline an assignment. The Guide (§7.4) gives
 * one, capacity; the list is an enum so a plan report can count declines by ground.
 */
export const DECLINE_REASONS = ['at_capacity'] as const;
/** One of {@link DECLINE_REASONS}. */
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** The provider's answer to an assignment. */
export interface AssignmentResponseInput extends ActionEnvelope {
  readonly response: 'accepted' | 'declined';
  /** A decline's ground (R-DECLINE-1BD); free text before the enum, so any string is kept. */
  readonly reason?: string;
  /** What the provider adds about the decline. */
  readonly detail?: string;
  readonly at: string;
}

const ACTION = 'assignment-response';

function currentAssignment(state: JourneyState): ProviderAssignment {
  requireStage(state, ['ASSIGNED'], 'Answering an assignment');
  // ASSIGNED always carries an assignment; the guard keeps the type honest.
  if (!state.assignment) throw new JourneyRuleViolation(JourneyErrorCode.WrongStage, 'there is no assignment to answer');
  return state.assignment;
}

/** Refuses an answer that does not fit; the update validator runs this. */
export function checkAssignmentResponse(state: JourneyState, input: AssignmentResponseInput, nowMs: number): void {
  const assignment = currentAssignment(state);
  const atMs = checkTimestamp(state, input.at, nowMs, { at: assignment.assignedAt, what: 'the assignment was sent' });
  if (assignment.response?.response === 'accepted' && !assignment.response.deemed) {
    throw new JourneyRuleViolation(JourneyErrorCode.WrongStage, `the provider already accepted this assignment at ${assignment.response.at}`);
  }
  if (input.response === 'declined') {
    requireReason(input.reason, 'Declining an assignment');
    // R-DECLINE-1BD: a decline counts only if it is dated within one business day of the sending,
    // even when it reaches the system after silence was taken as acceptance (ECM-RULES §1).
    const window = latestDeadlineOf(state, 'R-DECLINE-1BD');
    const inWindow = window && ((window.status === 'open' && atMs <= Date.parse(window.dueAt)) || windowClosedBySilence(state, atMs));
    if (!window || !inWindow) {
      throw new JourneyRuleViolation(
        JourneyErrorCode.DeclineWindowClosed,
        `a provider may decline only within one business day of the assignment (until ${window?.dueAt ?? 'the assignment'}); the assignment stands as accepted`,
      );
    }
  }
}

/**
 * R-DECLINE-1BD: acceptance meets the decline window and starts R-LCM-72H from the acceptance;
 * a decline for capacity returns the member to the plan, which must reassign on the referral's
 * turnaround (R-ASSIGN runs again, counted from the decline).
 */
export function respondToAssignment(state: JourneyState, input: AssignmentResponseInput, nowMs: number): Transition {
  checkAssignmentResponse(state, input, nowMs);
  const assignment = currentAssignment(state);
  const { policy } = state;
  const tz = policy.calendar.timeZone;
  const atMs = Date.parse(input.at);
  const at = inPlanTime(state, atMs);
  const window = openDeadlineOf(state, 'R-DECLINE-1BD');
  const closedBySilence = windowClosedBySilence(state, atMs);

  if (input.response === 'accepted') {
    // Dated inside the window that silence closed: the acceptance stands and R-LCM-72H counts from it.
    if (closedBySilence) {
      const next = acceptedWithinWindow(state, closedBySilence, atMs, nowMs);
      return { state: next, effects: [], result: { action: ACTION, stage: next.stage, at } };
    }
    // Silence already counted as acceptance and started R-LCM-72H from the sending: nothing changes.
    if (!window) return { state, effects: [], result: { action: ACTION, stage: state.stage, at } };
    // R-LCM-72H runs from the acceptance (Guide §7.4).
    const next = withDeadlines(
      { ...state, assignment: { ...assignment, response: { response: 'accepted', at } } },
      fulfil(window, atMs, tz),
      openDeadline(policy, 'R-LCM-72H', nextDeadlineKey(state, 'R-LCM-72H'), atMs, turnaroundOf(policy, 'R-LCM-72H')),
    );
    return { state: next, effects: [], result: { action: ACTION, stage: next.stage, at } };
  }

  const reason = requireReason(input.reason, 'Declining an assignment');
  const assignDue = state.referral.expedited ? EXPEDITED_ASSIGNMENT_DUE : turnaroundOf(policy, 'R-ASSIGN');
  const answered = closedBySilence ? declinedWithinWindow(state, closedBySilence, atMs, nowMs) : state;
  let next = withDeadlines(
    answered,
    ...(window ? [fulfil(window, atMs, tz)] : []),
    openDeadline(policy, 'R-ASSIGN', nextDeadlineKey(state, 'R-ASSIGN'), atMs, assignDue),
  );
  const { assignment: _declined, ...withoutAssignment } = next;
  next = {
    ...withoutAssignment,
    pastAssignments: [...state.pastAssignments, { ...assignment, response: { response: 'declined', at, reason, ...(input.detail ? { detail: input.detail } : {}) } }],
  };
  next = withStage(next, 'AUTHORIZED', at, ACTION);
  return { state: next, effects: [], result: { action: ACTION, stage: next.stage, at } };
}

/** R-DECLINE-1BD: the provider accepts, or declines within one business day of the assignment. */
export const respondToAssignmentAction = journeyAction({
  name: 'respondToAssignment',
  eventKind: ACTION,
  stages: ['ASSIGNED'],
  check: checkAssignmentResponse,
  apply: respondToAssignment,
  route: {
    path: 'assignment/response',
    summary: 'The provider accepts or declines the assignment',
    roles: PROVIDER,
    rules: ['R-DECLINE-1BD'],
    body: (k) =>
      k.z
        .strictObject({
          response: k.z.enum(['accepted', 'declined']),
          // A provider may decline only at capacity (Guide §7.4), so that is the default.
          reason: k.z.enum(DECLINE_REASONS).optional(),
          // What the provider adds to a decline, e.g. when capacity is expected back.
          detail: k.text({ max: 2000 }).optional(),
          at: k.instant,
        })
        .refine((b) => b.response === 'declined' || (b.reason === undefined && b.detail === undefined), { path: ['reason'], message: 'only a decline has a reason' }),
    toInput: (b, actionKey) => ({
      actionKey,
      response: b.response,
      at: b.at,
      ...(b.response === 'declined' ? { reason: b.reason ?? 'at_capacity' } : {}),
      ...(b.detail ? { detail: b.detail } : {}),
    }),
  },
});
