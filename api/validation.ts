import type { Request } from 'express';
import type { z } from 'zod';
import { ApiError, ApiErrorCode } from './problem';
import { MEMBER_ID_PATTERN } from '../src/identity';

/** Parses a body with its schema, or refuses it with every field error (HTTP 400). */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
  throw new ApiError(ApiErrorCode.InvalidBody, `${errors.length} field(s) failed validation`, { errors });
}

/** Parses a query string with its schema, or refuses it with every parameter error (HTTP 400). */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const parsed = schema.safeParse(req.query);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(query)', message: issue.message }));
  throw new ApiError(ApiErrorCode.InvalidBody, `${errors.length} query parameter(s) failed validation`, { errors });
}

/** Member IDs are ours (mbr_ + 32 hex); anything else cannot name a journey. */
export function memberIdParam(req: Request): string {
  const memberId = String(req.params.memberId ?? '');
  if (!MEMBER_ID_PATTERN.test(memberId)) {
    throw new ApiError(ApiErrorCode.MemberNotFound, 'no journey exists for this member ID');
  }
  return memberId;
}
