/**
 * How a care-record activity fails, decided in one place for every activity: a data error fails
 * for good, anything else retries. The failure's message names only the SQLSTATE and the
 * constraint, never PostgreSQL's message, which quotes the refused value (member data).
 */
import { ApplicationFailure } from '@temporalio/common';
import { constraintName, databaseErrorKind, sqlState } from '../../src/infra/db/database-errors';

/** Failure type of values the care record refuses (SQLSTATE class 22 or 23): retrying cannot help. */
export const CARE_RECORD_DATA_ERROR = 'CareRecordDataError';
/** Failure type of a database that could not be reached: retried until it is back. */
export const CARE_RECORD_UNAVAILABLE = 'CareRecordUnavailable';
/** Failure type of any other error of a care-record write: retried (a fix can be deployed meanwhile). */
export const CARE_RECORD_WRITE_FAILED = 'CareRecordWriteFailed';

/** The Temporal failure an error of a care-record activity becomes. */
export function careRecordFailure(err: unknown): ApplicationFailure {
  // Failures raised on purpose already say what they mean.
  if (err instanceof ApplicationFailure) return err;
  const state = sqlState(err);
  const kind = databaseErrorKind(err);
  if (kind === 'data') {
    const constraint = constraintName(err);
    return ApplicationFailure.create({
      type: CARE_RECORD_DATA_ERROR,
      nonRetryable: true,
      message: `the care record refused the values: SQLSTATE ${state ?? 'unknown'}${constraint ? `, constraint ${constraint}` : ''}`,
      details: [{ sqlState: state ?? null, constraint: constraint ?? null }],
    });
  }
  const code = state ?? (err as { code?: unknown } | null)?.code;
  const what = typeof code === 'string' ? code : ((err as object | null)?.constructor?.name ?? typeof err);
  if (kind === 'unavailable') return ApplicationFailure.retryable(`the care record could not be reached (${what})`, CARE_RECORD_UNAVAILABLE);
  return ApplicationFailure.retryable(`the care-record write failed (${what})`, CARE_RECORD_WRITE_FAILED);
}

/** Wraps an activity so that whatever it throws fails as {@link careRecordFailure} says. */
export function withCareRecordFailures<A extends unknown[], R>(activity: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await activity(...args);
    } catch (err) {
      throw careRecordFailure(err);
    }
  };
}

/** Every activity of a set, wrapped by {@link withCareRecordFailures}; the set keeps its type. */
export function withCareRecordFailuresForEach<T extends Record<string, (...args: never[]) => Promise<unknown>>>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, activity]) => [name, withCareRecordFailures(activity as (...args: unknown[]) => Promise<unknown>)]),
  ) as unknown as T;
}
