/**
 * The whole system as `npm start` runs it (`src/dev/start.ts`: embedded PostgreSQL, the Temporal
 * dev server with its Web UI and `--ui-codec-endpoint`, the worker, the API with its codec server),
 * in a child process on free ports and a fresh data directory, so the UI check never touches a
 * developer's `.data` or a system already running on the default ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueToken } from '../../src/infra/auth/issue-token';
import type { Role } from '../../src/infra/auth/principal';
import { PROJECT_ROOT } from '../../src/dev/runtime/temporal-binaries';

/** A running system and how to reach it. */
export interface UiCheckSystem {
  readonly apiUrl: string;
  readonly uiUrl: string;
  /** The codec server's URL, as the UI was started with it. */
  readonly codecUrl: string;
  /** The bearer the codec server takes from the UI (`ECM_CODEC_TOKEN`). */
  readonly codecToken: string;
  token(role: Role, organisation: string): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `src/dev/start.ts`; resolves once it prints that it is running. */
export async function startUiCheckSystem(startTimeoutMs = 240_000): Promise<UiCheckSystem> {
  const [apiPort, uiPort, temporalPort] = [await freePort(), await freePort(), await freePort()];
  const codecToken = randomBytes(24).toString('hex');
  const jwtSecret = randomBytes(32).toString('hex');
  const uiUrl = `http://localhost:${uiPort}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'ecm-ui-check-'));
  // Embedded PostgreSQL runs as its own OS user when started as root: it must reach the directory.
  chmodSync(dataDir, 0o755);
  const { TEMPORAL_ADDRESS: _external, DATABASE_URL: _db, DATABASE_OWNER_URL: _owner, ...inherited } = process.env;
  const env = {
    ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'warn', PORT: String(apiPort), TEMPORAL_UI_PORT: String(uiPort), TEMPORAL_DEV_PORT: String(temporalPort),
    DATA_DIR: dataDir, ECM_CODEC_TOKEN: codecToken, ECM_UI_ORIGIN: uiUrl, ECM_JWT_SECRET: jwtSecret,
  };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/dev/start.ts'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not come up within ${startTimeoutMs / 1000} s:\n${output.slice(-4000)}`)), startTimeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('ECM backbone is running.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before it was running:\n${output.slice(-4000)}`));
    });
  });
  const settings = { secret: new TextEncoder().encode(jwtSecret), issuer: 'ecm-backbone', audience: 'ecm-api' };
  return {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    uiUrl,
    codecUrl: `http://localhost:${apiPort}/codec`,
    codecToken,
    token: (role, organisation) => issueToken(settings, { subject: `ui-check-${role}`, role, organisation, lifetimeSeconds: 3600 }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // start.ts drains the worker and stops the servers in order on SIGTERM.
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
