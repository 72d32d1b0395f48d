import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { createPool } from '../../src/infra/db/pool';

const repoRoot = path.resolve(__dirname, '..', '..');
const isRoot = process.getuid?.() === 0;

/** Alive and not a zombie (orphans may stay unreaped when PID 1 is not an init). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

async function withPool<T>(server: EmbeddedPostgres, fn: (pool: ReturnType<typeof createPool>) => Promise<T>): Promise<T> {
  const pool = createPool(server.databaseUrl(), { max: 1 });
  try {
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

describe('embedded PostgreSQL server', () => {
  let tmp: string;
  let dataDir: string;
  const running: EmbeddedPostgres[] = [];

  async function start(opts: Partial<Parameters<typeof startEmbeddedPostgres>[0]> = {}): Promise<EmbeddedPostgres> {
    const server = await startEmbeddedPostgres({ dataDir, persistent: true, ...opts });
    running.push(server);
    return server;
  }

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'ecm-pg-test-'));
    await chmod(tmp, 0o755); // the server may run as another OS user
    dataDir = path.join(tmp, 'pgdata');
  });

  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }, 60_000);

  it('keeps data across a restart on the same persistent data directory', async () => {
    const first = await start();
    expect(first.initialised).toBe(true);
    await withPool(first, async (pool) => {
      await pool.query('CREATE TABLE member (cin text PRIMARY KEY, name text NOT NULL)');
      await pool.query(`INSERT INTO member VALUES ('91234567A', 'Ana Peña')`);
    });
    await first.stop();
    expect(isAlive(first.pid)).toBe(false);

    const second = await start();
    expect(second.initialised).toBe(false);
    const rows = await withPool(second, async (pool) => (await pool.query<{ cin: string; name: string }>('SELECT cin, name FROM member')).rows);
    expect(rows).toEqual([{ cin: '91234567A', name: 'Ana Peña' }]);
    await second.stop();
    await second.stop(); // stopping twice is harmless
  }, 120_000);

  it('starts although postmaster.pid names a live process that is not PostgreSQL', async () => {
    await (await start()).stop(); // make sure a cluster exists
    // PID 1 is always alive; PostgreSQL alone would refuse to start ("lock file already exists").
    await writeFile(path.join(dataDir, 'postmaster.pid'), `1\n${dataDir}\n0\n5432\n\n\n0 0\n`);
    const server = await start();
    expect(await withPool(server, async (pool) => (await pool.query<{ ok: number }>('SELECT 1 AS ok')).rows)).toEqual([{ ok: 1 }]);
    await server.stop();
  }, 120_000);

  it('shuts down a server orphaned by a killed process and starts on its data directory', async () => {
    const script = path.join(tmp, 'hold-server.ts');
    await writeFile(
      script,
      `import { startEmbeddedPostgres } from ${JSON.stringify(path.join(repoRoot, 'src/dev/embedded-postgres.ts'))};
startEmbeddedPostgres({ dataDir: process.argv[2], persistent: true }).then(
  (s) => { process.stdout.write(JSON.stringify({ pid: s.pid }) + '\\n'); setInterval(() => {}, 1000); },
  (err) => { console.error(err); process.exit(1); },
);
`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = once(child, 'exit');
    const deadline = Date.now() + 60_000;
    while (!stdout.includes('\n') && child.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(stdout, stderr).toContain('\n');
    const orphanPid = (JSON.parse(stdout.split('\n')[0] as string) as { pid: number }).pid;

    child.kill('SIGKILL'); // a crash: no shutdown hooks run
    await exited;
    expect(isAlive(orphanPid)).toBe(true);

    const server = await start();
    expect(isAlive(orphanPid)).toBe(false);
    expect(server.pid).not.toBe(orphanPid);
    expect(await withPool(server, async (pool) => (await pool.query<{ ok: number }>('SELECT 1 AS ok')).rows)).toEqual([{ ok: 1 }]);
    await server.stop();
  }, 120_000);

  it('refuses to start a second server on a data directory that is in use', async () => {
    const server = await start();
    await expect(start()).rejects.toThrow(/in use/);
    await server.stop();
  }, 120_000);

  it('reports the server output when the requested port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(start({ port })).rejects.toThrow(/failed to start on 127\.0\.0\.1:\d+[\s\S]*could not bind/);
    } finally {
      blocker.close();
    }
  }, 120_000);

  it('refuses a non-empty directory that is not a PostgreSQL data directory', async () => {
    const notData = path.join(tmp, 'not-data');
    await mkdir(notData);
    await writeFile(path.join(notData, 'notes.txt'), 'keep me\n');
    await expect(startEmbeddedPostgres({ dataDir: notData, persistent: false })).rejects.toThrow(/not a PostgreSQL data directory/);
    expect((await stat(path.join(notData, 'notes.txt'))).isFile()).toBe(true);
  });

  it.runIf(isRoot)('explains when the postgres OS user cannot reach the data directory', async () => {
    const privateParent = path.join(tmp, 'private');
    await mkdir(privateParent, { mode: 0o700 });
    await expect(
      startEmbeddedPostgres({ dataDir: path.join(privateParent, 'pgdata'), persistent: false }),
    ).rejects.toThrow(/cannot execute .* or write .*traversable/);
  });
});
