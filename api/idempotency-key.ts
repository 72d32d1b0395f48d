import type { Request } from 'express';
import { fingerprint } from '../src/infra/identity';
import { ApiError, ApiErrorCode } from './problem';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * The client's `Idempotency-Key`, or, without one, a fingerprint of the route and body: the same
 * request delivered twice then still has one effect.
 */
export function actionKeyOf(req: Request, action: string, body: unknown, key: string): string {
  const header = req.get('Idempotency-Key');
  if (header === undefined) return `auto:${fingerprint(key, { action, body })}`;
  if (!IDEMPOTENCY_KEY.test(header)) {
    throw new ApiError(ApiErrorCode.InvalidBody, 'Idempotency-Key must be 8 to 128 letters, digits, "_", ".", ":" or "-"', {
      errors: [{ path: 'Idempotency-Key', message: 'invalid header' }],
    });
  }
  return header;
}
