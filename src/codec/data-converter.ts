import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, type PayloadKeys } from './aes-gcm-payload-codec';

/** The data converter every client and worker of this system uses: JSON, then AES-256-GCM. */
export function encryptingDataConverter(keys: PayloadKeys): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(keys)] };
}
