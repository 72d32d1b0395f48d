/**
 * One member's ECM journey, from referral to the end of ECM (ECM-RULES §5). Every action arrives as
 * an Update whose validator refuses what the rules forbid, so a refused action leaves no trace in
 * the history. Every deadline is a timer named after its rule; when it fires first the deadline is
 * breached, ops see it through `EcmOverdue`, the responsible party is escalated to, and the journey
 * keeps waiting for the late act.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { CareRecordActivities } from '../../activities';
import * as actions from '../../src/core/domain/actions';
import { deadlineBreached, milestoneReached, startJourney, type ActionEnvelope, type Transition } from '../../src/core/domain/actions';
import { timerSummary } from '../../src/core/domain/deadline';
import { journeySnapshot, nextRecordSequence } from '../../src/core/domain/care-record-snapshot';
import { JourneyErrorCode, JourneyRuleViolation } from '../../src/core/domain/errors';
import { refusal } from '../refusal';
import type { RuleReadings } from '../../src/core/domain/rule-readings';
import { isTerminalStage } from '../../src/core/domain/journey-stage';
import {
  APPLIED_ACTIONS_KEPT,
  hasOverdueDeadline,
  nextOpenDeadline,
  viewOf,
  type ActionResult,
  type JourneyState,
} from '../../src/core/domain/journey-state';
import * as updates from '../../src/contracts/member-journey';
import { journeyStateQuery, type MemberJourneyInput, type MemberJourneyOutcome } from '../../src/contracts/member-journey';
import { pruneForContinueAsNew } from './prune-state';
import { EcmAuthorizationLapsed, EcmInTransitionalCare, EcmNextDeadline, EcmOverdue, EcmProvider, EcmStage } from '../../src/contracts/search-attributes';
import { withActTimeJudgement } from '../../src/core/domain/actions/judge-by-act-time';
import { isOverdue } from '../../src/core/domain/deadline';
import { episodeUpdateSignal } from '../../src/contracts/episode-signals';
import { episodeAdtEventSignal, journeyEndedSignal } from '../../src/contracts/transitional-care';
import { transitionalCare } from '../transitional-care/workflow';

const careRecord = proxyActivities<CareRecordActivities>({
  startToCloseTimeout: '30 seconds',
  // A care-record outage must delay the journey, never lose an event: retry without a cap.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** The failure type of an act whose care-record write was refused as a data error. */
const CARE_RECORD_REFUSED = 'care_record_refused';

/** The type of a non-retryable activity failure (the care record refused the data), if it is one. */
function careRecordRefusal(err: unknown): string | undefined {
  if (!(err instanceof ActivityFailure) || !(err.cause instanceof ApplicationFailure) || !err.cause.nonRetryable) return undefined;
  return err.cause.type ?? 'CareRecordDataError';
}

