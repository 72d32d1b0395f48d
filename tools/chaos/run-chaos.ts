/**
 * `npm run chaos`: the fault suite (issue 10). Starts the system on its own ports under
 * `.data/chaos-<pid>`, walks CHAOS_JOURNEYS journeys through the REST API while the worker is
 * kill -9'd, Temporal restarted and PostgreSQL stopped, with duplicate deliveries, then checks
 * every acknowledged step against the care record and the journey state and scans for stuck
 * journeys. Prints one summary line, `acknowledged N, lost L, doubled D, stuck S`, and exits
 * non-zero unless L, D and S are all 0.
 */
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/dev/runtime/temporal-binaries';
import { checkAcknowledged } from './care-record-check';
import { startChaosSystem } from './chaos-system';
import { injectFaults } from './fault-injector';
import { runJourney, type JourneyRun } from './journey-client';
import { describeStuck, findStuckJourneys, type StuckWorkflow } from './stuck-journeys';

const number = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};

const settings = {
  journeys: number('CHAOS_JOURNEYS', 40),
  concurrency: Math.max(1, number('CHAOS_CONCURRENCY', 4)),
  paceMs: number('CHAOS_PACE_MS', 500),
  duplicateRate: number('CHAOS_DUPLICATE_RATE', 0.3),
  killEveryMs: number('CHAOS_KILL_EVERY_MS', 8_000),
  postgresOutageMs: number('CHAOS_POSTGRES_OUTAGE_MS', 30_000),
  requestTimeoutMs: number('CHAOS_REQUEST_TIMEOUT_MS', 20_000),
  giveUpAfterMs: number('CHAOS_GIVE_UP_MS', 300_000),
  settleMs: number('CHAOS_SETTLE_MS', 120_000),
  maxActivityAttempts: number('CHAOS_MAX_ACTIVITY_ATTEMPTS', 5),
};

const say = (line: string): void => console.log(`chaos: ${line}`);

async function main(): Promise<number> {
  // No SDK signal handlers: Ctrl-C is handled below, by stopping every part.
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR' } }, shutdownSignals: [] });
  const dataDir = join(PROJECT_ROOT, '.data', `chaos-${process.pid}`);
  say(`starting the system in ${dataDir}`);
  const system = await startChaosSystem(dataDir);
  // Ctrl-C stops the parts this run started, rather than leaving them orphaned.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void system.stop().finally(() => process.exit(130)));
  }
  try {
    if (system.config.tokens.kind !== 'secret') throw new Error('chaos signs its own tokens: run it without ECM_JWT_JWKS_URL');
    const tokens = system.config.tokens;
    say(`${settings.journeys} journeys, ${settings.concurrency} at a time, API ${system.apiUrl}`);

    let finished = false;
    const faults = injectFaults(system, settings, () => finished, say);
    const runs: JourneyRun[] = [];
    let next = 0;
    const client = async (): Promise<void> => {
      while (next < settings.journeys) {
        const index = next++;
        runs.push(await runJourney(index, { apiUrl: system.apiUrl, tokens, run: String(process.pid), ...settings }));
      }
    };
    await Promise.all(Array.from({ length: settings.concurrency }, client));
    finished = true;
    const log = await faults;
    say(`faults: ${log.workerKills} worker kills, ${log.temporalRestarts} Temporal restarts, ${log.postgresOutages} PostgreSQL outages`);
    for (const run of runs) {
      if (run.stoppedAt) say(`journey ${run.index} stopped at ${run.stoppedAt.step}: ${run.stoppedAt.outcome} ${run.stoppedAt.status ?? ''} ${run.stoppedAt.code ?? ''}`.trimEnd());
      for (const d of run.disagreements) say(`journey ${run.index} ${d}`);
    }

    const check = await checkAcknowledged(runs, system.pool, system.apiUrl, tokens);
    for (const finding of check.findings) say(finding);
    const stuck = await settledStuckScan(new Client({ connection: system.temporal, namespace: 'default' }));
    for (const s of stuck) say(`stuck: ${describeStuck(s)}`);
    console.log(`acknowledged ${check.acknowledged}, lost ${check.lost}, doubled ${check.doubled}, stuck ${stuck.length}`);
    return check.lost + check.doubled + stuck.length > 0 ? 1 : 0;
  } finally {
    await system.stop();
    say(`logs kept in ${dataDir}`);
  }
}

/**
 * A workflow task retried once after a kill -9 is recovery, not a stuck journey: the scan is
 * repeated until it finds nothing or CHAOS_SETTLE_MS has passed, and what is still flagged then
 * is stuck.
 */
async function settledStuckScan(client: Client): Promise<StuckWorkflow[]> {
  const until = Date.now() + settings.settleMs;
  for (;;) {
    const stuck = await findStuckJourneys(client, { maxActivityAttempts: settings.maxActivityAttempts });
    if (stuck.length === 0 || Date.now() > until) return stuck;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
