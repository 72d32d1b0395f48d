/**
 * The journey's pure core on a simulated clock, as the workflow drives it: each act is checked
 * and applied, every timer whose instant has passed fires first (deadlines breach, milestones
 * are reached), and ECM-RULES §1's judgement by act time follows every transition.
 */
import * as actions from '../../src/core/domain/actions';
import { withActTimeJudgement } from '../../src/core/domain/actions/judge-by-act-time';
import type { JourneyState } from '../../src/core/domain/journey-state';
import { resolvePlanPolicy } from '../../src/core/plan-policies';
import type { Act } from './journey-acts';

/** A fresh journey judged by act time, as a run with the patch starts. */
export function simulatedJourney(receivedMs: number): JourneyState {
  const state = actions.startJourney({
    memberId: 'mbr_00000000000000000000000000000000',
    policy: resolvePlanPolicy({}, 'LA-CARE'),
    referral: { referralKey: 'ref_sim', receivedAt: new Date(receivedMs).toISOString(), source: 'community', expedited: false, presumptive: false, populationsOfFocus: ['1a'] },
  });
  return { ...state, actTimeJudgement: true };
}

function step(state: JourneyState, transition: actions.Transition, nowMs: number): JourneyState {
  return withActTimeJudgement(state, transition, nowMs).state;
}

/** Fires, in due order, every open deadline and pending milestone due at or before `nowMs` (strictly before, when `strict`). */
export function fireTimers(state: JourneyState, nowMs: number, strict = false): JourneyState {
  let s = state;
  for (;;) {
    const due = (at: string) => (strict ? Date.parse(at) < nowMs : Date.parse(at) <= nowMs);
    const deadline = s.deadlines.filter((d) => d.status === 'open' && due(d.dueAt)).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
    const milestone = (s.milestones ?? []).filter((m) => m.status === 'pending' && due(m.at)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
    if (!deadline && !milestone) return s;
    // The workflow's timers fire in due order; the deadline or milestone due first goes first.
    const firstIsDeadline = deadline && (!milestone || Date.parse(deadline.dueAt) <= Date.parse(milestone.at));
    const fireAt = firstIsDeadline ? Date.parse(deadline.dueAt) : Date.parse(milestone!.at);
    s = firstIsDeadline ? step(s, actions.deadlineBreached(s, deadline.key), fireAt) : step(s, actions.milestoneReached(s, milestone!.key), fireAt);
  }
}

/** Applies one act documented at `nowMs`, checked first as the Update's validator would. */
export function applyAct(state: JourneyState, act: Act, nowMs: number, n: number): JourneyState {
  const envelope = { actionKey: `sim-${n}` };
  const b = act.body as never;
  const input = { ...(b as object), ...envelope } as never;
  switch (act.kind) {
    case 'authorization':
      return step(state, actions.decideAuthorization(state, input, nowMs), nowMs);
    case 'assignment':
      return step(state, actions.assignProvider(state, input, nowMs), nowMs);
    case 'assignment-response':
      return step(state, actions.respondToAssignment(state, input, nowMs), nowMs);
    case 'lead-care-manager':
      return step(state, actions.nameLeadCareManager(state, input, nowMs), nowMs);
    case 'outreach-attempt':
      return step(state, actions.logOutreachAttempt(state, input, nowMs), nowMs);
    case 'enrollment':
      return step(state, actions.enrollMember(state, input, nowMs), nowMs);
    case 'assessment-start':
    case 'assessment-complete':
      return step(state, actions.recordAssessment(state, input, nowMs), nowMs);
    case 'care-plan':
      return step(state, actions.recordCarePlan(state, input, nowMs), nowMs);
  }
}

/** Live: each act arrives as it happens, timers firing in between; then the clock runs to `endMs`. */
export function runLive(receivedMs: number, acts: readonly Act[], endMs: number): JourneyState {
  let s = simulatedJourney(receivedMs);
  acts.forEach((act, n) => {
    s = applyAct(fireTimers(s, act.at, true), act, act.at, n);
  });
  return fireTimers(s, endMs);
}

/** Backfilled: nothing is documented until `endMs`, after the last act; every timer has fired by then. */
export function runBackfilled(receivedMs: number, acts: readonly Act[], endMs: number): JourneyState {
  let s = fireTimers(simulatedJourney(receivedMs), endMs);
  acts.forEach((act, n) => {
    s = fireTimers(applyAct(s, act, endMs, n), endMs);
  });
  return s;
}
