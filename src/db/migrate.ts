/**
 * Schema migrations with node-pg-migrate, applied at every start-up.
 *
 * Migrations are plain SQL files in `<repo>/migrations`, named
 * `<timestamp>_<name>.sql` (e.g. `1732300000000_care-record.sql`), applied in
 * timestamp order and recorded in the `pgmigrations` table. A file may hold an
 * optional `-- Down Migration` section after `-- Up Migration`; without
 * markers the whole file is the up migration. Files not ending in `.sql`
 * (README, dotfiles) are ignored.
 *
 * Safe to run concurrently (worker and API starting together): node-pg-migrate
 * takes a PostgreSQL advisory lock before it even creates its table; with
 * `advisoryLockMode: 'wait'` the second caller blocks until the first is done,
 * then finds nothing left to apply. (The library default, `'fail'`, would make
 * the second caller throw.)
 *
 * All pending migrations run in one transaction: a failure leaves the schema
 * untouched. Consequently migration files must not contain their own
 * BEGIN/COMMIT or statements that cannot run in a transaction
 * (e.g. CREATE INDEX CONCURRENTLY).
 *
 * node-pg-migrate 9 is ESM-only; it is loaded with a dynamic `import()`, which
 * works from this CommonJS project under tsx, vitest and compiled output.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import pg from 'pg';

/** `<repo>/migrations`. */
export const DEFAULT_MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', 'migrations');

/** Table recording applied migrations. */
export const MIGRATIONS_TABLE = 'pgmigrations';

/** Anything that can log strings at these levels (console, a pino logger, …). */
export interface MigrationLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Options for {@link migrateDatabase}. */
export interface MigrateOptions {
  /** Directory of `.sql` migrations. Default {@link DEFAULT_MIGRATIONS_DIR}. */
  migrationsDir?: string;
  /** Default: `info` is dropped, `warn`/`error` go to `console.error`. */
  logger?: MigrationLogger;
  /**
   * Longest wait for any single lock, including the migration lock held by a
   * concurrently starting process. Fails instead of hanging start-up forever.
   * Default 120 000 ms.
   */
  lockTimeoutMs?: number;
}

/** What {@link migrateDatabase} did. */
export interface MigrateResult {
  /** Names (file name without `.sql`) of migrations applied by this call, in order. Empty when up to date. */
  applied: string[];
}

const quietLogger: MigrationLogger = {
  info: () => undefined,
  warn: (message) => console.error(message),
  error: (message) => console.error(message),
};

/**
 * Apply all pending migrations to the database at `databaseUrl`.
 * A no-op when the schema is up to date; safe to call from several processes
 * at once.
 */
export async function migrateDatabase(databaseUrl: string, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const dir = path.resolve(opts.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new Error(`Migrations directory not found: ${dir}`);

  const logger = opts.logger ?? quietLogger;
  const lockTimeoutMs = opts.lockTimeoutMs ?? 120_000;
  const { runner } = await import('node-pg-migrate');

  // Our own client rather than `databaseUrl`: node-pg-migrate does not await
  // `end()` on connections it opens and attaches no 'error' listener, so a
  // server shutting down right after a migration would crash the process.
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: 'ecm-migrate',
    options: `-c lock_timeout=${Math.max(1, Math.round(lockTimeoutMs))}`,
  });
  client.on('error', (err) => logger.warn(`migration connection: ${err.message}`));
  await client.connect();
  let applied: Awaited<ReturnType<typeof runner>>;
  try {
    applied = await runner({
      dbClient: client,
      dir,
      // Ignore dotfiles and anything that is not a .sql file (matched as ^…$).
      ignorePattern: '(?:\\..*|(?!.*\\.sql$).*)',
      direction: 'up',
      migrationsTable: MIGRATIONS_TABLE,
      checkOrder: true,
      singleTransaction: true,
      advisoryLockMode: 'wait',
      verbose: false,
      logger: {
        debug: () => undefined,
        info: (msg: string) => logger.info(msg),
        warn: (msg: string) => logger.warn(msg),
        error: (msg: string) => logger.error(msg),
      },
    });
  } finally {
    await client.end();
  }
  return { applied: applied.map((m) => m.name) };
}
