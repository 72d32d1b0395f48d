/**
 * The benchmark's settings, from flags or, without a flag, the environment (flag > env > mode
 * default). `--quick` picks small defaults so the whole run stays under two minutes.
 */
import { parseArgs } from 'node:util';

export const FIGURES = ['intake', 'concurrent', 'action', 'cold', 'alarm', 'rss'] as const;
export type FigureName = (typeof FIGURES)[number];

export interface BenchOptions {
  readonly quick: boolean;
  /** Rounds of A B A B … per figure. */
  readonly rounds: number;
  /** Referrals per side per round, sequential intake. */
  readonly intakeN: number;
  /** Referrals per side per round and client count, concurrent intake. */
  readonly concurrentN: number;
  readonly clients: readonly number[];
  /** Action round trips per side per round. */
  readonly actionSamples: number;
  /** Journeys per side acted on cold (after a worker restart) per round. */
  readonly coldN: number;
  /** Journeys per side whose deadline falls at one instant. */
  readonly alarmN: number;
  /** Open journeys per side at which worker RSS is read, ascending. */
  readonly rssN: readonly number[];
  readonly only: readonly FigureName[];
}

const SPEC = {
  quick: { type: 'boolean', default: false },
  rounds: { type: 'string', env: 'BENCH_ROUNDS', full: '5', fast: '2' },
  'intake-n': { type: 'string', env: 'BENCH_INTAKE_N', full: '50', fast: '10' },
  'concurrent-n': { type: 'string', env: 'BENCH_CONCURRENT_N', full: '160', fast: '24' },
  clients: { type: 'string', env: 'BENCH_CLIENTS', full: '8,32', fast: '8,32' },
  'action-samples': { type: 'string', env: 'BENCH_ACTION_SAMPLES', full: '200', fast: '30' },
  'cold-n': { type: 'string', env: 'BENCH_COLD_N', full: '40', fast: '8' },
  'alarm-n': { type: 'string', env: 'BENCH_ALARM_N', full: '1000', fast: '40' },
  'rss-n': { type: 'string', env: 'BENCH_RSS_N', full: '1000,10000', fast: '100' },
  only: { type: 'string', env: 'BENCH_ONLY', full: FIGURES.join(','), fast: FIGURES.join(',') },
} as const;

const positive = (name: string, value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
};

/** Parses `argv` (without node and script). */
export function benchOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const options = Object.fromEntries(Object.entries(SPEC).map(([k, v]) => [k, { type: v.type }])) as { [K in keyof typeof SPEC]: { type: (typeof SPEC)[K]['type'] } };
  const { values } = parseArgs({ args: [...argv], options, strict: true });
  const quick = values.quick === true || env.BENCH_QUICK === '1';
  const pick = (name: Exclude<keyof typeof SPEC, 'quick'>): string => {
    const spec = SPEC[name];
    return values[name] ?? env[spec.env] ?? (quick ? spec.fast : spec.full);
  };
  const list = (name: 'clients' | 'rss-n'): number[] => pick(name).split(',').map((s) => positive(name, s.trim()));
  const only = pick('only').split(',').map((s) => s.trim());
  for (const o of only) if (!(FIGURES as readonly string[]).includes(o)) throw new Error(`--only: unknown figure ${o} (one of ${FIGURES.join(', ')})`);
  return {
    quick,
    rounds: positive('rounds', pick('rounds')),
    intakeN: positive('intake-n', pick('intake-n')),
    concurrentN: positive('concurrent-n', pick('concurrent-n')),
    clients: list('clients'),
    actionSamples: positive('action-samples', pick('action-samples')),
    coldN: positive('cold-n', pick('cold-n')),
    alarmN: positive('alarm-n', pick('alarm-n')),
    rssN: list('rss-n').sort((a, b) => a - b),
    only: only as FigureName[],
  };
}
