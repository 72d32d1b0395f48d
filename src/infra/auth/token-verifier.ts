/**
 * Verifies bearer tokens with `jose`: signature (HS256 secret or the identity provider's JWKS),
 * issuer, audience, expiry and age, then the claims this API needs. jose is ESM-only, so it is
 * loaded once by dynamic import.
 */
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };
import { principalOf, tokenClaimsSchema, type Principal } from './principal';
import { MAX_TOKEN_AGE, type TokenSettings } from './token-settings';

/** Why a token was refused; never echoes the token. */
export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

/** Turns a compact JWS into the caller, or throws {@link TokenRejected}. */
export type TokenVerifier = (token: string) => Promise<Principal>;

let josePromise: Promise<typeof Jose> | undefined;
/** jose, loaded once. */
export function loadJose(): Promise<typeof Jose> {
  josePromise ??= import('jose');
  return josePromise;
}

/** Builds the verifier for the configured key source. */
export function createTokenVerifier(settings: TokenSettings): TokenVerifier {
  const options = {
    issuer: settings.issuer,
    audience: settings.audience,
    maxTokenAge: MAX_TOKEN_AGE,
    requiredClaims: ['exp', 'iat', 'sub'],
    algorithms: settings.kind === 'secret' ? ['HS256'] : ['RS256', 'ES256', 'PS256', 'EdDSA'],
  };
  // Built once: a JWKS is fetched and cached by jose, not per request.
  let verifyWithKey: Promise<(token: string) => Promise<Jose.JWTVerifyResult>> | undefined;
  const verifier = () =>
    (verifyWithKey ??= loadJose().then((jose) => {
      if (settings.kind === 'secret') return (token: string) => jose.jwtVerify(token, settings.secret, options);
      const jwks = jose.createRemoteJWKSet(new URL(settings.jwksUrl));
      return (token: string) => jose.jwtVerify(token, jwks, options);
    }));
  return async (token) => {
    let payload: Jose.JWTPayload;
    try {
      payload = (await (await verifier())(token)).payload;
    } catch (err) {
      throw new TokenRejected((err as { code?: string }).code ?? 'ERR_JWT_INVALID');
    }
    const claims = tokenClaimsSchema.safeParse(payload);
    if (!claims.success) throw new TokenRejected(`ERR_JWT_CLAIMS: ${claims.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    return principalOf(claims.data);
  };
}
