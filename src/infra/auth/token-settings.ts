/** How bearer tokens are verified: a shared HS256 secret, or the identity provider's JWKS. */
export type TokenSettings =
  | { readonly kind: 'secret'; readonly secret: Uint8Array; readonly issuer: string; readonly audience: string }
  | { readonly kind: 'jwks'; readonly jwksUrl: string; readonly issuer: string; readonly audience: string };

/** Tokens older than this are refused even if their `exp` says otherwise: a stolen token's reach is bounded. */
export const MAX_TOKEN_AGE = '12h';
