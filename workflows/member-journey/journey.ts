/**
 * One run of a member's journey: its state, its clocks, and how a transition is committed (applied,
 * written to the care record, its effects carried out). The workflow function (./workflow.ts)
 * reads as the process; the plumbing lives here.
 */
import { ActivityFailure, ApplicationFailure, patched, setHandler } from '@temporalio/workflow';
import { deadlineBreached, milestoneReached, startJourney, type ActionEnvelope, type JourneyAction, type Transition } from '../../src/core/domain/actions';
import { withActTimeJudgement } from '../../src/core/domain/actions/judge-by-act-time';
import { journeySnapshot, nextRecordSequence } from '../../src/core/domain/care-record-snapshot';
import { JourneyErrorCode, JourneyRuleViolation } from '../../src/core/domain/errors';
import { APPLIED_ACTIONS_KEPT, type ActionResult, type JourneyState } from '../../src/core/domain/journey-state';
import type { RuleReadings } from '../../src/core/domain/rule-readings';
import { journeyUpdates, type MemberJourneyInput } from '../../src/contracts/member-journey';
import { careRecord } from '../shared/care-record';
import { recordJourneyEvent } from '../shared/care-record-write';
import { Clocks, untilDue, untilInstant } from '../shared/deadline-clock';
import { InOrder } from '../shared/in-order';
import { refusal } from '../shared/refusal';
import { currentDetailsPublisher } from './current-details';
import { warnWhenDueSoon } from './due-soon';
import { runEffects } from './effects';
import { journeyAttributePublisher, journeySnapshotOf } from './search-attributes';

/** The failure type of an act whose care-record write was refused as a data error. */
const CARE_RECORD_REFUSED = 'care_record_refused';

/** The type of a non-retryable activity failure (the care record refused the data), if it is one. */
function careRecordRefusal(err: unknown): string | undefined {
  if (!(err instanceof ActivityFailure) || !(err.cause instanceof ApplicationFailure) || !err.cause.nonRetryable) return undefined;
  return err.cause.type ?? 'CareRecordDataError';
}

/** A timer's or a report's write the care record refused is already recorded as a warning. */
export function unlessRecorded(err: unknown): void {
  if (!(err instanceof ApplicationFailure && err.type === CARE_RECORD_REFUSED)) throw err;
}

export class MemberJourney {
  state: JourneyState;
  /**
   * ECM-RULES §1 as updated: deadlines and windows follow when acts happened. Decided once per run,
   * so a run recorded before the rule replays with the judgement it had. (A run that carries the
   * flag began after the patch, so it always finds the patch applied.)
   */
  readonly actTime: boolean;
  /**
   * Issue 14: a due-soon warning timer per open deadline, and `EcmNextRule`. Both add commands (a
   * timer, an upsert's payload), so they are decided once per run and recorded runs replay without.
   */
  readonly dueSoonWarnings: boolean;
  readonly clocks = new Clocks();
  private readonly publishAttributes = journeyAttributePublisher();
  private readonly publishDetails = currentDetailsPublisher();
  /** The referral's own row, which every later care-record row refers to; settled before they are written. */
  private referralRecorded: Promise<void> = Promise.resolve();
  /**
   * Care-record writes and effects of successive transitions, in the order the transitions were
   * applied: two concurrent Lead Care Manager namings confirm their caseload slots in the order the
   * journey took them, so the slot, the journey and the care record name the same person
   * (R-ONE-LCM, R-CASELOAD-50). Runs recorded before this keep their concurrent writes.
   */
  private readonly inOrder = new InOrder();

  constructor(input: MemberJourneyInput) {
    this.state = input.carriedState ?? startJourney(input.start);
    this.actTime = patched('deadlines-judged-by-act-time');
    if (this.actTime) this.state = { ...this.state, actTimeJudgement: true };
    this.dueSoonWarnings = patched('deadline-due-soon-warnings');
  }

  private get timeZone(): string {
    return this.state.policy.calendar.timeZone;
  }

  /** Keeps the search attributes ops filter on, and the UI's current details, in step with the state. */
  publish(): void {
    this.publishAttributes(journeySnapshotOf(this.state, this.actTime, this.dueSoonWarnings));
    this.publishDetails(this.state);
  }

  /** One clock per open deadline and per pending milestone (a window opening, a period ending, a birthday). */
  arm(): void {
    for (const deadline of this.state.deadlines) {
      if (deadline.status !== 'open') continue;
      this.clocks.arm(deadline.key, () => this.watchDeadline(deadline.key));
      if (this.dueSoonWarnings) this.clocks.arm(`due-soon:${deadline.key}`, () => warnWhenDueSoon(() => this.state, deadline.key));
    }
    for (const milestone of this.state.milestones ?? []) {
      if (milestone.status === 'pending') this.clocks.arm(`milestone:${milestone.key}`, () => this.watchMilestone(milestone.key));
    }
  }

  private async watchDeadline(key: string): Promise<void> {
    const fired = await untilDue(() => this.state.deadlines.find((d) => d.key === key), this.timeZone);
    if (fired) await this.commit(deadlineBreached(this.state, key), `breach:${key}`, 'deadline-breached', { rule: fired.rule, deadlineKey: key }).catch(unlessRecorded);
  }

  private async watchMilestone(key: string): Promise<void> {
    const milestone = this.state.milestones?.find((m) => m.key === key);
    if (!milestone || milestone.status !== 'pending') return;
    const reached = await untilInstant(milestone.at, () => this.state.milestones?.find((m) => m.key === key)?.status !== 'pending', milestone.summary);
    if (reached) await this.commit(milestoneReached(this.state, key), `milestone:${key}`, 'milestone', { milestone: milestone.kind }).catch(unlessRecorded);
  }

