import type { Request } from 'express';
import type { z } from 'zod';
import { ApiError, ApiErrorCode, type FieldError } from './problem';
import { MEMBER_ID_PATTERN } from '../src/infra/identity';
import { isSafeText, UNSAFE_TEXT_MESSAGE } from '../src/core/safe-text';

/**
 * The `params.code` a schema's refinement sets when a reason the rules require is missing
 * (R-DENIAL-NOA, a decline): the answer is then `reason_required`, as the journey would answer.
 */
export const REASON_REQUIRED = { code: 'reason_required' } as const;

/** A refinement's options for a missing reason, at `reason`. */
export function reasonRequired(message: string) {
  return { path: ['reason'], message, params: REASON_REQUIRED };
}

/**
 * One field error per problem. An unknown field is named by its own path (`member.presumtive`),
 * not its parent's: a typo must be found at once, never silently dropped.
 */
function fieldErrors(issues: readonly z.core.$ZodIssue[], whole: string): FieldError[] {
  return issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...at, key].join('.'), message: 'unknown field' }));
    }
    return [{ path: at.join('.') || whole, message: issue.message }];
  });
}

function refusal(issues: readonly z.core.$ZodIssue[], whole: string, what: string): ApiError {
  const errors = fieldErrors(issues, whole);
  const onlyReasons = issues.every((issue) => issue.code === 'custom' && issue.params?.code === REASON_REQUIRED.code);
  if (onlyReasons) return new ApiError(ApiErrorCode.ReasonRequired, errors.map((e) => e.message).join('; '), { errors });
  return new ApiError(ApiErrorCode.InvalidBody, `${errors.length} ${what} failed validation`, { errors });
}

/** Parses a body with its schema, or refuses it with every field error (HTTP 400). */
export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  throw refusal(parsed.error.issues, '(body)', 'field(s)');
}

/** Parses a query string with its schema, or refuses it with every parameter error (HTTP 400). */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const parsed = schema.safeParse(req.query);
  if (parsed.success) return parsed.data;
  throw refusal(parsed.error.issues, '(query)', 'query parameter(s)');
}

/** A path parameter with a control character or a lone surrogate is bad input (400), whatever it names. */
export function safePathParam(req: Request, name: string): string {
  const value = String(req.params[name] ?? '');
  if (!isSafeText(value)) {
    throw new ApiError(ApiErrorCode.InvalidBody, `the path parameter ${name} is invalid`, { errors: [{ path: name, message: UNSAFE_TEXT_MESSAGE }] });
  }
  return value;
}

/** Member IDs are ours (mbr_ + 32 hex); anything else cannot name a journey. */
export function memberIdParam(req: Request): string {
  const memberId = safePathParam(req, 'memberId');
  if (!MEMBER_ID_PATTERN.test(memberId)) {
    throw new ApiError(ApiErrorCode.MemberNotFound, 'no journey exists for this member ID');
  }
  return memberId;
}
