/**
 * Waits until both workers are idle, so work one side left behind (journeys still running their
 * first tasks and activities after their starts were answered) is not billed to the side measured
 * next. Idle: each worker process used under 10% of a core over a 500 ms window. Generic on
 * purpose: it holds whatever the workflows do after a change.
 */
import type { ChildPart } from './child-part';

const WINDOW_MS = 500;
/** Clock ticks (normally 100 a second) a worker may use per window and still count as idle. */
const IDLE_TICKS = 5;

export async function settle(workers: readonly ChildPart[], timeoutMs = 180_000): Promise<number> {
  const t0 = Date.now();
  let before = workers.map((w) => w.cpuTicks());
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
    const now = workers.map((w) => w.cpuTicks());
    const busy = now.some((ticks, i) => ticks - before[i]! > IDLE_TICKS);
    if (!busy || Date.now() - t0 > timeoutMs) return Date.now() - t0;
    before = now;
  }
}
