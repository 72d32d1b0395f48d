/** Signs tokens with the shared secret: for local use (`npm run token`) and for tests. */
import type { Principal } from './principal';
import { loadJose } from './token-verifier';

/** What a token is issued for. */
export interface TokenRequest extends Principal {
  /** Lifetime in seconds (default 8 hours). */
  readonly lifetimeSeconds?: number;
}

/** A signed HS256 token for the principal. */
export async function issueToken(settings: { readonly secret: Uint8Array; readonly issuer: string; readonly audience: string }, request: TokenRequest): Promise<string> {
  const jose = await loadJose();
  return new jose.SignJWT({ role: request.role, org: request.organisation, ...(request.careManagerId ? { lcm: request.careManagerId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(`${request.lifetimeSeconds ?? 8 * 3600}s`)
    .sign(settings.secret);
}