/** The member journey workflow. */
export async function memberJourney(input: MemberJourneyInput): Promise<MemberJourneyOutcome> {
  let state: JourneyState = input.carriedState ?? startJourney(input.start);
  // ECM-RULES §1 as updated: deadlines and windows follow when acts happened. Decided once per run,
  // so a run recorded before the rule replays with the judgement it had.
  // (A run that carries the flag began after the patch, so it always finds the patch applied.)
  const actTime = patched('deadlines-judged-by-act-time');
  if (actTime) state = { ...state, actTimeJudgement: true };
  const timeZone = state.policy.calendar.timeZone;
  const watchers = new Map<string, Promise<void>>();
  let published = '';

  /** Keeps the search attributes ops filter on in step with the state, writing only on change. */
  function publishSearchAttributes(): void {
    const next = nextOpenDeadline(state);
    const snapshot = {
      stage: state.stage,
      provider: state.assignment?.providerId ?? null,
      nextDeadline: next?.dueAt ?? null,
      overdue: hasOverdueDeadline(state),
      inTransitionalCare: (state.episodes ?? []).some((e) => e.status === 'open'),
      // R-AUTH-LAPSE: only runs judged by act time have the clock (and the attribute).
      ...(actTime ? { authorizationLapsed: state.deadlines.some((d) => d.rule === 'R-AUTH-LAPSE' && isOverdue(d)) } : {}),
    };
    const key = JSON.stringify(snapshot);
    if (key === published) return;
    published = key;
    upsertSearchAttributes([
      { key: EcmStage, value: snapshot.stage },
      { key: EcmProvider, value: snapshot.provider },
      { key: EcmNextDeadline, value: snapshot.nextDeadline ? new Date(snapshot.nextDeadline) : null },
      { key: EcmOverdue, value: snapshot.overdue },
      { key: EcmInTransitionalCare, value: snapshot.inTransitionalCare },
      ...(snapshot.authorizationLapsed !== undefined ? [{ key: EcmAuthorizationLapsed, value: snapshot.authorizationLapsed }] : []),
    ]);
  }

  /** One timer per open deadline, named after its rule; re-armed when the due instant moves. */
  async function watchDeadline(key: string): Promise<void> {
    for (;;) {
      const deadline = state.deadlines.find((d) => d.key === key);
      if (!deadline || deadline.status !== 'open') return;
      const dueAt = deadline.dueAt;
      const settledOrMoved = await condition(
        () => {
          const current = state.deadlines.find((d) => d.key === key);
          return current?.status !== 'open' || current.dueAt !== dueAt;
        },
        // A due instant already past (a back-dated act) fires at once.
        Math.max(Date.parse(dueAt) - Date.now(), 1),
        { summary: timerSummary(deadline, timeZone) },
      );
      if (!settledOrMoved) {
        await commit(deadlineBreached(state, key), `breach:${key}`, 'deadline-breached', { rule: deadline.rule, deadlineKey: key }).catch(unlessRecorded);
        return;
      }
    }
  }

  /** One timer per pending milestone (a window opening, a period ending, a birthday). */
  async function watchMilestone(key: string): Promise<void> {
    const milestone = state.milestones?.find((m) => m.key === key);
    if (!milestone || milestone.status !== 'pending') return;
    const fired = !(await condition(
      () => state.milestones?.find((m) => m.key === key)?.status !== 'pending',
      Math.max(Date.parse(milestone.at) - Date.now(), 1),
      { summary: milestone.summary },
    ));
    if (fired) await commit(milestoneReached(state, key), `milestone:${key}`, 'milestone', { milestone: milestone.kind }).catch(unlessRecorded);
  }

  function armDeadlineTimers(): void {
    for (const deadline of state.deadlines) {
      if (deadline.status === 'open' && !watchers.has(deadline.key)) {
        const watcher = watchDeadline(deadline.key).finally(() => watchers.delete(deadline.key));
        watchers.set(deadline.key, watcher);
      }
    }
    for (const milestone of state.milestones ?? []) {
      const key = `milestone:${milestone.key}`;
      if (milestone.status === 'pending' && !watchers.has(key)) {
        const watcher = watchMilestone(milestone.key).finally(() => watchers.delete(key));
        watchers.set(key, watcher);
      }
    }
  }

  /** The referral's own row, which every later care-record row refers to; settled before they are written. */
  let referralRecorded: Promise<void> = Promise.resolve();

  /**
   * Care-record writes and effects of successive transitions, in the order the transitions were
   * applied: two concurrent Lead Care Manager namings confirm their caseload slots in the order the
   * journey took them, so the slot, the journey and the care record name the same person
   * (R-ONE-LCM, R-CASELOAD-50). Runs recorded before this keep their concurrent writes.
   */
  let inOrder: Promise<void> = Promise.resolve();

  /** Applies a transition, then writes it to the care record and carries out its effects. */
  async function commit(given: Transition, eventKey: string, kind: string, detail: Record<string, unknown>): Promise<void> {
    const before = state;
    const transition = actTime ? withActTimeJudgement(before, given, Date.now()) : given;
    state = nextRecordSequence(transition.state);
    armDeadlineTimers();
    publishSearchAttributes();
    if (!actTime) {
      await writeAndEffect(transition, before, state, eventKey, kind, detail);
      return;
    }
    // The snapshot is the state this transition produced, whatever later ones make of it.
    const after = state;
    const mine = inOrder.then(() => writeAndEffect(transition, before, after, eventKey, kind, detail));
    inOrder = mine.catch(() => undefined);
    try {
      await mine;
    } catch (err) {
      // A data error the care record will never accept is not retried (the activity says so):
      // the journey records the problem where callers and ops see it, and the act fails.
      const refusedAs = careRecordRefusal(err);
      if (!refusedAs) throw err;
      state = {
        ...state,
        warnings: [...(state.warnings ?? []), { rule: 'CARE-RECORD', message: `the care record refused the ${kind} write (${refusedAs}); it needs repair`, at: transition.result.at }],
      };
      throw ApplicationFailure.create({ type: CARE_RECORD_REFUSED, message: `the care record refused this ${kind} (${refusedAs})`, nonRetryable: true });
    }
  }

  /** A timer's or a report's write the care record refused is already recorded as a warning. */
  function unlessRecorded(err: unknown): void {
    if (!(err instanceof ApplicationFailure && err.type === CARE_RECORD_REFUSED)) throw err;
  }

  async function writeAndEffect(transition: Transition, before: JourneyState, after: JourneyState, eventKey: string, kind: string, detail: Record<string, unknown>): Promise<void> {
    await referralRecorded;
    const changed = after.deadlines.filter((d) => !before.deadlines.includes(d));
    const journey = { memberId: after.memberId, referralKey: after.referral.referralKey };
    await careRecord.recordJourneyEvent({
      ...journey, eventKey, kind, stage: after.stage, occurredAt: transition.result.at, detail, deadlines: changed, journey: journeySnapshot(after),
    });
    for (const effect of transition.effects) {
      switch (effect.kind) {
        case 'notice_of_action': {
          // R-DENIAL-NOA: the notice is sent and kept in the care record.
          const { kind: _kind, ...notice } = effect;
          await careRecord.sendNoticeOfAction({ ...journey, noticeKey: `${eventKey}:notice`, ...notice });
          break;
        }
        case 'escalation':
          await careRecord.escalateDeadlineBreach({
            ...journey,
            plan: after.policy.plan,
            ...(after.assignment ? { providerId: after.assignment.providerId } : {}),
            deadline: effect.deadline,
          });
          break;
        case 'escalation_withdrawn':
          // ECM-RULES §1: a timely act documented late withdraws the alarm; the party is told.
          await careRecord.withdrawDeadlineEscalation({ ...journey, deadline: effect.deadline });
          break;
        case 'plan_report':
          // R-UNREACHABLE: the outcome of outreach goes to the plan.
          await careRecord.reportToPlan({ ...journey, reportKey: `${eventKey}:report`, plan: after.policy.plan, report: effect.report, outcome: effect.outcome, at: effect.at });
          break;
        case 'transitional_care':
          if (effect.start) {
            // ABANDON: an episode outlives the journey's continue-as-new; the journey reaches it by ID.
            await startChild(transitionalCare, {
              workflowId: effect.workflowId,
              args: [{ start: { memberId: after.memberId, episodeKey: effect.episodeKey, parentWorkflowId: workflowInfo().workflowId, policy: after.policy, referralKey: after.referral.referralKey, ...(after.assignment ? { providerId: after.assignment.providerId } : {}) }, firstEvent: effect.event }],
              parentClosePolicy: ParentClosePolicy.ABANDON,
            });
          } else {
            try {
              await getExternalWorkflowHandle(effect.workflowId).signal(episodeAdtEventSignal, effect.event);
            } catch {
              // The episode closed between its last report and this event; the event is in the care record.
            }
          }
          break;
        case 'caseload_confirm':
          await careRecord.confirmCaseloadSlot({ reservationKey: effect.reservationKey });
          break;
        case 'caseload_release':
          // R-CASELOAD-50: the member no longer counts against this Lead Care Manager.
          await careRecord.releaseCaseloadSlot({ memberId: after.memberId, careManagerId: effect.careManagerId, reason: effect.reason, at: effect.at });
          break;
      }
    }
  }

  /** The first result of an idempotency key, if it was already applied (in this run or one carried over). */
  function appliedResult(envelope: ActionEnvelope, action: string, fingerprint: string): ActionResult | undefined {
    const applied = state.appliedActions.find((a) => a.actionKey === envelope.actionKey);
    if (!applied) return undefined;
    if (applied.action !== action || applied.fingerprint !== fingerprint) {
      throw new JourneyRuleViolation(
        JourneyErrorCode.IdempotencyKeyReused,
        `the idempotency key was already used for a different ${applied.action} request`,
      );
    }
    return applied.result;
  }

  /**
   * Issue 9's readings of R-OUTREACH-30D, R-UNREACHABLE and SMART goals judge every act handled
   * since this patch; an act a history recorded before it replays as it was judged, with the same
   * commands. Validators run only for new acts, so they always judge by the current readings.
   */
  function readingsOfThisAct(): RuleReadings {
    return patched('guide-readings-outreach-care-plan') ? 'guide' : 'before-guide-readings';
  }

  /** Registers one action: validator = the pure check, handler = the pure transition plus its effects. */
  function handleAction<I extends ActionEnvelope>(
    update: UpdateDefinition<ActionResult, [I]>,
    action: string,
    check: (s: JourneyState, i: I, nowMs: number) => void,
    transition: (s: JourneyState, i: I, nowMs: number, readings: RuleReadings) => Transition,
  ): void {
    const validator = (i: I): void => {
      try {
        if (appliedResult(i, action, JSON.stringify(i))) return;
        check(state, i, Date.now());
      } catch (err) {
        refusal(err);
      }
    };
    const handler = async (i: I): Promise<ActionResult> => {
      const fingerprint = JSON.stringify(i);
      let t: Transition;
      try {
        const earlier = appliedResult(i, action, fingerprint);
        if (earlier) return earlier;
        t = transition(state, i, Date.now(), readingsOfThisAct());
      } catch (err) {
        return refusal(err);
      }
      const remembered = [...t.state.appliedActions, { actionKey: i.actionKey, action, fingerprint, result: t.result }];
      const withMemory = { ...t.state, appliedActions: remembered.slice(-APPLIED_ACTIONS_KEPT) };
      await commit({ ...t, state: withMemory }, i.actionKey, action, { ...i } as Record<string, unknown>);
      return t.result;
    };
    setHandler(update, handler, { validator });
  }

  setHandler(journeyStateQuery, () => viewOf(state));
  handleAction(updates.decideAuthorizationUpdate, 'authorization', actions.checkAuthorizationDecision, actions.decideAuthorization);
  handleAction(updates.assignProviderUpdate, 'assignment', actions.checkProviderAssignment, actions.assignProvider);
  handleAction(updates.respondToAssignmentUpdate, 'assignment-response', actions.checkAssignmentResponse, actions.respondToAssignment);
  handleAction(updates.nameLeadCareManagerUpdate, 'lead-care-manager', actions.checkLeadCareManager, actions.nameLeadCareManager);
  handleAction(updates.logOutreachAttemptUpdate, 'outreach-attempt', actions.checkOutreachAttempt, actions.logOutreachAttempt);
  handleAction(updates.closeOutreachUpdate, 'outreach-close', actions.checkCloseOutreach, actions.closeOutreach);
  handleAction(updates.enrollMemberUpdate, 'enrollment', actions.checkEnrollment, actions.enrollMember);
  handleAction(updates.optOutUpdate, 'opt-out', actions.checkOptOut, actions.optOut);
  handleAction(updates.recordAssessmentUpdate, 'assessment', actions.checkAssessment, actions.recordAssessment);
  handleAction(updates.delayAssessmentUpdate, 'assessment-delay', actions.checkAssessmentDelay, actions.delayAssessment);
  handleAction(updates.recordCarePlanUpdate, 'care-plan', actions.checkCarePlan, actions.recordCarePlan);
  handleAction(updates.submitPcqUpdate, 'pcq', actions.checkPcq, actions.submitPcq);
  handleAction(updates.decideReauthorizationUpdate, 'reauthorization', actions.checkReauthorization, actions.decideReauthorization);
  handleAction(updates.recordCaseConferenceUpdate, 'case-conference', actions.checkCaseConference, actions.recordCaseConference);
  handleAction(updates.discontinueUpdate, 'discontinuation', actions.checkDiscontinuation, actions.discontinue);
  handleAction(updates.requestProviderChangeUpdate, 'provider-change', actions.checkProviderChange, actions.requestProviderChange);
  handleAction(updates.recordPcpChangeUpdate, 'pcp-change', actions.checkPcpChange, actions.recordPcpChange);
  handleAction(updates.recordProgramFindingsUpdate, 'program-findings', actions.checkProgramFindings, actions.recordProgramFindings);
  handleAction(updates.recordAdtEventUpdate, 'adt-event', (s, i) => actions.checkAdtEvent(s, i), (s, i) => actions.recordAdtEvent(s, i));
  setHandler(episodeUpdateSignal, async (report) => {
    await commit(actions.episodeUpdated(state, report, Date.now()), `episode:${report.episodeKey}:${report.closed ? 'closed' : `risk-${report.riskBand}`}`, 'episode-update', { ...report }).catch(unlessRecorded);
  });
  handleAction(updates.chooseProgramUpdate, 'program-choice', actions.checkProgramChoice, actions.chooseProgram);

  // Clocks start before any I/O: a care-record outage must not delay a deadline.
  armDeadlineTimers();
  publishSearchAttributes();
  if (!input.carriedState && input.referralRecord) {
    // The referral enters the care record exactly once, keyed by its referral key.
    referralRecorded = careRecord.recordReferral(input.referralRecord);
    await referralRecorded;
    // Journeys started before this patch recorded their first deadlines only at the first act.
    if (patched('care-record-opening-deadlines')) {
      // The clocks the referral started (R-AUTH-ROUTINE / R-AUTH-EXPEDITED) are in the care record
      // from the start, so lists, reports and overdue counts see a journey nobody has acted on yet.
      state = nextRecordSequence(state);
      await careRecord.recordJourneyEvent({
        memberId: state.memberId,
        referralKey: state.referral.referralKey,
        eventKey: 'referral-received',
        kind: 'referral-received',
        stage: state.stage,
        occurredAt: state.referral.receivedAt,
        detail: {},
        deadlines: state.deadlines,
        journey: journeySnapshot(state),
      });
    }
  }

  // Long life: a new run per authorization period, or sooner if Temporal suggests it, so no
  // single history grows without bound.
  await condition(() => isTerminalStage(state.stage) || workflowInfo().continueAsNewSuggested || state.continueAsNewRequested === true);
  await condition(allHandlersFinished);
  if (!isTerminalStage(state.stage)) {
    // The referral record (PHI) stays behind: the care record already has it.
    return continueAsNew<typeof memberJourney>({ start: input.start, carriedState: pruneForContinueAsNew(state) });
  }
  await Promise.all(watchers.values());
  // Transitional care ends with the journey.
  for (const episode of state.episodes ?? []) {
    if (episode.status !== 'open') continue;
    try {
      await getExternalWorkflowHandle(episode.workflowId).signal(journeyEndedSignal, { at: new Date().toISOString() });
    } catch {
      // Already closed.
    }
  }
  return { memberId: state.memberId, stage: state.stage };
}
