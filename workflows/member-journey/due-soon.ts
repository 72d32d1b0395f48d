/**
 * The due-soon warning (issue 14 §3): for each open deadline a timer, named after its rule, fires at
 * the instant the deadline becomes due soon (`dueSoonLeadOf` / `dueSoonAt`: by default 24 h before
 * an hours-deadline, 2 business days before a day-deadline), and the journey tells the plan and the
 * assigned provider with a `deadline.due_soon` event. Identifiers and rule facts only, never PHI.
 *
 * When it warns, decided here:
 * - once per due instant: a deadline whose due instant moves (a re-counted clock) is warned again
 *   for the new instant, under a new event key;
 * - never for a deadline settled (met, cancelled, breached) before its due-soon instant;
 * - never when the due-soon instant is already past when the deadline opens or moves (a back-dated
 *   act, a clock shorter than its lead): the act that opened it, the worklist's `due_soon` status
 *   and the breach event at the due instant already tell; a warning for a moment gone is noise.
 */
import { condition } from '@temporalio/workflow';
import { formatZoned } from '../../src/core/calendar';
import { formatInstant, type Deadline } from '../../src/core/domain/deadline';
import { dueSoonAt, dueSoonLeadOf } from '../../src/core/domain/due-soon';
import type { JourneyState } from '../../src/core/domain/journey-state';
import type { CareRecordActivities } from '../../activities';
import { careRecord } from '../shared/care-record';
import { untilInstant } from '../shared/deadline-clock';

type OrganisationEvent = Parameters<CareRecordActivities['emitOrganisationEvent']>[0];

/** The instant (epoch ms) a deadline of this journey becomes due soon. */
export function dueSoonInstantOf(state: Pick<JourneyState, 'policy'>, deadline: Deadline): number {
  return dueSoonAt(dueSoonLeadOf(state.policy, deadline.rule), Date.parse(deadline.dueAt), state.policy.calendar);
}

/** The Temporal UI summary of the warning's timer: `R-LCM-72H due-soon 2026-12-03T09:00-08:00`, the instant it fires. */
export function dueSoonTimerSummary(deadline: Deadline, atMs: number, timeZone: string): string {
  return `${deadline.rule} due-soon ${formatZoned(atMs, timeZone)}`;
}

/** The event, keyed by the deadline and its due instant, so a retried emission is one event. */
export function dueSoonEvent(state: JourneyState, deadline: Deadline, atMs: number): OrganisationEvent {
  const plan = state.policy.plan;
  const providerId = state.assignment?.providerId ?? null;
  return {
    type: 'deadline.due_soon',
    eventKey: `deadline.due_soon:${state.referral.referralKey}:${deadline.key}:${Date.parse(deadline.dueAt)}`,
    occurredAt: new Date(atMs).toISOString(),
    organisations: [{ role: 'plan', organisation: plan }, ...(providerId ? [{ role: 'provider' as const, organisation: providerId }] : [])],
    data: {
      memberId: state.memberId, plan, providerId, rule: deadline.rule, deadlineKey: deadline.key, responsibleParty: deadline.party,
      dueAt: deadline.dueAt, dueSoonAt: formatInstant(atMs, state.policy.calendar.timeZone),
    },
  };
}

/** Watches one deadline for as long as it stays open, warning once per due instant (see above). */
export async function warnWhenDueSoon(read: () => JourneyState, key: string): Promise<void> {
  const find = (): Deadline | undefined => read().deadlines.find((d) => d.key === key);
  for (;;) {
    const deadline = find();
    if (!deadline || deadline.status !== 'open') return;
    const dueAt = deadline.dueAt;
    const settledOrMoved = (): boolean => {
      const current = find();
      return current?.status !== 'open' || current.dueAt !== dueAt;
    };
    const state = read();
    const atMs = dueSoonInstantOf(state, deadline);
    if (atMs > Date.now()) {
      const came = await untilInstant(new Date(atMs).toISOString(), settledOrMoved, dueSoonTimerSummary(deadline, atMs, state.policy.calendar.timeZone));
      if (came) await careRecord.emitOrganisationEvent(dueSoonEvent(read(), deadline, atMs));
    }
    // Warned, or opened inside its window: nothing more until the due instant moves or the deadline settles.
    await condition(settledOrMoved);
  }
}
