/**
 * One transitional-care episode (Guide §8.5), a child of the member's journey: one admission and
 * any readmission before it completes. R-TCS-24H, R-TCS-7D and the 30-day minimum (R-TCS-30D)
 * are timers named after their rules; the episode completes when the member is discharged, every
 * R-TCS-TASKS task is done or waived, and 30 days have passed; then the parent opens R-REASSESS.
 */
import { allHandlersFinished, condition, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import { breach, fulfil, judgeDeadlinesByActTime } from '../../src/core/domain/deadline';
import { completionInstant } from '../../src/core/domain/transitional-care/completion-instant';
import { applyAdtEvent, newEpisode } from '../../src/core/domain/transitional-care/apply-adt-event';
import { checkTaskCompletion, completeTask, readyToComplete, type TaskCompletionInput } from '../../src/core/domain/transitional-care/complete-task';
import type { EpisodeState } from '../../src/core/domain/transitional-care/episode-state';
import { episodeSnapshot, nextRecordSequence } from '../../src/core/domain/care-record-snapshot';
import { cancelDeadlinesOf, inPlanTime, withDeadlines } from '../../src/core/domain/deadline-holder';
import { careRecord } from '../shared/care-record';
import { Clocks, untilDue } from '../shared/deadline-clock';
import { refusal } from '../shared/refusal';
import { episodeAttributePublisher } from './search-attributes';
import { episodeUpdateSignal, type EpisodeUpdate } from '../../src/contracts/episode-signals';
import {
  completeTaskUpdate,
  episodeAdtEventSignal,
  episodeStateQuery,
  journeyEndedSignal,
  type TransitionalCareInput,
  type TransitionalCareOutcome,
} from '../../src/contracts/transitional-care';

/** The transitional-care child workflow. */
export async function transitionalCare(input: TransitionalCareInput): Promise<TransitionalCareOutcome> {
  const { start } = input;
  let state: EpisodeState = applyAdtEvent(newEpisode(start), input.firstEvent);
  const tz = state.policy.calendar.timeZone;
  const clocks = new Clocks();
  const publishAttributes = episodeAttributePublisher();
  const closed = (): boolean => state.status === 'completed' || state.status === 'cancelled';
  // ECM-RULES §1 as updated: a task dated on time meets its clock, however late it is documented.
  // Decided once per run, so episodes recorded before the rule replay with the judgement they had.
  const actTime = patched('deadlines-judged-by-act-time');

  const publish = (): void => publishAttributes({ state, closed: closed() });

  /** Writes what changed to the care record, deadlines keyed under the episode so episodes never collide. */
  async function record(kind: string, eventKey: string, before: EpisodeState, detail: Record<string, unknown>): Promise<void> {
    const changed = state.deadlines.filter((d) => !before.deadlines.includes(d)).map((d) => ({ ...d, key: `${state.episodeKey}/${d.key}` }));
    state = nextRecordSequence(state);
    await careRecord.recordJourneyEvent({
      memberId: state.memberId,
      referralKey: start.referralKey,
      eventKey: `${state.episodeKey}:${eventKey}`,
      kind: `transitional-care:${kind}`,
      stage: 'TRANSITIONAL_CARE',
      occurredAt: inPlanTime(state, Date.now()),
      detail: { episodeKey: state.episodeKey, status: state.status, ...detail },
      deadlines: changed,
      episode: episodeSnapshot(state),
    });
  }

  async function tellParent(update: Omit<EpisodeUpdate, 'episodeKey'>): Promise<void> {
    try {
      await getExternalWorkflowHandle(start.parentWorkflowId).signal(episodeUpdateSignal, { episodeKey: state.episodeKey, ...update });
    } catch {
      // The journey has ended; nobody is waiting for this episode any more.
    }
  }

  async function apply(given: EpisodeState, kind: string, eventKey: string, detail: Record<string, unknown>): Promise<void> {
    const before = state;
    const judged = actTime ? judgeDeadlinesByActTime(before.deadlines, given.deadlines, Date.now(), tz) : { deadlines: given.deadlines, withdrawn: [] };
    const next = actTime ? { ...given, deadlines: judged.deadlines } : given;
    state = next;
    arm();
    publish();
    await record(kind, eventKey, before, detail);
    for (const deadline of judged.withdrawn) {
      // The alarm no longer stands: the escalation is withdrawn and the party told.
      await careRecord.withdrawDeadlineEscalation({ memberId: state.memberId, referralKey: start.referralKey, deadline: { ...deadline, key: `${state.episodeKey}/${deadline.key}` } });
    }
    if (next.riskBand && next.riskBand !== before.riskBand) await tellParent({ riskBand: next.riskBand });
  }

  async function watch(key: string): Promise<void> {
    const deadline = await untilDue(() => state.deadlines.find((d) => d.key === key), tz);
    if (!deadline) return;
    if (deadline.rule === 'R-TCS-30D') {
      // R-TCS-30D is a minimum, not an obligation to beat: reaching it is meeting it.
      await apply(withDeadlines(state, fulfil(deadline, Date.parse(deadline.dueAt), tz)), 'follow-period-reached', `reached:${key}`, { rule: deadline.rule });
      return;
    }
    const breached = breach(deadline);
    await apply(withDeadlines(state, breached), 'deadline-breached', `breach:${key}`, { rule: deadline.rule });
    await careRecord.escalateDeadlineBreach({
      memberId: state.memberId,
      referralKey: start.referralKey,
      plan: state.policy.plan,
      ...(start.providerId ? { providerId: start.providerId } : {}),
      deadline: { ...breached, key: `${state.episodeKey}/${breached.key}` },
    });
  }

  function arm(): void {
    for (const d of state.deadlines) if (d.status === 'open') clocks.arm(d.key, () => watch(d.key));
  }

  setHandler(episodeStateQuery, () => state);
  setHandler(episodeAdtEventSignal, async (event) => {
    await apply(applyAdtEvent(state, event), `adt:${event.eventType}`, `adt:${event.messageKey}`, { eventType: event.eventType, visitKey: event.visitKey });
  });
  setHandler(journeyEndedSignal, async ({ at }) => {
    if (closed()) return;
    const atMs = Date.parse(at);
    const ended = cancelDeadlinesOf(state, ['R-TCS-24H', 'R-TCS-7D', 'R-TCS-30D'], atMs, 'journey ended');
    await apply({ ...ended, status: 'cancelled', closedAt: inPlanTime(state, atMs) }, 'journey-ended', 'journey-ended', {});
  });
  setHandler(
    completeTaskUpdate,
    async (task) => {
      await apply(completeTask(state, task, Date.now()), `task:${task.task}`, `task:${task.actionKey}`, { task: task.task, outcome: task.outcome });
      return { task: task.task, status: task.outcome, episodeStatus: state.status };
    },
    {
      validator: (task: TaskCompletionInput) => {
        try {
          checkTaskCompletion(state, task, Date.now());
        } catch (err) {
          refusal(err);
        }
      },
    },
  );

  arm();
  publish();
  await record('opened', `opened:${input.firstEvent.messageKey}`, newEpisode(start), { eventType: input.firstEvent.eventType });
  await condition(() => closed() || readyToComplete(state));
  if (!closed()) {
    // R-REASSESS counts from when the episode completed, which a late-documented task may put in the past.
    const completedMs = actTime ? completionInstant(state, Date.now()) : Date.now();
    await apply({ ...state, status: 'completed', closedAt: inPlanTime(state, completedMs) }, 'completed', 'completed', {});
  }
  // Let every handler finish its care-record write before the episode closes.
  await condition(allHandlersFinished);
  await tellParent({ closed: { status: state.status, at: state.closedAt ?? inPlanTime(state, Date.now()) } });
  return { episodeKey: state.episodeKey, status: state.status as 'completed' | 'cancelled' };
}
