/**
 * Cold action: journeys acted on once (warm), then both workers restarted, so every journey is
 * out of its worker's cache and the next action replays its history; then acted on cold, then
 * warm again. Ours and raw are restarted together and acted on in turn.
 */
import type { BenchContext } from '../harness/bench-context';
import { figure, type Figure } from '../harness/report';
import { median, p99 } from '../harness/stats';
import { actionJourneys, actOnce } from './action';

export async function coldAction(ctx: BenchContext): Promise<Figure[]> {
  const cold = { ours: [] as number[], raw: [] as number[] };
  const warm = { ours: [] as number[], raw: [] as number[] };
  const rounds = ctx.options.quick ? 1 : ctx.options.rounds;
  for (let round = 0; round < rounds; round++) {
    const journeys = await actionJourneys(ctx, ctx.options.coldN);
    const pair = (i: number) => ({ ours: journeys.ours[i]!, raw: journeys.raw[i]! });
    for (let i = 0; i < ctx.options.coldN; i++) await actOnce(ctx, pair(i), { ours: [], raw: [] }, i);
    await ctx.settle();
    ctx.say(`cold round ${round + 1}: restarting both workers`);
    await Promise.all([ctx.system.ourWorker.restart(), ctx.system.rawWorker.restart()]);
    for (let i = 0; i < ctx.options.coldN; i++) await actOnce(ctx, pair(i), cold, i + round);
    for (let i = 0; i < ctx.options.coldN; i++) await actOnce(ctx, pair(i), warm, i + round);
  }
  const ratio = (a: number[], b: number[]): string => (p99(a) / p99(b)).toFixed(2);
  const note = `${cold.ours.length} cold samples per side; cold/warm p99: ours ${ratio(cold.ours, warm.ours)}x, raw ${ratio(cold.raw, warm.raw)}x`;
  return [
    figure('cold action p50, ours vs raw (both cold)', 'ms', median(cold.ours), median(cold.raw)),
    figure('cold action p99, ours vs raw (both cold)', 'ms', p99(cold.ours), p99(cold.raw)),
    figure('warm action p99 after the cold one, ours vs raw', 'ms', p99(warm.ours), p99(warm.raw), { note }),
  ];
}
