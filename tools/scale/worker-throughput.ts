/**
 * `npm run scale:throughput` (issue 16 §5): what a second worker process adds. Interleaved rounds
 * (one worker, two workers, one, two, …) each start SCALE_K journeys (default 300) straight from a
 * client on the dev server and time until the workers have run them to their first wait (started,
 * referral and opening event written); journeys per second, the median of each, and the ratio.
 * Each round has a task queue of its own, so a round's workers see only its journeys.
 *
 * Prints figures only; nothing here asserts a time.
 */
import { MiB, percentile, settled, spawnWorker, startJourneys, startScaleSystem, type WorkerProcess } from './scale-system';

const K = Number(process.env.SCALE_K ?? 300);
const ROUNDS = Number(process.env.SCALE_ROUNDS ?? 2);

async function main(): Promise<void> {
  const sys = await startScaleSystem();
  const rates: Record<1 | 2, number[]> = { 1: [], 2: [] };
  for (let round = 0; round < ROUNDS * 2; round++) {
    const workers = (round % 2 === 0 ? 1 : 2);
    const taskQueue = `ecm-scale-${round}`;
    const procs: WorkerProcess[] = [];
    for (let w = 0; w < workers; w++) procs.push(await spawnWorker(sys, { bundle: sys.bundles.preloaded, taskQueue }));
    const t0 = performance.now();
    await startJourneys(sys, `t${process.pid}r${round}`, 0, K, 16, taskQueue);
    // Done when every worker is idle and, together, they hold every journey.
    for (;;) {
      const statuses = await Promise.all(procs.map((p) => settled(p)));
      if (statuses.reduce((n, s) => n + s.cached, 0) >= K) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const seconds = (performance.now() - t0) / 1000;
    rates[workers].push(K / seconds);
    const rss = (await Promise.all(procs.map((p) => p.status()))).map((s) => `${MiB(s.rssBytes)} MiB`).join(', ');
    console.log(`round ${round + 1}: ${workers} worker(s), ${K} journeys in ${seconds.toFixed(1)} s = ${(K / seconds).toFixed(1)} /s (RSS ${rss})`);
    await Promise.all(procs.map((p) => p.stop()));
  }
  const one = percentile(rates[1], 50);
  const two = percentile(rates[2], 50);
  console.log(`median: one worker ${one.toFixed(1)} journeys/s, two workers ${two.toFixed(1)} journeys/s, ratio ${(two / one).toFixed(2)}x`);
  await sys.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
