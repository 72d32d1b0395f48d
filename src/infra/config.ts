/**
 * One typed configuration object, read from the environment and validated at start-up, so a
 * mistyped variable stops the process with a clear message instead of failing on first use.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProviderDirectory } from '../core/provider-directory';
import { z } from 'zod';
import { type Hl7Feeds, planPoliciesFileSchema, validateHl7Feeds, validatePlanPolicies, type PlanPolicies } from '../core/plan-policies';
import type { PayloadKeys } from './codec/aes-gcm-payload-codec';
import { developmentPayloadKeys, parsePayloadKeys } from './codec/payload-keys';
import { developmentTokenSecret } from './auth/development-token-secret';
import type { TokenSettings } from './auth/token-settings';
import { workerTuningEnvSchema, workerTuningOf, type WorkerTuning } from './worker-tuning';

/** Default gRPC deadline of an API call into Temporal (see TEMPORAL_CALL_TIMEOUT_MS). */
export const DEFAULT_TEMPORAL_CALL_TIMEOUT_MS = 10_000;

/**
 * Issue 16 §3: journeys one worker keeps in its sticky cache. The cache, not the number of open
 * journeys, is what a worker's memory grows with. `npm run bench` measured about 1,070 MiB with
 * 1,000 cached, flat from 1,000 to 10,000 open journeys (0.73 MiB per cached journey over an empty
 * worker's 360), so the default is 750: under 1 GiB with any number of open journeys (README,
 * Benchmark). A journey outside the cache is replayed from its history on its next task (a cold action).
 */
export const DEFAULT_WORKER_MAX_CACHED_WORKFLOWS = 750;

const DEV_MEMBER_ID_KEY = 'dev-only-member-id-key-change-me';
/** Failed authentications per minute one client IP may make before it is answered 429. */
export const DEFAULT_AUTH_FAILURES_PER_MINUTE = 60;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The interface the API listens on: loopback unless a deployment opens it (compose: 0.0.0.0). */
  HOST: z.string().min(1).default('127.0.0.1'),
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('ecm-journeys'),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  /** gRPC deadline of each API call into Temporal: an outage answers 503 within it. */
  TEMPORAL_CALL_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(DEFAULT_TEMPORAL_CALL_TIMEOUT_MS),
  /** Unset: `npm start` runs an embedded PostgreSQL under `.data/postgres`. */
  DATABASE_URL: z.string().url().optional(),
  /** The schema owner, for migrations; DATABASE_URL's role is then granted least privilege. */
  DATABASE_OWNER_URL: z.string().url().optional(),
  /** Secret for the keyed hash that turns plan + CIN into the opaque member ID. */
  MEMBER_ID_KEY: z.string().min(16, 'MEMBER_ID_KEY must be at least 16 characters').default(DEV_MEMBER_ID_KEY),
  /** JSON file of per-plan policies (time zone, holidays, turnarounds). */
  ECM_PLANS_FILE: z.string().optional(),
  /** Issue 12 §3: the day of the month the monthly files are written (1–28), at 06:00 California time. */
  REPORTS_SCHEDULE_DAY: z.coerce.number().int().min(1).max(28).default(5),
  DATA_DIR: z.string().default('.data'),
  /** JSON `{"<key id>": "<base64 of 32 bytes>"}`: AES-256-GCM keys for Temporal payloads. */
  ECM_PAYLOAD_KEYS: z.string().optional(),
  /** Which of ECM_PAYLOAD_KEYS seals new payloads (the others still open old ones). */
  ECM_PAYLOAD_KEY_ID: z.string().optional(),
  /** Bearer token the Web UI opens the codec server with (unset: ops JWTs only; required in production). */
  ECM_CODEC_TOKEN: z.string().min(16).optional(),
  /** Origin of the Temporal Web UI, allowed to call the codec server. */
  ECM_UI_ORIGIN: z.string().default('http://localhost:8233'),
  /** HS256 secret (at least 32 characters) that API bearer tokens are signed with. */
  ECM_JWT_SECRET: z.string().min(32, 'ECM_JWT_SECRET must be at least 32 characters').optional(),
  /** Or: the identity provider's JWKS, for RS256/ES256 tokens. */
  ECM_JWT_JWKS_URL: z.string().url().optional(),
  ECM_JWT_ISSUER: z.string().min(1).default('ecm-backbone'),
  ECM_JWT_AUDIENCE: z.string().min(1).default('ecm-api'),
  /** Requests per minute each organisation may make (health and metrics are not counted). */
  ECM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  /**
   * Issue 16 §5: where rate limits are counted. `postgres` (default): in the care record's database,
   * so N API replicas enforce one limit. `memory`: per API process, N replicas allow N times the
   * rate; only for a single replica (it saves one database round trip per request).
   */
  ECM_RATE_LIMIT_STORE: z.enum(['postgres', 'memory']).default('postgres'),
  /** R-DENIAL-NOA: how Notices of Action leave: letter files under DATA_DIR/notices, or left pending in the outbox. */
  ECM_NOTICE_TRANSPORT: z.enum(['letter-file', 'outbox']).default('letter-file'),
  /** Issue 16 §3: journeys kept in one worker's sticky cache (see DEFAULT_WORKER_MAX_CACHED_WORKFLOWS). */
  ECM_WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(DEFAULT_WORKER_MAX_CACHED_WORKFLOWS),
  /** Failed authentications (401s) per minute per client IP; past it the address gets 429. */
  ECM_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_AUTH_FAILURES_PER_MINUTE),
  /** Port of the MLLP (HL7 v2 over TCP) listener; unset: no listener. */
  MLLP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MLLP_HOST: z.string().min(1).default('127.0.0.1'),
  /** PEM files: with both set the listener speaks TLS; MLLP_TLS_CA also asks senders for a client certificate. */
  MLLP_TLS_CERT: z.string().min(1).optional(),
  MLLP_TLS_KEY: z.string().min(1).optional(),
  MLLP_TLS_CA: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
}).extend(workerTuningEnvSchema.shape); // Issue 16 §4: the worker's slots, pollers and pool (src/infra/worker-tuning.ts).

