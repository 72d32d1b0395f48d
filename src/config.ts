/**
 * One typed configuration object, read from the environment and validated at start-up, so a
 * mistyped variable stops the process with a clear message instead of failing on first use.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { planPoliciesFileSchema, validatePlanPolicies, type PlanPolicies } from './plan-policies';

const DEV_MEMBER_ID_KEY = 'dev-only-member-id-key-change-me';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('ecm-journeys'),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  /** Unset: `npm start` runs an embedded PostgreSQL under `.data/postgres`. */
  DATABASE_URL: z.string().url().optional(),
  /** Secret for the keyed hash that turns plan + CIN into the opaque member ID. */
  MEMBER_ID_KEY: z.string().min(16, 'MEMBER_ID_KEY must be at least 16 characters').default(DEV_MEMBER_ID_KEY),
  /** JSON file of per-plan policies (time zone, holidays, turnarounds). */
  ECM_PLANS_FILE: z.string().optional(),
  DATA_DIR: z.string().default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The validated configuration. */
export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly temporal: { readonly address: string; readonly namespace: string; readonly taskQueue: string; readonly uiPort: number };
  readonly databaseUrl?: string;
  readonly memberIdKey: string;
  readonly plans: PlanPolicies;
  readonly dataDir: string;
  readonly logLevel: string;
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
  if (e.ECM_PLANS_FILE) {
    const path = resolve(e.ECM_PLANS_FILE);
    const file = planPoliciesFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!file.success) throw new ConfigError(`Invalid ECM_PLANS_FILE ${path}: ${file.error.message}`);
    plans = file.data.plans;
    try {
      validatePlanPolicies(plans);
    } catch (err) {
      throw new ConfigError(`Invalid ECM_PLANS_FILE ${path}: ${(err as Error).message}`);
    }
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    temporal: { address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, taskQueue: e.TEMPORAL_TASK_QUEUE, uiPort: e.TEMPORAL_UI_PORT },
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    memberIdKey: e.MEMBER_ID_KEY,
    plans,
    dataDir: resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
  };
}
