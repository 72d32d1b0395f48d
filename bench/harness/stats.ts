/** Order statistics of samples, and the A B A B … interleaving every figure is measured with. */

/** The q-quantile (0..1) of the samples, nearest rank; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);
export const p99 = (samples: readonly number[]): number => quantile(samples, 0.99);

/**
 * Runs `rounds` rounds of the sides in turn (A B A B …), the order flipped every other round so
 * neither side always runs second on a machine that warms up or fills up as it goes. `between`
 * runs before each side (the bench waits there for the workers to be idle again).
 */
export async function interleave<K extends string>(rounds: number, sides: Readonly<Record<K, () => Promise<void>>>, between: () => Promise<unknown> = () => Promise.resolve()): Promise<void> {
  const names = Object.keys(sides) as K[];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      await between();
      await sides[name]();
    }
  }
}

/**
 * Runs `fn` over `items`, at most `concurrency` at a time, in order of start. After a failure no
 * new item starts, the ones in flight finish, then the first error is thrown: nothing is left
 * running against a system about to be stopped.
 */
export async function inParallel<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        await fn(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
  if (failure) throw failure.error;
}

/** Calls `fn` until it resolves, at most `attempts` times, a second apart (a loaded machine times calls out). */
export async function retried<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** Milliseconds `fn` took. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Polls `probe` until it is true; throws `message` after `timeoutMs`. */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, message: string, everyMs = 250): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await probe()) return;
    } catch {
      // not there yet
    }
    if (Date.now() > until) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
