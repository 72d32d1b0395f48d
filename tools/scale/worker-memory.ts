/**
 * `npm run scale:memory` (issue 16 §3): what one worker process costs per open journey, with the
 * pure core preloaded (worker/workflow-bundle-options.ts) and without, and what a cold journey (one
 * evicted from the cache, so replayed) costs an action against a warm one.
 *
 * 1. Starts SCALE_N2 journeys (default 3000) on the dev server; a worker process runs them.
 * 2. For each bundle, interleaved (preloaded, plain, preloaded, plain): a fresh worker process with
 *    an unbounded cache; RSS idle, after SCALE_N1 (default 1000) journeys are loaded into its cache
 *    (a query replays each), and after all SCALE_N2. KiB per cached journey = ΔRSS / Δjourneys.
 * 3. A worker at the configured default cache (ECM_WORKER_MAX_CACHED_WORKFLOWS) and heap
 *    (SCALE_HEAP_MIB, default 768, as compose sets): RSS after every journey was loaded.
 * 4. Cold vs warm: pairs of the same action (decideAuthorization), one on a journey evicted from
 *    that worker's cache, one on a journey it holds, interleaved; p50 and p99 of each.
 *
 * Prints figures only; nothing here asserts a time.
 */
import { journeyStateQuery, journeyUpdates } from '../../src/contracts/member-journey';
import { DEFAULT_WORKER_MAX_CACHED_WORKFLOWS } from '../../src/infra/config';
import { eachConcurrently, MiB, percentile, settled, spawnWorker, startJourneys, startScaleSystem, type ScaleSystem, type WorkerProcess } from './scale-system';

const N1 = Number(process.env.SCALE_N1 ?? 1000);
const N2 = Number(process.env.SCALE_N2 ?? 3000);
const HEAP_MIB = Number(process.env.SCALE_HEAP_MIB ?? 768);
const PAIRS = Number(process.env.SCALE_PAIRS ?? 100);
/** The bounded worker's cache: the configured default unless a small trial run asks for less. */
const BOUNDED_CACHE = Number(process.env.SCALE_BOUNDED_CACHE ?? DEFAULT_WORKER_MAX_CACHED_WORKFLOWS);

/** Loads journeys into a worker's cache: a query on an uncached journey replays it there. */
async function load(sys: ScaleSystem, ids: readonly string[]): Promise<void> {
  await eachConcurrently(ids, 8, async (id) => {
    await sys.client.workflow.getHandle(id).query(journeyStateQuery);
  });
}

/** Waits until the worker holds `n` journeys and is idle (a loaded server may hand out tasks slowly). */
async function cachedAtLeast(worker: WorkerProcess, n: number, timeoutMs = 30 * 60_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const s = await settled(worker, timeoutMs);
    if (s.cached >= n) return s.rssBytes;
    if (Date.now() > until) throw new Error(`the worker holds ${s.cached} journeys, expected ${n}`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

async function main(): Promise<void> {
  const sys = await startScaleSystem();
  const run = `m${process.pid}`;
  const starter = await spawnWorker(sys, { bundle: sys.bundles.preloaded, maxCached: N2 + 100 });
  const t0 = performance.now();
  const ids = await startJourneys(sys, run, 0, N2);
  ids.sort();
  await cachedAtLeast(starter, N2);
  console.log(`started ${N2} journeys in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  await starter.stop();

  const perJourney: Record<'preloaded' | 'plain', number[]> = { preloaded: [], plain: [] };
  for (const variant of ['preloaded', 'plain', 'preloaded', 'plain'] as const) {
    const worker = await spawnWorker(sys, { bundle: sys.bundles[variant], maxCached: N2 + 100 });
    const idle = (await settled(worker)).rssBytes;
    await load(sys, ids.slice(0, N1));
    const at1 = await cachedAtLeast(worker, N1);
    await load(sys, ids.slice(N1));
    const at2 = await cachedAtLeast(worker, N2);
    const kib = (at2 - at1) / (N2 - N1) / 1024;
    perJourney[variant].push(kib);
    console.log(`${variant.padEnd(9)} RSS idle ${MiB(idle)} MiB, ${N1} cached ${MiB(at1)} MiB, ${N2} cached ${MiB(at2)} MiB: ${kib.toFixed(0)} KiB per cached journey`);
    await worker.stop();
  }
  const median = (xs: number[]): number => percentile(xs, 50);
  console.log(`per cached journey: preloaded ${median(perJourney.preloaded).toFixed(0)} KiB, plain ${median(perJourney.plain).toFixed(0)} KiB, ratio ${(median(perJourney.preloaded) / median(perJourney.plain)).toFixed(2)}x`);

  // The default bounds: the cache holds the last DEFAULT journeys loaded, the rest are evicted.
  const bounded = await spawnWorker(sys, { bundle: sys.bundles.preloaded, heapMiB: HEAP_MIB, maxCached: BOUNDED_CACHE });
  await load(sys, ids);
  const s = await settled(bounded);
  console.log(`bounded (cache ${BOUNDED_CACHE}, heap ${HEAP_MIB} MiB), ${N2} open journeys all loaded: RSS ${MiB(s.rssBytes)} MiB, ${s.cached} cached`);

  // Cold (evicted: the first loaded) against warm (cached: the last loaded), interleaved.
  const pairs = Math.max(0, Math.min(PAIRS, Math.floor(BOUNDED_CACHE / 2), N2 - BOUNDED_CACHE));
  const cold: number[] = [];
  const warm: number[] = [];
  const act = async (id: string, into: number[]): Promise<void> => {
    const t = performance.now();
    await sys.client.workflow.getHandle(id).executeUpdate(journeyUpdates.decideAuthorization, { args: [{ actionKey: `scale-${id}`, decision: 'approved', decidedAt: new Date().toISOString() }] });
    into.push(performance.now() - t);
  };
  for (let i = 0; i < pairs; i++) {
    await act(ids[i]!, cold);
    await act(ids[ids.length - 1 - i]!, warm);
  }
  const f = (xs: number[]): string => `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms`;
  console.log(`action on a cold journey (evicted, replayed): ${f(cold)}; on a warm one: ${f(warm)}; p99 ratio ${(percentile(cold, 99) / percentile(warm, 99)).toFixed(2)}x (${pairs} pairs)`);
  await bounded.stop();
  await sys.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
