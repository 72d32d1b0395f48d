/**
 * Recognises an outage of Temporal or of PostgreSQL in whatever the SDKs threw, so the API
 * answers an honest 503 naming the service that is down. The SDKs wrap the transport error
 * (Temporal's client wraps the gRPC ServiceError in its own errors' `cause`), so the whole cause
 * chain is read, and only codes are read, never messages (a PostgreSQL message may quote member data).
 */
import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { databaseErrorKind } from '../src/infra/db/database-errors';
import { ApiError, ApiErrorCode } from './problem';

/** gRPC statuses of a Temporal frontend that cannot answer now (down, unreachable, or past our deadline). */
const UNAVAILABLE_GRPC_STATUSES: ReadonlySet<number> = new Set([
  14, // UNAVAILABLE
  4, // DEADLINE_EXCEEDED
]);

/** True when `err`, or any error in its cause chain, says Temporal could not be reached in time. */
export function isTemporalUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    if (isGrpcServiceError(e) && UNAVAILABLE_GRPC_STATUSES.has(e.code)) return true;
    // An Update whose long poll ran out of our deadline: the action may still be applied; the
    // caller repeats it with the same idempotency key.
    if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  }
  return false;
}

/** The 503 an outage answers, or undefined when `err` is not one. */
export function serviceUnavailable(err: unknown): ApiError | undefined {
  if (isTemporalUnavailable(err)) {
    return new ApiError(ApiErrorCode.TemporalUnavailable, 'the workflow service could not be reached in time; retry with the same request');
  }
  if (databaseErrorKind(err) === 'unavailable') {
    return new ApiError(ApiErrorCode.DatabaseUnavailable, 'the care record database could not be reached; retry with the same request');
  }
  return undefined;
}
