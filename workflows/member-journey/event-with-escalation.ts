/**
 * Issue 16 §4: a transition that raises an escalation (a deadline's breach) is written with it in
 * one activity, one transaction: the breach reaches the care record and its alarm the outbox one
 * activity round trip after the timer fired, where the event and then the escalation took two.
 */
import { patched } from '@temporalio/workflow';
import type { JourneyEffect } from '../../src/core/domain/actions';
import type { JourneyState } from '../../src/core/domain/journey-state';
import type { JourneyEventRecord } from '../../activities/care-record/types';
import { careRecord } from '../shared/care-record';
import { escalationOf } from './effects';

/** Runs recorded before this write the event, then escalate as an effect (two activities in a row). */
export const BREACH_WITH_ESCALATION_PATCH = 'breach-recorded-with-escalation';

/** Writes a transition's journey event, with its escalation when it raises one; answers the effects still to run. */
export async function recordEventAndEscalation(event: JourneyEventRecord, effects: readonly JourneyEffect[], after: JourneyState): Promise<readonly JourneyEffect[]> {
  const escalation = effects.find((e): e is Extract<JourneyEffect, { kind: 'escalation' }> => e.kind === 'escalation');
  if (!escalation || !patched(BREACH_WITH_ESCALATION_PATCH)) {
    await careRecord.recordJourneyEvent(event);
    return effects;
  }
  await careRecord.recordDeadlineBreach({ event, escalation: escalationOf(escalation, after) });
  return effects.filter((e) => e !== escalation);
}
