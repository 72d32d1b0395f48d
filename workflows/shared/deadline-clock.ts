/**
 * A deadline's clock, in the spirit of samples-typescript's `UpdatableTimer`: one timer named after
 * its rule, re-armed when the due instant moves, that ends when the deadline is settled or fires
 * when its due instant passes first. Both workflows keep their clocks in a {@link Clocks}.
 */
import { condition, patched } from '@temporalio/workflow';
import { timerSummary, type Deadline } from '../../src/core/domain/deadline';

/**
 * Issue 16 §4: a timer's length is measured from the workflow task's start (`Date.now()`), but the
 * server counts it from the task's completion, so a timer armed in a busy task fired as late as
 * that task took (210–220 ms at p50). A clock due later than this margin first arms an approach
 * timer ending this much early, then, in a task doing nothing else, a timer for the exact rest.
 * The margin is wide enough for a backlog of thousands of approach tasks to drain before the
 * instant. Runs recorded before the patch replay with their single timer.
 */
export const APPROACH_MARGIN_MS = 10_000;
export const EXACT_DEADLINE_TIMERS_PATCH = 'deadline-timers-exact-remainder';

/**
 * Waits on one deadline, read afresh each time (the state may replace it): resolves with the
 * deadline as it stood when its timer fired, or `undefined` once it is no longer open.
 */
export async function untilDue(read: () => Deadline | undefined, timeZone: string): Promise<Deadline | undefined> {
  /** True while the last timer was an approach timer and the deadline stayed as it was. */
  let approached = false;
  for (;;) {
    const deadline = read();
    if (!deadline || deadline.status !== 'open') return undefined;
    const dueAt = deadline.dueAt;
    const remaining = Date.parse(dueAt) - Date.now();
    // The approach timer fired so late that the instant has passed: breached now, without a timer more.
    if (approached && remaining <= 0) return deadline;
    const approach = remaining > APPROACH_MARGIN_MS && patched(EXACT_DEADLINE_TIMERS_PATCH);
    const summary = timerSummary(deadline, timeZone);
    const settledOrMoved = await condition(
      () => {
        const current = read();
        return current?.status !== 'open' || current.dueAt !== dueAt;
      },
      // A due instant already past (a back-dated act) fires at once.
      approach ? remaining - APPROACH_MARGIN_MS : Math.max(remaining, 1),
      // Both timers name the deadline and its due instant, as ops read them in the Web UI: the approach
      // timer ends 10 s before the instant it names, and is followed by one ending on it.
      { summary },
    );
    if (!settledOrMoved && !approach) return deadline;
    approached = !settledOrMoved;
  }
}

/** Waits until an instant, unless `settled` turns true first; true when the instant came. */
export async function untilInstant(at: string, settled: () => boolean, summary: string): Promise<boolean> {
  return !(await condition(settled, Math.max(Date.parse(at) - Date.now(), 1), { summary }));
}

/** The running clocks of one workflow, one per key, so a clock is never armed twice. */
export class Clocks {
  private readonly running = new Map<string, Promise<void>>();

  /** Starts `watch` under `key` unless a clock of that key already runs. */
  arm(key: string, watch: () => Promise<void>): void {
    if (this.running.has(key)) return;
    this.running.set(key, watch().finally(() => this.running.delete(key)));
  }

  /** Settles when every running clock has. */
  async settled(): Promise<void> {
    await Promise.all(this.running.values());
  }
}
