import type { Response } from 'express';
import type { Principal } from '../../src/auth/principal';

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