/** The validated configuration. */
export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly temporal: { readonly address: string; readonly namespace: string; readonly taskQueue: string; readonly uiPort: number; readonly callTimeoutMs: number };
  readonly databaseUrl?: string;
  readonly databaseOwnerUrl?: string;
  readonly memberIdKey: string;
  readonly plans: PlanPolicies;
  /** HL7 ADT feeds of ECM_PLANS_FILE (`feeds`), by name. */
  readonly feeds: Hl7Feeds;
  /** The provider directory of ECM_PLANS_FILE (`providers`): NPI, TIN, Lead Care Managers' contacts. */
  readonly providers: ProviderDirectory;
  /** The monthly files' Schedule: the day of the month it runs. */
  readonly reportsScheduleDay: number;
  /** MLLP listener of `npm run adt-listener`: its port (unset: off) and TLS files. */
  readonly mllp: { readonly port?: number; readonly host: string; readonly tlsCert?: string; readonly tlsKey?: string; readonly tlsCa?: string };
  readonly dataDir: string;
  readonly logLevel: string;
  readonly payloadKeys: PayloadKeys;
  readonly codecToken?: string;
  readonly uiOrigin: string;
  readonly tokens: TokenSettings;
  readonly rateLimitPerMinute: number;
  readonly rateLimitStore: 'postgres' | 'memory';
  readonly noticeTransport: 'letter-file' | 'outbox';
  readonly authFailuresPerMinute: number;
  /**
   * Issue 16: the worker's slots, pollers and database pool (§4), and the journeys kept in its
   * sticky cache (§3), which bounds its memory; its heap is bounded by `--max-old-space-size`.
   */
  readonly worker: WorkerTuning & { readonly maxCachedWorkflows: number };
}

