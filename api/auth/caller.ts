import type { Response } from 'express';
import type { Principal } from '../../src/infra/auth/principal';

/** The verified caller of this request; set by `authenticate`, so every `/v1` route has one. */
export function callerOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('callerOf used on a route without authentication');
  return principal;
}

/** The request ID `requestId` middleware set. */
export function requestIdOf(res: Response): string {
  return res.locals.requestId as string;
}

/**
 * The `X-Request-Id` the client sent, kept beside the server's request ID for the audit trail;
 * an empty object when it sent none (or on a response that is not a request's).
 */
export function clientRequestIdOf(res: Response | undefined): { clientRequestId?: string } {
  const id = res?.locals.clientRequestId as string | undefined;
  return id ? { clientRequestId: id } : {};
}
