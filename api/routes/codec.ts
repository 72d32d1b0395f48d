/**
 * The codec server the Temporal Web UI calls (`--ui-codec-endpoint …/codec`): `POST /codec/decode`
 * and `/codec/encode` with the UI's JSON protocol, so authorized ops staff read decoded payloads in
 * the browser while the Temporal server only ever holds ciphertext.
 */
import express, { type Request, type RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Principal } from '../../src/infra/auth/principal';
import type { TokenVerifier } from '../../src/infra/auth/token-verifier';
import { z } from 'zod';
import { UnknownPayloadKeyError } from '../../src/infra/codec/aes-gcm-payload-codec';
import { ApiError, ApiErrorCode } from '../problem';

/**
 * The UI's wire form of a payload: base64 metadata values and data. Checked before decoding, so a
 * malformed body is a 400, not an exception deep in the codec.
 */
const base64 = z.string().max(4_000_000).regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
const codecBody = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(1000),
});
type JsonPayload = z.infer<typeof codecBody>['payloads'][number];

function fromJson(p: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
    data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
  };
}

function toJson(p: Payload): { metadata: Record<string, string>; data: string } {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
  };
}

/** Options: the codec, the UI's origin for CORS, and the shared token that opens it (if set). */
export interface CodecRouteOptions {
  readonly codec: PayloadCodec;
  readonly uiOrigin: string;
  /** The shared token the Web UI is configured with (`ECM_CODEC_TOKEN`; required in production). */
  readonly token?: string;
}

/** The audit trail's operation names of the codec's two routes. */
export type CodecAction = 'decodePayloads' | 'encodePayloads';

/** Why the codec refused a caller: the audit trail's reason. */
export type CodecRefusal = 'no_credential' | 'bad_credential' | 'role_not_allowed';

/** What the app adds: ops staff's own tokens are accepted too, and every decision is audited. */
export interface CodecAccess {
  readonly verifyToken: TokenVerifier;
  /** Appends a decode, or a refusal, to the audit trail (decoded payloads are PHI). */
  readonly audit: (
    who: Principal | undefined,
    requestId: string,
    action: CodecAction,
    decision: { readonly outcome: 'allowed' } | { readonly outcome: 'denied'; readonly reason: CodecRefusal },
    /** The client's own X-Request-Id, kept beside the server's. */
    clientRequestId?: string,
  ) => Promise<void>;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

type CallerDecision = { readonly ok: true; readonly principal?: Principal } | { readonly ok: false; readonly reason: CodecRefusal; readonly principal?: Principal };

/**
 * Who may use the codec: the Web UI with the shared token, or a member of ops with their own
 * bearer token (role ops: they read everything). Plans and providers may not: the UI shows every
 * member's history, not theirs. Nobody else, whatever is configured: without a codec token the
 * codec takes ops tokens only, it never decrypts for an anonymous caller.
 */
async function codecCaller(req: Request, token: string | undefined, access: CodecAccess | undefined): Promise<CallerDecision> {
  const header = req.get('Authorization') ?? '';
  const bearer = header.startsWith('Bearer ') ? header.slice(7) : '';
  if (!bearer) return { ok: false, reason: 'no_credential' };
  if (token && sameToken(bearer, token)) return { ok: true };
  if (access && bearer.split('.').length === 3) {
    let principal: Principal;
    try {
      principal = await access.verifyToken(bearer);
    } catch {
      return { ok: false, reason: 'bad_credential' };
    }
    return principal.role === 'ops' ? { ok: true, principal } : { ok: false, reason: 'role_not_allowed', principal };
  }
  return { ok: false, reason: 'bad_credential' };
}

/** Decodes, turning what the codec cannot open into a 400 that names why (never the payload). */
async function decodeOrRefuse(codec: PayloadCodec, payloads: Payload[]): Promise<Payload[]> {
  try {
    return await codec.decode(payloads);
  } catch (err) {
    if (err instanceof UnknownPayloadKeyError) throw new ApiError(ApiErrorCode.UnknownPayloadKey, 'a payload names a key this server does not have');
    throw new ApiError(ApiErrorCode.UndecryptablePayload, 'a payload could not be decrypted: it is damaged, or was not sealed by this system');
  }
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
    const requestId = res.locals.requestId as string;
    codecCaller(req, token, access)
      .then(async (decision) => {
        if (!decision.ok) {
          // A refusal is an access decision too: the trail shows who tried to read payloads.
          await access?.audit(decision.principal, requestId, req.path === '/encode' ? 'encodePayloads' : 'decodePayloads', { outcome: 'denied', reason: decision.reason }, res.locals.clientRequestId as string | undefined);
          throw new ApiError(ApiErrorCode.Unauthorized, 'the codec server needs the codec token or an ops bearer token');
        }
        res.locals.codecCaller = decision.principal;
      })
      .then(() => next(), next);
  });
  const handle = (direction: 'encode' | 'decode'): RequestHandler => async (req, res) => {
    const body = codecBody.safeParse(req.body);
    if (!body.success) throw new ApiError(ApiErrorCode.InvalidBody, 'the body must be {"payloads": [{"metadata": {...base64}, "data": base64}]}');
    const payloads = body.data.payloads.map(fromJson);
    if (direction === 'decode' && access) await access.audit(res.locals.codecCaller as Principal | undefined, res.locals.requestId as string, 'decodePayloads', { outcome: 'allowed' }, res.locals.clientRequestId as string | undefined);
    const result = direction === 'decode' ? await decodeOrRefuse(codec, payloads) : await codec.encode(payloads);
    res.json({ payloads: result.map(toJson) });
  };
  router.post('/encode', handle('encode'));
  router.post('/decode', handle('decode'));
  return router;
}