/** Thrown when the environment does not describe a runnable system. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration from an environment (the process's by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.MEMBER_ID_KEY === DEV_MEMBER_ID_KEY) {
    throw new ConfigError('MEMBER_ID_KEY must be set in production: member IDs derived with the development key are guessable');
  }
  let plans: PlanPolicies = {};
  let feeds: Hl7Feeds = {};
  let providers: ProviderDirectory = {};
  if (e.ECM_PLANS_FILE) {
    const path = resolve(e.ECM_PLANS_FILE);
    const file = planPoliciesFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!file.success) throw new ConfigError(`Invalid ECM_PLANS_FILE ${path}: ${file.error.message}`);
    plans = file.data.plans;
    feeds = file.data.feeds ?? {};
    providers = file.data.providers ?? {};
    try {
      validatePlanPolicies(plans);
      validateHl7Feeds(feeds);
    } catch (err) {
      throw new ConfigError(`Invalid ECM_PLANS_FILE ${path}: ${(err as Error).message}`);
    }
  }
  let payloadKeys: PayloadKeys;
  if (e.ECM_PAYLOAD_KEYS) {
    if (!e.ECM_PAYLOAD_KEY_ID) throw new ConfigError('ECM_PAYLOAD_KEY_ID must name the current key of ECM_PAYLOAD_KEYS');
    payloadKeys = parsePayloadKeys(e.ECM_PAYLOAD_KEYS, e.ECM_PAYLOAD_KEY_ID);
    const current = payloadKeys.keys[payloadKeys.currentKeyId];
    if (!current || Object.values(payloadKeys.keys).some((k) => k.length !== 32)) {
      throw new ConfigError('ECM_PAYLOAD_KEYS must hold 32-byte (base64) keys, the current one among them');
    }
  } else if (e.NODE_ENV === 'production') {
    throw new ConfigError('ECM_PAYLOAD_KEYS and ECM_PAYLOAD_KEY_ID must be set in production: member data in Temporal is encrypted with them');
  } else {
    payloadKeys = developmentPayloadKeys(resolve(e.DATA_DIR, 'payload-keys.json'));
  }
  // The codec server decrypts every member's history: in production it needs its own credential.
  if (e.NODE_ENV === 'production' && !e.ECM_CODEC_TOKEN) {
    throw new ConfigError('ECM_CODEC_TOKEN must be set in production: the codec server decrypts member data for the Temporal Web UI');
  }
  if (Boolean(e.MLLP_TLS_CERT) !== Boolean(e.MLLP_TLS_KEY)) throw new ConfigError('MLLP_TLS_CERT and MLLP_TLS_KEY are set together: TLS needs both');
  if (e.ECM_JWT_SECRET && e.ECM_JWT_JWKS_URL) throw new ConfigError('set ECM_JWT_SECRET or ECM_JWT_JWKS_URL, not both');
  const issuer = e.ECM_JWT_ISSUER;
  const audience = e.ECM_JWT_AUDIENCE;
  let tokens: TokenSettings;
  if (e.ECM_JWT_JWKS_URL) tokens = { kind: 'jwks', jwksUrl: e.ECM_JWT_JWKS_URL, issuer, audience };
  else if (e.ECM_JWT_SECRET) tokens = { kind: 'secret', secret: new TextEncoder().encode(e.ECM_JWT_SECRET), issuer, audience };
  else if (e.NODE_ENV === 'production') throw new ConfigError('ECM_JWT_SECRET or ECM_JWT_JWKS_URL must be set in production: every API request is authenticated');
  else tokens = { kind: 'secret', secret: developmentTokenSecret(resolve(e.DATA_DIR, 'token-secret')), issuer, audience };
  return {
    env: e.NODE_ENV,
    tokens,
    rateLimitPerMinute: e.ECM_RATE_LIMIT_PER_MINUTE,
    rateLimitStore: e.ECM_RATE_LIMIT_STORE,
    noticeTransport: e.ECM_NOTICE_TRANSPORT,
    authFailuresPerMinute: e.ECM_AUTH_FAILURES_PER_MINUTE,
    worker: { ...workerTuningOf(e), maxCachedWorkflows: e.ECM_WORKER_MAX_CACHED_WORKFLOWS },
    payloadKeys,
    ...(e.ECM_CODEC_TOKEN ? { codecToken: e.ECM_CODEC_TOKEN } : {}),
    uiOrigin: e.ECM_UI_ORIGIN,
    port: e.PORT,
    host: e.HOST,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiPort: e.TEMPORAL_UI_PORT,
      callTimeoutMs: e.TEMPORAL_CALL_TIMEOUT_MS,
    },
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.DATABASE_OWNER_URL ? { databaseOwnerUrl: e.DATABASE_OWNER_URL } : {}),
    memberIdKey: e.MEMBER_ID_KEY,
    plans,
    feeds,
    providers,
    reportsScheduleDay: e.REPORTS_SCHEDULE_DAY,
    mllp: {
      host: e.MLLP_HOST,
      ...(e.MLLP_PORT === undefined ? {} : { port: e.MLLP_PORT }),
      ...(e.MLLP_TLS_CERT ? { tlsCert: e.MLLP_TLS_CERT } : {}),
      ...(e.MLLP_TLS_KEY ? { tlsKey: e.MLLP_TLS_KEY } : {}),
      ...(e.MLLP_TLS_CA ? { tlsCa: e.MLLP_TLS_CA } : {}),
    },
    dataDir: resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
  };
}
