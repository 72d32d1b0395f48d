/**
 * `npm run bench [-- --quick] [flags]`: our system against raw Temporal, side by side in one run on
 * this machine (issue 16 §6). Embedded PostgreSQL and the Temporal dev server start from the
 * pinned binaries; our worker (`worker/main.ts`), our API (`api/main.ts`, real HTTP) and a raw
 * worker (bench/harness/raw-worker.ts) run as three child processes. Every figure interleaves the
 * sides (A B A B …, order flipped each round), repeats, and prints ours, raw and their ratio as a
 * table, then one `BENCH_JSON {...}` line. Numbers compare within a run only; nothing here is a test.
 *
 * Flags (each also read from the environment variable named; a flag wins; quick/full defaults):
 *   --quick                  small N, fewer rounds: the whole run in under 2 minutes (BENCH_QUICK=1)
 *   --rounds R               rounds per figure (BENCH_ROUNDS; 2 / 5)
 *   --intake-n N             referrals per side per round, sequential (BENCH_INTAKE_N; 10 / 50)
 *   --concurrent-n N         referrals per side per round per client count (BENCH_CONCURRENT_N; 24 / 160)
 *   --clients 8,32           concurrent client counts (BENCH_CLIENTS)
 *   --action-samples N       action round trips per side per round (BENCH_ACTION_SAMPLES; 30 / 200)
 *   --cold-n N               journeys per side acted on cold per round (BENCH_COLD_N; 8 / 40)
 *   --alarm-n N              deadlines per side due at one instant (BENCH_ALARM_N; 40 / 1000)
 *   --rss-n 1000,10000       open journeys per side at which worker RSS is read (BENCH_RSS_N; 100 / 1000,10000)
 *   --only intake,rss        run only these figures: intake, concurrent, action, cold, alarm, rss (BENCH_ONLY)
 * Logs of the three children and the data directory: .data/bench-<pid>/ (removed on success).
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/dev/runtime/temporal-binaries';
import type { BenchContext } from './harness/bench-context';
import { benchOptions, type FigureName } from './harness/options';
import { ourSide } from './harness/our-side';
import { rawSide } from './harness/raw-side';
import { printReport, type Figure } from './harness/report';
import { settle } from './harness/settle';
import { startBenchSystem } from './harness/system';
import { alarmLag } from './figures/alarm';
import { actionRoundTrip } from './figures/action';
import { coldAction } from './figures/cold';
import { intakeConcurrent, intakeSequential } from './figures/intake';
import { workerRss } from './figures/rss';

async function main(): Promise<void> {
  const options = benchOptions(process.argv.slice(2));
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR' } }, shutdownSignals: [] });
  const started = Date.now();
  const say = (line: string): void => console.error(`bench ${((Date.now() - started) / 1000).toFixed(0)}s: ${line}`);
  const dataDir = join(PROJECT_ROOT, '.data', `bench-${process.pid}`);
  say(`starting PostgreSQL, Temporal, our worker and API, the raw worker (${dataDir})`);
  const system = await startBenchSystem(dataDir);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void system.stop().finally(() => process.exit(130)));
  let ok = false;
  try {
    // Before any journey exists: the floor each worker's RSS starts from.
    const empty = { ours: system.ourWorker.rssBytes(), raw: system.rawWorker.rssBytes() };
    let member = 0;
    const ctx: BenchContext = { system, ours: await ourSide(system.apiUrl, system.config.tokens), raw: rawSide(system.client), options, next: () => ++member, say,
      settle: () => settle([system.ourWorker, system.rawWorker]) };
    // Warm-up, not measured: connections, JIT, the workers' first tasks.
    for (let i = 0; i < 5; i++) await Promise.all([ctx.ours.refer(ctx.next()), ctx.raw.start(ctx.next())]);
    const runs: Array<[FigureName, () => Promise<Figure[]>]> = [
      ['intake', () => intakeSequential(ctx)],
      ['concurrent', () => intakeConcurrent(ctx)],
      ['action', () => actionRoundTrip(ctx)],
      ['cold', () => coldAction(ctx)],
      ['alarm', () => alarmLag(ctx)],
      ['rss', () => workerRss(ctx, empty)],
    ];
    const figures: Figure[] = [];
    for (const [name, run] of runs) {
      if (!options.only.includes(name)) continue;
      await ctx.settle();
      say(`${name}…`);
      const got = await run();
      for (const f of got) say(`  ${f.name}: ours ${f.ours.toFixed(1)}, raw ${f.raw.toFixed(1)} ${f.unit}, ${f.ratio.toFixed(2)}x`);
      figures.push(...got);
    }
    printReport(figures, { mode: options.quick ? 'quick' : 'full', options, seconds: Math.round((Date.now() - started) / 1000), at: new Date().toISOString() });
    ok = true;
  } finally {
    await system.stop();
    if (ok) rmSync(dataDir, { recursive: true, force: true });
    else say(`logs kept in ${dataDir}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
