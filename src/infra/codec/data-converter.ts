import type { DataConverter } from '@temporalio/common';
import { join } from 'node:path';
import { AesGcmPayloadCodec, type PayloadKeys } from './aes-gcm-payload-codec';

/**
 * The module whose `failureConverter` encodes failure messages and stack traces. The SDK loads it
 * by path (in the worker and client) and bundles it (in the workflow sandbox), so every bundle of
 * the workflows must be made with it too.
 */
export const FAILURE_CONVERTER_PATH = join(__dirname, 'failure-converter.ts');

/**
 * The data converter every client and worker of this system uses: JSON, then AES-256-GCM, for
 * payloads and for failures (their messages may hold PHI: see failure-converter.ts).
 */
export function encryptingDataConverter(keys: PayloadKeys): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
