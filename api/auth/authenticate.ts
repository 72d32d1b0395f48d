/**
 * Every `/v1` request carries a signed bearer token (issue 5, §2). A missing, malformed, expired
 * or wrongly signed token is answered 401 with `WWW-Authenticate`, before anything else happens.
 * Unauthenticated requests are counted, not audited: writing a row for each would let anyone
 * without a token fill the audit table. They are rate-limited per client IP instead: past its
 * failures per minute an address is answered 429 (see FailureLimit in ../rate-limit.ts).
 */
import type { RequestHandler } from 'express';
import { TokenRejected, type TokenVerifier } from '../../src/infra/auth/token-verifier';
import { ApiError, ApiErrorCode } from '../problem';
import type { FailureLimit } from '../rate-limit';

/** The authentication middleware. */
export function authenticate(verify: TokenVerifier, onRejected: (reason: string) => void, failures?: FailureLimit): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('Authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(header);
    const refuse = async (reason: string, detail: string): Promise<never> => {
      onRejected(reason);
      // The socket's address: `trust proxy` is off, so a client cannot choose it with a header.
      await failures?.fail(req.ip ?? req.socket.remoteAddress ?? 'unknown', res);
      res.setHeader('WWW-Authenticate', 'Bearer realm="ecm"');
      throw new ApiError(ApiErrorCode.Unauthorized, detail);
    };
    if (!match) return refuse(header ? 'malformed' : 'missing', 'a bearer token is required: Authorization: Bearer <JWT>');
    try {
      res.locals.principal = await verify(match[1]!);
    } catch (err) {
      if (!(err instanceof TokenRejected)) throw err;
      return refuse('invalid', 'the bearer token is invalid or expired');
    }
    next();
  };
}
