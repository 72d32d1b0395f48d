/**
 * `npm run bench:sizing -- <year|throughput> [options]`: the measured figures docs/sizing.md sizes
 * a million open journeys from. `year [--journeys 8]`: history and care-record bytes per
 * journey-year. `throughput [--journeys 200] [--seconds 60] [--concurrency 16]`: actions per
 * second one separate worker process sustains here, with its CPU and RSS.
 */
import { parseArgs } from 'node:util';
import { journeyYear } from './journey-year';
import { throughput } from './worker-throughput';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { journeys: { type: 'string' }, seconds: { type: 'string', default: '60' }, concurrency: { type: 'string', default: '16' } },
  });
  const what = positionals[0];
  if (what === 'year') return journeyYear(Number(values.journeys ?? 8));
  if (what === 'throughput') {
    return throughput({ journeys: Number(values.journeys ?? 200), seconds: Number(values.seconds), concurrency: Number(values.concurrency) });
  }
  throw new Error('usage: npm run bench:sizing -- <year|throughput> [--journeys N] [--seconds S] [--concurrency C]');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
