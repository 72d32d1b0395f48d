/**
 * What a PostgreSQL (node-postgres) error means for whoever caught it, read from its SQLSTATE or
 * its socket error code, never from its message: a PostgreSQL message can quote the value it
 * refused (a date of birth, a CIN), so messages are not logged, classified or passed on.
 */

/** `data`: the database refused these values for good; `unavailable`: it could not be reached. */
export type DatabaseErrorKind = 'data' | 'unavailable';

/** Socket and DNS error codes of a database that cannot be reached (Node's `err.code`). */
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/**
 * SQLSTATEs of a server that is going away or not accepting connections: 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now; class 08 (connection exception) and class 53
 * (insufficient resources, e.g. too_many_connections) are matched by class.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03']);

/**
 * node-postgres's own errors carry no code; these fixed messages (from pg and pg-pool, never
 * holding data) are how it says a connection could not be had or was lost.
 */
const UNREACHABLE_PG_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
];

/** The five-character SQLSTATE of a PostgreSQL server error, if `err` is one. */
export function sqlState(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in (err as object) ? code : undefined;
}

/** The constraint a PostgreSQL integrity error names (a schema name, never data). */
export function constraintName(err: unknown): string | undefined {
  const constraint = (err as { constraint?: unknown } | null | undefined)?.constraint;
  return typeof constraint === 'string' ? constraint : undefined;
}

function kindOfOne(err: unknown): DatabaseErrorKind | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const state = sqlState(err);
  if (state) {
    // Class 22 data exception (bad date, NUL byte, value too long), class 23 integrity
    // constraint violation: the same values fail the same way on every retry.
    if (state.startsWith('22') || state.startsWith('23')) return 'data';
    if (state.startsWith('08') || state.startsWith('53') || UNAVAILABLE_SQLSTATES.has(state)) return 'unavailable';
    return undefined;
  }
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE_SOCKET_CODES.has(code)) return 'unavailable';
  const message = (err as { message?: unknown }).message;
  if (typeof message === 'string' && UNREACHABLE_PG_MESSAGES.includes(message)) return 'unavailable';
  return undefined;
}

/**
 * The kind of database failure `err` is, looking through `cause` chains and the `errors` of an
 * AggregateError (Node reports a refused connection to every address of a host as one); undefined
 * for anything that is not a recognisable database failure.
 */
export function databaseErrorKind(err: unknown): DatabaseErrorKind | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length) {
    const next = queue.shift();
    if (!next || typeof next !== 'object' || seen.has(next)) continue;
    seen.add(next);
    const kind = kindOfOne(next);
    if (kind) return kind;
    queue.push((next as { cause?: unknown }).cause);
    const errors = (next as { errors?: unknown }).errors;
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return undefined;
}