  /** The referral enters the care record exactly once, keyed by its referral key. */
  recordReferral(input: MemberJourneyInput): Promise<void> {
    this.referralRecorded = input.referralRecord ? careRecord.recordReferral(input.referralRecord) : Promise.resolve();
    return this.referralRecorded;
  }

  /**
   * The clocks the referral started (R-AUTH-ROUTINE / R-AUTH-EXPEDITED) are in the care record
   * from the start, so lists, reports and overdue counts see a journey nobody has acted on yet.
   */
  async recordOpeningDeadlines(): Promise<void> {
    this.state = nextRecordSequence(this.state);
    const s = this.state;
    await careRecord.recordJourneyEvent({
      memberId: s.memberId, referralKey: s.referral.referralKey, eventKey: 'referral-received', kind: 'referral-received', stage: s.stage, occurredAt: s.referral.receivedAt, detail: {}, deadlines: s.deadlines, journey: journeySnapshot(s),
    });
  }

  /** Applies a transition, then writes it to the care record and carries out its effects. */
  async commit(given: Transition, eventKey: string, kind: string, detail: Record<string, unknown>): Promise<void> {
    const before = this.state;
    const transition = this.actTime ? withActTimeJudgement(before, given, Date.now()) : given;
    this.state = nextRecordSequence(transition.state);
    this.arm();
    this.publish();
    // The snapshot is the state this transition produced, whatever later ones make of it.
    const after = this.state;
    if (!this.actTime) return this.writeAndEffect(transition, before, after, eventKey, kind, detail);
    try {
      await this.inOrder.run(() => this.writeAndEffect(transition, before, after, eventKey, kind, detail));
    } catch (err) {
      // A data error the care record will never accept is not retried (the activity says so):
      // the journey records the problem where callers and ops see it, and the act fails.
      const refusedAs = careRecordRefusal(err);
      if (!refusedAs) throw err;
      const warning = { rule: 'CARE-RECORD', message: `the care record refused the ${kind} write (${refusedAs}); it needs repair`, at: transition.result.at };
      this.state = { ...this.state, warnings: [...(this.state.warnings ?? []), warning] };
      throw ApplicationFailure.create({ type: CARE_RECORD_REFUSED, message: `the care record refused this ${kind} (${refusedAs})`, nonRetryable: true });
    }
  }

  private async writeAndEffect(transition: Transition, before: JourneyState, after: JourneyState, eventKey: string, kind: string, detail: Record<string, unknown>): Promise<void> {
    await this.referralRecorded;
    const changed = after.deadlines.filter((d) => !before.deadlines.includes(d));
    await recordJourneyEvent({
      memberId: after.memberId, referralKey: after.referral.referralKey, eventKey, kind, stage: after.stage, occurredAt: transition.result.at, detail, deadlines: changed, journey: journeySnapshot(after),
    });
    await runEffects(transition.effects, after, eventKey);
  }

  /** The first result of an idempotency key, if it was already applied (in this run or one carried over). */
  private appliedResult(envelope: ActionEnvelope, eventKind: string, fingerprint: string): ActionResult | undefined {
    const applied = this.state.appliedActions.find((a) => a.actionKey === envelope.actionKey);
    if (!applied) return undefined;
    if (applied.action !== eventKind || applied.fingerprint !== fingerprint) {
      throw new JourneyRuleViolation(JourneyErrorCode.IdempotencyKeyReused, `the idempotency key was already used for a different ${applied.action} request`);
    }
    return applied.result;
  }

  /** Registers an action's Update: validator = the pure check, handler = the pure transition plus its effects. */
  handle(action: JourneyAction): void {
    const validator = (i: ActionEnvelope): void => {
      try {
        if (this.appliedResult(i, action.eventKind, JSON.stringify(i))) return;
        action.check(this.state, i, Date.now());
      } catch (err) {
        refusal(err);
      }
    };
    const handler = async (i: ActionEnvelope): Promise<ActionResult> => {
      const fingerprint = JSON.stringify(i);
      let t: Transition;
      try {
        const earlier = this.appliedResult(i, action.eventKind, fingerprint);
        if (earlier) return earlier;
        t = action.apply(this.state, i, Date.now(), readingsOfThisAct());
      } catch (err) {
        return refusal(err);
      }
      const remembered = [...t.state.appliedActions, { actionKey: i.actionKey, action: action.eventKind, fingerprint, result: t.result }];
      const withMemory = { ...t.state, appliedActions: remembered.slice(-APPLIED_ACTIONS_KEPT) };
      await this.commit({ ...t, state: withMemory }, i.actionKey, action.eventKind, { ...i });
      return t.result;
    };
    const update = (journeyUpdates as unknown as Readonly<Record<string, Parameters<typeof setHandler>[0]>>)[action.name]!;
    setHandler(update as typeof journeyUpdates.recordCarePlan, handler as never, { validator: validator as never });
  }
}

/**
 * Issue 9's readings of R-OUTREACH-30D, R-UNREACHABLE and SMART goals judge every act handled
 * since this patch; an act a history recorded before it replays as it was judged, with the same
 * commands. Validators run only for new acts, so they always judge by the current readings.
 */
function readingsOfThisAct(): RuleReadings {
  return patched('guide-readings-outreach-care-plan') ? 'guide' : 'before-guide-readings';
}
