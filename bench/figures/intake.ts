/**
 * Intake. Sequential: time per referral, one client, ours through `POST /v1/referrals` (token,
 * audit, validation, care record, encrypted start) against a raw encrypted start with the same
 * memo and search attributes whose workflow writes a care-record-sized row. Concurrent: referrals
 * answered per second with 8 and 32 clients.
 */
import type { BenchContext } from '../harness/bench-context';
import { figure, type Figure } from '../harness/report';
import { inParallel, interleave, median, p99, timed } from '../harness/stats';

export async function intakeSequential(ctx: BenchContext): Promise<Figure[]> {
  const { ours, raw, options } = ctx;
  const times = { ours: [] as number[], raw: [] as number[] };
  const roundMedians = { ours: [] as number[], raw: [] as number[] };
  const side = (name: 'ours' | 'raw', once: (n: number) => Promise<unknown>) => async () => {
    const round: number[] = [];
    for (let i = 0; i < options.intakeN; i++) round.push(await timed(() => once(ctx.next())));
    times[name].push(...round);
    roundMedians[name].push(median(round));
  };
  await interleave(options.rounds, { ours: side('ours', (n) => ours.refer(n)), raw: side('raw', (n) => raw.start(n)) });
  return [
    figure('intake sequential, median of round medians', 'ms/referral', median(roundMedians.ours), median(roundMedians.raw), { goal: '<= 1.25x' }),
    figure('intake sequential p99', 'ms/referral', p99(times.ours), p99(times.raw)),
  ];
}

export async function intakeConcurrent(ctx: BenchContext): Promise<Figure[]> {
  const { ours, raw, options } = ctx;
  const figures: Figure[] = [];
  for (const clients of options.clients) {
    const rates = { ours: [] as number[], raw: [] as number[] };
    const side = (name: 'ours' | 'raw', once: (n: number) => Promise<unknown>) => async () => {
      const members = Array.from({ length: options.concurrentN }, () => ctx.next());
      const ms = await timed(() => inParallel(members, clients, (n) => once(n).then(() => undefined)));
      rates[name].push(options.concurrentN / (ms / 1000));
    };
    await interleave(options.rounds, { ours: side('ours', (n) => ours.refer(n)), raw: side('raw', (n) => raw.start(n)) });
    figures.push(figure(`intake concurrent, ${clients} clients (throughput)`, 'referrals/s', median(rates.ours), median(rates.raw), { goal: '>= 0.8x' }));
  }
  return figures;
}
