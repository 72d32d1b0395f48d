/**
 * Errors Express and its body parser raise for bad client input, as the API's own refusals: a
 * malformed body, charset or path is the caller's mistake (4xx), never a 500.
 */
import { ApiError, ApiErrorCode } from './problem';

interface HttpError {
  readonly type?: unknown;
  readonly status?: unknown;
  readonly expose?: unknown;
}

/** The refusal for a body-parser or router error, or `undefined` when `err` is none of theirs. */
export function clientErrorOf(err: unknown): ApiError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { type, status, expose } = err as HttpError;
  if (type === 'entity.parse.failed') return new ApiError(ApiErrorCode.InvalidJson, 'the body could not be parsed as JSON');
  if (type === 'entity.too.large') return new ApiError(ApiErrorCode.InvalidBody, 'the body is too large');
  // `charset=latin1` and the like: bodies are UTF-8 JSON (RFC 8259 §8.1).
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new ApiError(ApiErrorCode.UnsupportedMediaType, 'the body must be UTF-8 (no other charset, no content encoding)');
  }
  // The router could not percent-decode a path parameter (`/v1/members/%ff%fe`): nothing it names exists.
  if (err instanceof URIError && status === 400) return new ApiError(ApiErrorCode.InvalidPath, 'the request path is not valid percent-encoded UTF-8');
  // Any other client error the body parser raises (aborted, bad length, ...): refused without a 500.
  if (expose === true && typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(ApiErrorCode.InvalidBody, 'the body could not be read');
  }
  return undefined;
}
