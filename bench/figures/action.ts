/**
 * Action round trip: an outreach attempt through the API (the Update, the care-record write it
 * waits for) against a raw Update that writes one row through an activity, and a trivial Update.
 * The three are interleaved sample by sample over a few journeys per side.
 */
import type { BenchContext } from '../harness/bench-context';
import { figure, type Figure } from '../harness/report';
import { inParallel, median, p99, timed } from '../harness/stats';

const JOURNEYS = 12;

/** Journeys ready for actions: ours in OUTREACH, raw started. */
export async function actionJourneys(ctx: BenchContext, count: number): Promise<{ ours: string[]; raw: string[] }> {
  const ours: string[] = [];
  const raw: string[] = [];
  await inParallel(Array.from({ length: count }, () => ctx.next()), 8, async (n) => {
    const memberId = await ctx.ours.refer(n, { presumptive: true });
    await ctx.ours.openOutreach(memberId, n);
    ours.push(memberId);
    raw.push(await ctx.raw.start(n));
  });
  return { ours, raw };
}

let seq = 0;
/** One action per side on journey `i` of each, in a rotating order; appends the times. */
export async function actOnce(ctx: BenchContext, j: { ours: string; raw: string }, into: { ours: number[]; raw: number[]; trivial?: number[] }, turn: number): Promise<void> {
  const s = ++seq;
  const steps: Array<() => Promise<void>> = [
    async () => void into.ours.push(await timed(() => ctx.ours.act(j.ours, `bench-act-${s}`))),
    async () => void into.raw.push(await timed(() => ctx.raw.write(j.raw, s))),
  ];
  if (into.trivial) steps.push(async () => void into.trivial!.push(await timed(() => ctx.raw.trivial(j.raw, s))));
  for (let k = 0; k < steps.length; k++) await steps[(k + turn) % steps.length]!();
}

export async function actionRoundTrip(ctx: BenchContext): Promise<Figure[]> {
  const journeys = await actionJourneys(ctx, JOURNEYS);
  // Warm-up: every journey cached, every connection open.
  for (let i = 0; i < JOURNEYS; i++) await actOnce(ctx, { ours: journeys.ours[i]!, raw: journeys.raw[i]! }, { ours: [], raw: [], trivial: [] }, i);
  await ctx.settle();
  const t = { ours: [] as number[], raw: [] as number[], trivial: [] as number[] };
  const total = ctx.options.actionSamples * ctx.options.rounds;
  for (let i = 0; i < total; i++) await actOnce(ctx, { ours: journeys.ours[i % JOURNEYS]!, raw: journeys.raw[i % JOURNEYS]! }, t, i);
  return [
    figure('action round trip p50 vs raw Update writing a row', 'ms', median(t.ours), median(t.raw)),
    figure('action round trip p99 vs raw Update writing a row', 'ms', p99(t.ours), p99(t.raw), { goal: '<= 2x' }),
    figure('action round trip p50 vs trivial Update', 'ms', median(t.ours), median(t.trivial)),
    figure('action round trip p99 vs trivial Update', 'ms', p99(t.ours), p99(t.trivial), { note: `${total} samples per side, interleaved` }),
  ];
}
