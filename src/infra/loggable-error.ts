/**
 * What of an error may go into a log line: its class and its codes, never its message. A
 * PostgreSQL message quotes the value it refused (a raw date of birth), a validation message the
 * field's content; only the class, SQLSTATE, socket code, gRPC status and constraint name are
 * safe, and they are what an operator searches for anyway.
 */
import { constraintName, sqlState } from './db/database-errors';

/** The log-safe description of an error (`class`, not `name`: the logger redacts `*.name` as PHI). */
export interface LoggableError {
  readonly class: string;
  readonly code?: string;
  readonly constraint?: string;
  /** The same, for the error's cause, when it has one. */
  readonly cause?: LoggableError;
}

/** Describes `err` for a log line without its message; causes are described to a small depth. */
export function loggableError(err: unknown, depth = 3): LoggableError {
  if (!err || typeof err !== 'object') return { class: typeof err };
  const ctor = (err as { constructor?: { name?: unknown } }).constructor?.name;
  const code = sqlState(err) ?? (err as { code?: unknown }).code;
  const constraint = constraintName(err);
  const cause = (err as { cause?: unknown }).cause;
  return {
    class: typeof ctor === 'string' && ctor ? ctor : 'Object',
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    ...(constraint ? { constraint } : {}),
    ...(cause && depth > 0 ? { cause: loggableError(cause, depth - 1) } : {}),
  };
}
