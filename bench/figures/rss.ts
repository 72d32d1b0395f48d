/**
 * Worker RSS with N open journeys per side: journeys are opened (ours through the API, raw by a
 * start) in alternating batches, each then queried once so it has been through its worker, and
 * the resident memory of each worker process is read from /proc.
 */
import type { BenchContext } from '../harness/bench-context';
import { figure, type Figure } from '../harness/report';
import { inParallel, retried } from '../harness/stats';
import { journeyStateQuery, memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { rawStateQuery } from '../harness/raw-contract';

const MIB = 1024 * 1024;
const BATCH = 100;

export async function workerRss(ctx: BenchContext, empty: { ours: number; raw: number }): Promise<Figure[]> {
  const { system } = ctx;
  const figures: Figure[] = [figure('worker RSS, no journeys', 'MiB', empty.ours / MIB, empty.raw / MIB)];
  let opened = 0;
  const untouched = { ours: 0, raw: 0 };
  for (const level of ctx.options.rssN) {
    while (opened < level) {
      const batch = Array.from({ length: Math.min(BATCH, level - opened) }, () => ctx.next());
      const members: string[] = [];
      const rawIds: string[] = [];
      await inParallel(batch, 16, async (n) => void members.push(await ctx.ours.refer(n)));
      await inParallel(batch, 16, async (n) => void rawIds.push(await ctx.raw.start(n)));
      // A query goes through the worker: the journey has been run and cached (up to the cache's size).
      // A journey whose workflow task keeps failing on an overloaded machine is counted, not fatal.
      const touch = (query: () => Promise<unknown>, side: 'ours' | 'raw') => retried(query).then(() => undefined, () => void untouched[side]++);
      await inParallel(members, 16, (m) => touch(() => system.client.workflow.getHandle(memberJourneyWorkflowId(m)).query(journeyStateQuery), 'ours'));
      await inParallel(rawIds, 16, (id) => touch(() => system.client.workflow.getHandle(id).query(rawStateQuery), 'raw'));
      opened += batch.length;
      if (opened % 1000 === 0) ctx.say(`rss: ${opened} journeys open per side`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const samples = { ours: [] as number[], raw: [] as number[] };
    for (let i = 0; i < 3; i++) {
      samples.ours.push(system.ourWorker.rssBytes());
      samples.raw.push(system.rawWorker.rssBytes());
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const rss = { ours: Math.max(...samples.ours), raw: Math.max(...samples.raw) };
    const perJourney = (side: 'ours' | 'raw'): string => ((rss[side] - empty[side]) / level / 1024).toFixed(0);
    const note = `over the empty worker: ours ${perJourney('ours')} KiB, raw ${perJourney('raw')} KiB per journey (journeys of the other figures are open too); not answering a query: ours ${untouched.ours}, raw ${untouched.raw}`;
    figures.push(figure(`worker RSS, ${level} journeys opened here`, 'MiB', rss.ours / MIB, rss.raw / MIB, { goal: 'ours <= 1024 MiB', note }));
  }
  return figures;
}
