/**
 * The codec server the Temporal Web UI calls (`--ui-codec-endpoint …/codec`): `POST /codec/decode`
 * and `/codec/encode` with the UI's JSON protocol, so authorized ops staff read decoded payloads in
 * the browser while the Temporal server only ever holds ciphertext.
 */
import express, { type RequestHandler } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
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
  readonly token?: string;
}

/** The `/codec` router. */
export function codecRouter({ codec, uiOrigin, token }: CodecRouteOptions): express.Router {
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
    if (token && req.get('Authorization') !== `Bearer ${token}`) {
      next(new ApiError(ApiErrorCode.Unauthorized, 'the codec server needs a valid bearer token'));
      return;
    }
    next();
  });
  const handle = (direction: 'encode' | 'decode'): RequestHandler => async (req, res) => {
    const payloads = (req.body as { payloads?: JsonPayload[] } | undefined)?.payloads;
    if (!Array.isArray(payloads)) throw new ApiError(ApiErrorCode.InvalidBody, 'the body must be {"payloads": [...]}');
    const result = await codec[direction](payloads.map(fromJson));
    res.json({ payloads: result.map(toJson) });
  };
  router.post('/encode', handle('encode'));
  router.post('/decode', handle('decode'));
  return router;
}
