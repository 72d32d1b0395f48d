/**
 * The raw side's workflow surface: what a bare Temporal application with the same data would do.
 * Shared by the raw workflow (bundled) and the bench's client, so names cannot drift.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { MemberJourneyInput } from '../../src/contracts/member-journey';

export const RAW_WORKFLOW = 'rawJourney';
export const RAW_TASK_QUEUE = 'bench-raw';

/** The raw journey's input: our journey's own input (so payloads weigh the same), and an alarm. */
export interface RawJourneyInput {
  readonly journey: MemberJourneyInput;
  /** Epoch ms the workflow sleeps to, then marks itself overdue and writes a row. */
  readonly alarmAtMs?: number;
  /** Set when the start came with `rawIntake` (update-with-start): that Update writes the intake row. */
  readonly intakeByUpdate?: true;
}

/** Writes the intake row and answers once it is written: with a start, "started and on record". */
export const rawIntakeUpdate = defineUpdate<void, []>('rawIntake');

/** An Update that writes one row through an activity before it answers (as our actions do). */
export const rawWriteUpdate = defineUpdate<number, [number]>('rawWrite');
/** An Update that answers at once: the floor of an Update's round trip. */
export const rawTrivialUpdate = defineUpdate<number, [number]>('rawTrivial');
export const rawStateQuery = defineQuery<number>('rawState');

/** The one row an activity writes (the table lives in the raw side's own database). */
export interface RawRow {
  readonly workflowId: string;
  readonly kind: 'intake' | 'action' | 'alarm';
  readonly seq: number;
  readonly payload: unknown;
}
