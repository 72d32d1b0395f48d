/** The `npm run adt-listener` entry: off unless configured, and it says what to set. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function runListener(env: Record<string, string>): { status: number | null; stderr: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'ecm-listener-'));
  try {
    const { PATH, HOME } = process.env;
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'api/adt-listener.ts'], {
      env: { PATH: PATH ?? '', HOME: HOME ?? '', DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, stderr: result.stderr };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('ADT listener process', () => {
  it('stays off without MLLP_PORT, and refuses half a TLS configuration, each with a message saying what to set', () => {
    expect(runListener({})).toMatchObject({ status: 1, stderr: expect.stringContaining('MLLP_PORT is not set') });
    expect(runListener({ MLLP_PORT: '2575', MLLP_TLS_KEY: 'key.pem' })).toMatchObject({ status: 1, stderr: expect.stringContaining('MLLP_TLS_CERT and MLLP_TLS_KEY are set together') });
  });
});
