/**
 * One part of the system under test as a child process (`node --import tsx <entry>`, so its pid
 * is the part itself and its RSS is the part's own), which can be restarted and whose resident
 * memory can be read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, type WriteStream } from 'node:fs';
import { PROJECT_ROOT } from '../../src/dev/runtime/temporal-binaries';

export interface ChildPart {
  readonly name: string;
  pid(): number;
  /** Resident set size of the process now, in bytes. */
  rssBytes(): number;
  /** CPU time the process has used so far, in clock ticks (user + system). */
  cpuTicks(): number;
  /** Stops (SIGTERM, SIGKILL after 20 s) and starts it again; resolves when `ready` says so. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface ChildPartOptions {
  readonly name: string;
  readonly entry: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: WriteStream;
  /** Resolves once the process with this pid serves (polls its task queue, answers HTTP). */
  readonly ready: (pid: number) => Promise<void>;
}

/** Reads utime + stime of a process (Linux, clock ticks; the name field may hold spaces, so after ")"). */
export function cpuTicksOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Reads VmRSS of a process (Linux). */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

export async function startChildPart(opts: ChildPartOptions): Promise<ChildPart> {
  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const started = spawn(process.execPath, ['--import', 'tsx', opts.entry], { cwd: PROJECT_ROOT, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout.pipe(opts.log, { end: false });
    started.stderr.pipe(opts.log, { end: false });
    child = started;
    const died = new Promise<never>((_, reject) => started.once('exit', (code) => reject(new Error(`${opts.name} exited with ${code} before it was ready (see its log)`))));
    await Promise.race([opts.ready(started.pid!), died]);
  };
  const stop = async (): Promise<void> => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    current.kill('SIGTERM');
    const timer = setTimeout(() => current.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  await launch();
  return {
    name: opts.name,
    pid: () => child!.pid!,
    rssBytes: () => rssOf(child!.pid!),
    cpuTicks: () => cpuTicksOf(child!.pid!),
    async restart() {
      await stop();
      await launch();
    },
    stop,
  };
}
