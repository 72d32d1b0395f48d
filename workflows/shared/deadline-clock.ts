/**
 * A deadline's clock, in the spirit of samples-typescript's `UpdatableTimer`: one timer named after
 * its rule, re-armed when the due instant moves, that ends when the deadline is settled or fires
 * when its due instant passes first. Both workflows keep their clocks in a {@link Clocks}.
 */
import { condition } from '@temporalio/workflow';
import { timerSummary, type Deadline } from '../../src/core/domain/deadline';

/**
 * Waits on one deadline, read afresh each time (the state may replace it): resolves with the
 * deadline as it stood when its timer fired, or `undefined` once it is no longer open.
 */
export async function untilDue(read: () => Deadline | undefined, timeZone: string): Promise<Deadline | undefined> {
  for (;;) {
    const deadline = read();
    if (!deadline || deadline.status !== 'open') return undefined;
    const dueAt = deadline.dueAt;
    const settledOrMoved = await condition(
      () => {
        const current = read();
        return current?.status !== 'open' || current.dueAt !== dueAt;
      },
      // A due instant already past (a back-dated act) fires at once.
      Math.max(Date.parse(dueAt) - Date.now(), 1),
      { summary: timerSummary(deadline, timeZone) },
    );
    if (!settledOrMoved) return deadline;
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
