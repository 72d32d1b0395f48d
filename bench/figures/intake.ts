/**
 * Intake. Ours: `POST /v1/referrals` (token, audit, validation, care record, encrypted start).
 * Raw, two ways, both with the same encrypted input, memo and search attributes: a bare start
 * whose workflow then writes a care-record-sized row through an activity (not waited for), and
 * an update-with-start that answers once that row is written ("started and on record").
 * Sequential: time per referral, one client. Concurrent: referrals answered per second with 8 and
 * 32 clients.
 */
import type { BenchContext } from '../harness/bench-context';
import { figure, type Figure } from '../harness/report';
import { inParallel, interleave, median, p99, timed } from '../harness/stats';

type Side = 'ours' | 'raw' | 'rawOnRecord';

const sides = (ctx: BenchContext): Record<Side, (n: number) => Promise<unknown>> => ({
  ours: (n) => ctx.ours.refer(n),
  raw: (n) => ctx.raw.start(n),
  rawOnRecord: (n) => ctx.raw.startOnRecord(n),
});

const RAW = 'raw start (row by its activity)';
const ON_RECORD = 'raw start + row (update-with-start)';

export async function intakeSequential(ctx: BenchContext): Promise<Figure[]> {
  const times: Record<Side, number[]> = { ours: [], raw: [], rawOnRecord: [] };
  const roundMedians: Record<Side, number[]> = { ours: [], raw: [], rawOnRecord: [] };
  const once = sides(ctx);
  const side = (name: Side) => async () => {
    const round: number[] = [];
    for (let i = 0; i < ctx.options.intakeN; i++) round.push(await timed(() => once[name](ctx.next())));
    times[name].push(...round);
    roundMedians[name].push(median(round));
  };
  await interleave(ctx.options.rounds, { ours: side('ours'), raw: side('raw'), rawOnRecord: side('rawOnRecord') }, () => ctx.settle());
  return [
    figure(`intake sequential vs ${RAW}, median of round medians`, 'ms/referral', median(roundMedians.ours), median(roundMedians.raw), { goal: '<= 1.25x' }),
    figure(`intake sequential vs ${ON_RECORD}, median of round medians`, 'ms/referral', median(roundMedians.ours), median(roundMedians.rawOnRecord), { goal: '<= 1.25x' }),
    figure(`intake sequential p99 vs ${RAW}`, 'ms/referral', p99(times.ours), p99(times.raw)),
    figure(`intake sequential p99 vs ${ON_RECORD}`, 'ms/referral', p99(times.ours), p99(times.rawOnRecord)),
  ];
}

export async function intakeConcurrent(ctx: BenchContext): Promise<Figure[]> {
  const figures: Figure[] = [];
  const once = sides(ctx);
  for (const clients of ctx.options.clients) {
    const rates: Record<Side, number[]> = { ours: [], raw: [], rawOnRecord: [] };
    const side = (name: Side) => async () => {
      const members = Array.from({ length: ctx.options.concurrentN }, () => ctx.next());
      const ms = await timed(() => inParallel(members, clients, (n) => once[name](n).then(() => undefined)));
      rates[name].push(ctx.options.concurrentN / (ms / 1000));
    };
    await interleave(ctx.options.rounds, { ours: side('ours'), raw: side('raw'), rawOnRecord: side('rawOnRecord') }, () => ctx.settle());
    figures.push(figure(`intake concurrent, ${clients} clients, vs ${RAW}`, 'referrals/s', median(rates.ours), median(rates.raw), { goal: '>= 0.8x' }));
    figures.push(figure(`intake concurrent, ${clients} clients, vs ${ON_RECORD}`, 'referrals/s', median(rates.ours), median(rates.rawOnRecord), { goal: '>= 0.8x' }));
  }
  return figures;
}
