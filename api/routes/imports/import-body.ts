/**
 * The body of a file upload: the raw bytes, read here rather than by the JSON parser, up to
 * {@link MAX_IMPORT_BYTES}. A 100,000-row MIF is about 15 MB.
 */
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { DEFAULT_IMPORT_BATCH_SIZE, IMPORT_BATCHES_PER_RUN } from '../../../src/contracts/mif-import';
import { ApiError, ApiErrorCode } from '../../problem';
import { parseQuery } from '../../validation';

export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const raw = express.raw({ type: () => true, limit: MAX_IMPORT_BYTES });

/** The upload's bytes; refused unless its media type is one of `types`. */
export async function importBytes(req: Request, res: Response, types: readonly string[]): Promise<Buffer> {
  const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!types.includes(type)) throw new ApiError(ApiErrorCode.UnsupportedMediaType, `the body must be ${types.join(' or ')}`);
  await new Promise<void>((resolve, reject) => raw(req, res, (err?: unknown) => (err ? reject(err instanceof Error ? err : new Error('the body could not be read')) : resolve())));
  const body = req.body as unknown;
  if (!Buffer.isBuffer(body) || body.length === 0) throw new ApiError(ApiErrorCode.InvalidBody, 'the body is empty: send the file');
  return body;
}

/** `?batchSize=`: rows per batch activity (tests and the benchmark set it; the default suits production). */
export const importQuery = z.strictObject({
  batchSize: z.coerce.number().int().min(1).max(1000).default(DEFAULT_IMPORT_BATCH_SIZE),
  /** Batches per workflow run before it continues as new (tests show the hand-over; the default suits production). */
  batchesPerRun: z.coerce.number().int().min(1).max(IMPORT_BATCHES_PER_RUN).optional(),
});

export function importQueryOf(req: Request): z.infer<typeof importQuery> {
  return parseQuery(importQuery, req);
}
