/**
 * `npm run fuzz` (issue 10): starts the system like `npm run chaos` does (own ports, own data
 * directory under `.data/fuzz-<pid>`, no faults), makes a few real members, then sends FUZZ_N
 * (default 2,000) requests generated from the OpenAPI document the API serves. Prints the counts
 * by status; every 5xx and every hang (no answer within 15 s) is a failure, printed once per
 * operation, status and code with a reproducer (method, path, content type, body), and all of
 * them are written to `fuzz-failures.jsonl` in the data directory. Exits non-zero on any failure.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueToken } from '../../src/infra/auth/issue-token';
import { PROJECT_ROOT } from '../../src/dev/runtime/temporal-binaries';
import { startChaosSystem } from '../chaos/chaos-system';
import { runJourney } from '../chaos/journey-client';
import { PLAN, PROVIDER } from '../chaos/journey-plan';
import { requestArbitrary, type FuzzRequest, type OpenApiLike } from './request-arbitrary';

const N = Number(process.env.FUZZ_N ?? 2_000);
const CONCURRENCY = Math.max(1, Number(process.env.FUZZ_CONCURRENCY ?? 6));
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const HANG_MS = 15_000;

const say = (line: string): void => console.log(`fuzz: ${line}`);

/** What one request got. */
interface Answer {
  readonly request: FuzzRequest;
  readonly status: number | 'hang' | 'no-answer';
  readonly code?: string;
  /** Why no answer came (connection reset, closed socket). */
  readonly error?: string;
}

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: 'ERROR' } }, shutdownSignals: [] });
  const dataDir = join(PROJECT_ROOT, '.data', `fuzz-${process.pid}`);
  say(`starting the system in ${dataDir}; seed ${SEED}`);
  const system = await startChaosSystem(dataDir);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void system.stop().finally(() => process.exit(130)));
  }
  try {
    if (system.config.tokens.kind !== 'secret') throw new Error('fuzz signs its own tokens: run it without ECM_JWT_JWKS_URL');
    const tokens = system.config.tokens;
    // Real members for paths that need one: journeys at several stages.
    const memberIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const run = await runJourney(i, { apiUrl: system.apiUrl, tokens, run: `fuzz${process.pid}`, duplicateRate: 0, paceMs: 0, requestTimeoutMs: 20_000, giveUpAfterMs: 60_000 });
      if (run.memberId) memberIds.push(run.memberId);
    }
    if (memberIds.length === 0) throw new Error('no member could be created to fuzz with');
    say(`${memberIds.length} members to fuzz with`);
    const bearer = (role: 'plan' | 'provider' | 'ops', organisation: string) => issueToken(tokens, { subject: `fuzz-${role}`, role, organisation, lifetimeSeconds: 6 * 3600 });
    const context = { memberIds, tokens: { plan: await bearer('plan', PLAN), provider: await bearer('provider', PROVIDER), ops: await bearer('ops', 'ECM-OPS') } };
    const doc = (await (await fetch(`${system.apiUrl}/openapi.json`)).json()) as OpenApiLike;
    const requests = fc.sample(requestArbitrary(doc, context), { numRuns: N, seed: SEED });

    const answers: Answer[] = [];
    let next = 0;
    const sender = async (): Promise<void> => {
      while (next < requests.length) answers.push(await send(system.apiUrl, requests[next++]!));
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));

    const byStatus = new Map<string, number>();
    for (const a of answers) byStatus.set(String(a.status), (byStatus.get(String(a.status)) ?? 0) + 1);
    say(`by status: ${[...byStatus.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
    const failures = answers.filter((a) => typeof a.status !== 'number' || a.status >= 500);
    writeFileSync(join(dataDir, 'fuzz-failures.jsonl'), failures.map((f) => JSON.stringify(reproducer(f))).join('\n'));
    const groups = new Map<string, Answer[]>();
    for (const f of failures) {
      const key = `${f.request.operation} → ${f.status}${f.code ? ` ${f.code}` : ''}`;
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    for (const [key, group] of groups) say(`FAIL ${key} ×${group.length}; reproducer: ${JSON.stringify(reproducer(group[0]!))}`);
    const count = (status: Answer['status']) => failures.filter((f) => f.status === status).length;
    const fiveXx = failures.filter((f) => typeof f.status === 'number').length;
    console.log(`fuzz: ${answers.length} requests, 5xx ${fiveXx}, hangs ${count('hang')}, no answer ${count('no-answer')}`);
    return failures.length > 0 ? 1 : 0;
  } finally {
    await system.stop();
    say(`logs kept in ${dataDir}`);
  }
}

async function send(apiUrl: string, request: FuzzRequest): Promise<Answer> {
  const headers: Record<string, string> = {
    ...(request.contentType !== undefined ? { 'content-type': request.contentType } : {}),
    ...(request.authorization ? { authorization: request.authorization } : {}),
    ...(request.idempotencyKey !== undefined ? { 'idempotency-key': request.idempotencyKey } : {}),
  };
  try {
    const res = await fetch(`${apiUrl}${request.path}`, {
      method: request.method,
      headers,
      ...(request.body !== undefined && request.method !== 'GET' ? { body: request.body } : {}),
      signal: AbortSignal.timeout(HANG_MS),
    });
    const text = await res.text();
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { code?: string }).code;
    } catch {
      // not JSON (metrics, HL7 ACKs)
    }
    return { request, status: res.status, ...(code ? { code } : {}) };
  } catch (err) {
    const error = err as Error & { cause?: { message?: string } };
    return { request, status: error.name === 'TimeoutError' ? 'hang' : 'no-answer', error: `${error.message}${error.cause?.message ? `: ${error.cause.message}` : ''}` };
  }
}

/** What to paste to repeat a failure: the request as sent, the body parsed when it is JSON. */
function reproducer(a: Answer) {
  const { request } = a;
  let body: unknown = request.body;
  try {
    if (request.body !== undefined) body = JSON.parse(request.body);
  } catch {
    // sent as text
  }
  return { status: a.status, ...(a.error ? { error: a.error } : {}), method: request.method, path: request.path, contentType: request.contentType, idempotencyKey: request.idempotencyKey, role: request.role, body };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
