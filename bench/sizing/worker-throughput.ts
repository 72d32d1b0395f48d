/**
 * `npm run bench:sizing -- throughput [--journeys 100] [--seconds 60] [--concurrency 16]`: on the
 * Temporal CLI dev server (real time), brings that many journeys to ACTIVE through the API, then
 * for `--seconds` keeps `--concurrency` service actions in flight (each on its own journey, the
 * care-record write included) against ONE worker in a separate process. Prints actions/s, the
 * worker process's CPU (its own `process.cpuUsage()`) and RSS, and the whole machine's CPU, so the
 * bound is visible. Figures for docs/sizing.md, not assertions.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { referralOf } from './journey-year-plan';
import { startSizingSystem, type SizingSystem } from './system';
import type { WorkerSample } from './worker-process';

function startWorkerProcess(sys: SizingSystem): Promise<{ child: ChildProcess; sample(): Promise<WorkerSample> }> {
  const child = fork(join(__dirname, 'worker-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, SIZING_TEMPORAL_ADDRESS: sys.env.address, SIZING_DATABASE_URL: sys.databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: ((s: WorkerSample) => void)[] = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker process exited (${code})`)));
    child.on('message', (m: { kind: string } & WorkerSample) => {
      if (m.kind === 'ready') resolve({ child, sample: () => new Promise((r) => { waiting.push(r); child.send('sample'); }) });
      if (m.kind === 'sample') waiting.shift()?.(m);
    });
  });
}

/** Busy and total CPU time of the whole machine, all cores. */
function machineCpu(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const c of cpus()) {
    const t = c.times.user + c.times.nice + c.times.sys + c.times.irq + c.times.idle;
    total += t;
    busy += t - c.times.idle;
  }
  return { busy, total };
}

async function ok(sys: SizingSystem, path: string, body: unknown): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const t = performance.now();
    const res = await sys.request('POST', path, body);
    if (res.status === 200 || res.status === 202) return performance.now() - t;
    if (res.status !== 503 || attempt >= 5) throw new Error(`${path.replace(/mbr_[0-9a-f]+/, 'mbr_…')}: ${res.status} ${JSON.stringify((res.body as { code?: string } | undefined)?.code)}`);
  }
}

/** Runs `n` tasks, `width` at a time. */
async function inParallel(n: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await task(next++);
  }));
}

async function activeJourney(sys: SizingSystem, n: number): Promise<string> {
  const at = new Date(Date.now() - 60_000).toISOString();
  const referral = { ...referralOf(`${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(5, '0')}B`, n), receivedAt: at };
  const res = await sys.request('POST', '/v1/referrals', referral);
  if (res.status !== 202) throw new Error(`referral: ${res.status}`);
  const m = `/v1/members/${(res.body as { memberId: string }).memberId}`;
  await ok(sys, `${m}/authorization`, { decision: 'approved', decidedAt: at });
  await ok(sys, `${m}/assignment`, { providerId: 'PROV-ACME', assignedAt: at });
  await ok(sys, `${m}/assignment/response`, { response: 'accepted', at });
  // One care manager per journey: a caseload has a cap (caseload_full).
  await ok(sys, `${m}/lead-care-manager`, { careManagerId: `LCM-${String(n).padStart(4, '0')}`, at });
  await ok(sys, `${m}/enrollment`, { consent: 'verbal', recordedBy: 'LCM-0001', at });
  return m;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;

export async function throughput(opts: { journeys: number; seconds: number; concurrency: number }): Promise<void> {
  const sys = await startSizingSystem({ server: 'dev', inProcessWorker: false });
  const worker = await startWorkerProcess(sys);
  try {
    const idle = await worker.sample();
    const t0 = performance.now();
    const journeys: string[] = [];
    await inParallel(opts.journeys, 8, async (i) => {
      journeys[i] = await activeJourney(sys, i);
    });
    console.error(`${opts.journeys} journeys enrolled in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const afterSetup = await worker.sample();
    const latencies: number[] = [];
    let stop = false;
    let measuring = false;
    let cpuAtStart = afterSetup;
    let machineAtStart = machineCpu();
    let parentAtStart = process.cpuUsage();
    let startedAt = 0;
    const warmUpMs = 5_000;
    setTimeout(() => {
      void worker.sample().then((s) => {
        cpuAtStart = s;
        machineAtStart = machineCpu();
        parentAtStart = process.cpuUsage();
        startedAt = performance.now();
        measuring = true;
      });
    }, warmUpMs);
    setTimeout(() => { stop = true; }, warmUpMs + opts.seconds * 1_000);
    await Promise.all(Array.from({ length: opts.concurrency }, async (_, lane) => {
      for (let k = lane; !stop; k += opts.concurrency) {
        const m = journeys[k % journeys.length]!;
        const at = new Date(Date.now() - 1_000).toISOString();
        const ms = await ok(sys, `${m}/services`, { at, minutes: 15, service: 'care_coordination', inPerson: false, providedBy: 'LCM-0001' });
        if (measuring && !stop) latencies.push(ms);
      }
    }));
    const end = await worker.sample();
    const machineEnd = machineCpu();
    const parent = process.cpuUsage(parentAtStart);
    const wall = (performance.now() - startedAt) / 1000;
    const rate = latencies.length / wall;
    const workerCores = (end.cpuMicros - cpuAtStart.cpuMicros) / 1e6 / wall;
    const machineBusy = (machineEnd.busy - machineAtStart.busy) / (machineEnd.total - machineAtStart.total);
    const mib = (b: number) => `${(b / 1048576).toFixed(0)} MiB`;
    console.log(`cores: ${cpus().length}, journeys: ${opts.journeys}, actions in flight: ${opts.concurrency}, measured ${wall.toFixed(1)} s after ${warmUpMs / 1000} s warm-up`);
    console.log('| figure | value |');
    console.log('|---|---:|');
    console.log(`| actions/s one worker sustained (service + care-record write, through the API) | ${rate.toFixed(1)} |`);
    console.log(`| action round trip p50 / p99 | ${pct(latencies, 0.5).toFixed(0)} / ${pct(latencies, 0.99).toFixed(0)} ms |`);
    console.log(`| worker process CPU (cores busy) | ${workerCores.toFixed(2)} |`);
    console.log(`| worker CPU per action | ${((workerCores / rate) * 1000).toFixed(2)} ms |`);
    console.log(`| this process's CPU (the API and the load generator's HTTP client), per action | ${((parent.user + parent.system) / 1000 / latencies.length).toFixed(2)} ms |`);
    console.log(`| whole machine CPU busy (worker + API + Temporal + PostgreSQL) | ${(machineBusy * 100).toFixed(0)} % of ${cpus().length} cores |`);
    console.log(`| worker RSS: idle / after ${opts.journeys} journeys enrolled / after the run | ${mib(idle.rss)} / ${mib(afterSetup.rss)} / ${mib(end.rss)} |`);
    console.log(`| worker heap used after the run | ${mib(end.heapUsed)} |`);
  } finally {
    worker.child.send('stop');
    await new Promise((r) => worker.child.once('exit', r));
    await sys.close();
  }
}
