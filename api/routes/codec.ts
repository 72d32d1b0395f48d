/**
 * The codec server the Temporal Web UI calls (`--ui-codec-endpoint …/codec`): `POST /codec/decode`
 * and `/codec/encode` with the UI's JSON protocol, so authorized ops staff read decoded payloads in
 * the browser while the Temporal server only ever holds ciphertext.
 */
import express, { type Request, type RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Principal } from '../../src/auth/principal';
import type { TokenVerifier } from '../../src/auth/token-verifier';
import { ApiError, ApiErrorCode } from '../problem';

interface JsonPayload {
  readonly metadata?: Record<string, string>;
  readonly data?: string;
}

function fromJson(p: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
    data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
  };
}

function toJson(p: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

/** Options: the codec, the UI's origin for CORS, and the bearer token that guards it (if set). */
export interface CodecRouteOptions {
  readonly codec: PayloadCodec;
  readonly uiOrigin: string;
  /** The shared token the Web UI is configured with (`ECM_CODEC_TOKEN`). */
  readonly token?: string;
}

/** What the app adds: ops staff's own tokens are accepted too, and every decode is audited. */
export interface CodecAccess {
  readonly verifyToken: TokenVerifier;
  /** Appends the decode to the audit trail (decoded payloads are PHI). */
  readonly audit: (req: Request, who: Principal | undefined, requestId: string) => Promise<void>;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who may use the codec: the Web UI with the shared token, or a member of ops with their own
 * bearer token (role ops: they read everything). Plans and providers may not: the UI shows every
 * member's history, not theirs.
 */
async function codecCaller(req: Request, token: string | undefined, access: CodecAccess | undefined): Promise<{ ok: boolean; principal?: Principal }> {
  const header = req.get('Authorization') ?? '';
  const bearer = header.startsWith('Bearer ') ? header.slice(7) : '';
  if (token && bearer && sameToken(bearer, token)) return { ok: true };
  if (access && bearer.split('.').length === 3) {
    try {
      const principal = await access.verifyToken(bearer);
      return { ok: principal.role === 'ops', principal };
    } catch {
      return { ok: false };
    }
  }
  return { ok: !token };
}

/** The `/codec` router. */
export function codecRouter({ codec, uiOrigin, token }: CodecRouteOptions, access?: CodecAccess): express.Router {
  const router = express.Router();
  router.use((req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', uiOrigin);
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Namespace');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    codecCaller(req, token, access).then(
      ({ ok, principal }) => {
        if (!ok) {
          next(new ApiError(ApiErrorCode.Unauthorized, 'the codec server needs the codec token or an ops bearer token'));
          return;
        }
        res.locals.codecCaller = principal;
        next();
      },
      next,
    );
  });
  const handle = (direction: 'encode' | 'decode'): RequestHandler => async (req, res) => {
    const payloads = (req.body as { payloads?: JsonPayload[] } | undefined)?.payloads;
    if (!Array.isArray(payloads)) throw new ApiError(ApiErrorCode.InvalidBody, 'the body must be {"payloads": [...]}');
    if (direction === 'decode' && access) await access.audit(req, res.locals.codecCaller as Principal | undefined, res.locals.requestId as string);
    const result = await codec[direction](payloads.map(fromJson));
    res.json({ payloads: result.map(toJson) });
  };
  router.post('/encode', handle('encode'));
  router.post('/decode', handle('decode'));
  return router;
}
