/**
 * Brings the care record's schema up to date before a process uses it, as the right role.
 *
 * With an owner URL (`DATABASE_OWNER_URL`) the migrations run as the owner and the app role (the
 * user of `DATABASE_URL`) is then granted least privilege (./app-role.ts). Without one, the app's
 * own role must find the schema current. Compose runs the migrations in a one-shot job, so the API
 * and the worker never hold the owner's password. An older single-role deployment, whose
 * `DATABASE_URL` is the owner, still migrates itself, with a warning that nothing then protects
 * the audit trail from the app's role but the triggers.
 */
import { roleOf } from './app-role';
import { migrateDatabase, pendingMigrations, type MigrationLogger } from './migrate';

/** Where the schema is and who may change it. */
export interface DatabaseRoles {
  /** The app role's URL: what the API's and the worker's pools connect with. */
  readonly appUrl: string;
  /** The owner's URL, for migrations; unset when a separate job runs them. */
  readonly ownerUrl?: string;
  /** Default: the repository's `migrations/`. */
  readonly migrationsDir?: string;
}

/** Thrown when the app role finds migrations it may not apply. */
export class SchemaOutOfDate extends Error {
  override readonly name = 'SchemaOutOfDate';
}

/** Migrates (as the owner) or checks (as the app role); returns the migrations applied. */
export async function prepareDatabase(roles: DatabaseRoles, log: MigrationLogger): Promise<string[]> {
  const dir = roles.migrationsDir ? { migrationsDir: roles.migrationsDir } : {};
  if (roles.ownerUrl) {
    const appRole = roleOf(roles.appUrl);
    const sameRole = appRole === roleOf(roles.ownerUrl);
    if (sameRole) log.warn('DATABASE_URL and DATABASE_OWNER_URL name the same role: the app connects as the owner, so only triggers guard the audit trail');
    return (await migrateDatabase(roles.ownerUrl, { logger: log, ...dir, ...(sameRole ? {} : { appRole }) })).applied;
  }
  const pending = await pendingMigrations(roles.appUrl, roles.migrationsDir);
  if (!pending.length) return [];
  log.warn('no DATABASE_OWNER_URL: migrating as the app role, which therefore owns the schema and could rewrite the audit trail');
  try {
    return (await migrateDatabase(roles.appUrl, { logger: log, ...dir })).applied;
  } catch (err) {
    // The message names migrations and the missing setting, never a connection string.
    throw new SchemaOutOfDate(`${pending.length} migration(s) pending (${pending.join(', ')}) and DATABASE_URL's role could not apply them (${(err as { code?: string }).code ?? (err as Error).name}); run them as the owner: set DATABASE_OWNER_URL, or run src/infra/db/migrate-main.ts`);
  }
}
