/**
 * The faults of the campaign, injected while journeys run: the worker kill -9'd at random
 * intervals once it polls (its supervisor restarts it), Temporal restarted on its SQLite file, and PostgreSQL
 * stopped for a while and started again. Each kind happens at least once; it stops when told to
 * and has finished its current fault.
 */
import type { ChaosSystem } from './chaos-system';

export interface FaultPlan {
  /** Worker kills come every `killEveryMs` ± half of it. */
  readonly killEveryMs: number;
  /** How long PostgreSQL stays down. */
  readonly postgresOutageMs: number;
}

/** What the injector did, for the report. */
export interface FaultLog {
  workerKills: number;
  temporalRestarts: number;
  postgresOutages: number;
}

/**
 * Runs until `done()` is true and every kind of fault happened once. Order: kills throughout,
 * a Temporal restart early, the PostgreSQL outage next, then a second Temporal restart.
 */
export async function injectFaults(system: ChaosSystem, plan: FaultPlan, done: () => boolean, say: (line: string) => void): Promise<FaultLog> {
  const log: FaultLog = { workerKills: 0, temporalRestarts: 0, postgresOutages: 0 };
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const jitter = () => plan.killEveryMs * (0.5 + Math.random());
  const killWorker = () => {
    system.killWorker();
    log.workerKills += 1;
    say(`worker kill -9 #${log.workerKills}`);
  };
  const script: Array<() => Promise<void>> = [
    async () => {
      say('Temporal restart');
      await system.restartTemporal();
      log.temporalRestarts += 1;
    },
    async () => {
      say(`PostgreSQL stopped for ${plan.postgresOutageMs} ms`);
      await system.stopPostgres();
      await pause(plan.postgresOutageMs);
      await system.startPostgres();
      log.postgresOutages += 1;
      say('PostgreSQL started again');
    },
    async () => {
      say('Temporal restart');
      await system.restartTemporal();
      log.temporalRestarts += 1;
    },
  ];
  let next = 0;
  while (!done() || next < script.length) {
    // Killed only once it works: a worker killed while it still bundles its workflows never runs.
    await system.workerReady();
    await pause(jitter());
    killWorker();
    await pause(jitter());
    if (next < script.length) await script[next++]!();
  }
  return log;
}
