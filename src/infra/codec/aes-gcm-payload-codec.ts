/**
 * Encrypts every Temporal payload with AES-256-GCM before it leaves the client or the worker, so
 * the Temporal server, its database and anyone with Web UI access see ciphertext, not member data.
 * Keys have IDs: new payloads use the current key, and a payload names the key it was sealed
 * with, so keys rotate without making old histories unreadable.
 */
import type { Payload, PayloadCodec } from '@temporalio/common';
import { METADATA_ENCODING_KEY } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The encoding marker of a sealed payload. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Keys by ID, and which one seals new payloads. */
export interface PayloadKeys {
  readonly currentKeyId: string;
  readonly keys: Readonly<Record<string, Buffer>>;
}

/** Raised when a payload names a key this process does not have. */
export class UnknownPayloadKeyError extends Error {
  override readonly name = 'UnknownPayloadKeyError';
}

function encodeText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** AES-256-GCM payload codec with rotating, identified keys. */
export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keys: PayloadKeys) {
    const current = keys.keys[keys.currentKeyId];
    if (!current) throw new Error(`the current payload key "${keys.currentKeyId}" is not among the keys`);
    for (const [id, key] of Object.entries(keys.keys)) {
      if (key.length !== 32) throw new Error(`payload key "${id}" must be 32 bytes (AES-256), got ${key.length}`);
    }
  }

  // A failure (tampering, an unknown key) must reject the promise, never throw synchronously.
  encode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.seal(payload))));
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.open(payload))));
  }

  private seal(payload: Payload): Payload {
    const keyId = this.keys.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.keys[keyId]!, iv);
    // The key ID is authenticated too, so a payload cannot be moved under another key's name.
    cipher.setAAD(Buffer.from(keyId));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: encodeText(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: encodeText(keyId) },
      data: sealed,
    };
  }

  private open(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (!encoding || new TextDecoder().decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyIdBytes = payload.metadata?.[KEY_ID_METADATA];
    const keyId = keyIdBytes ? new TextDecoder().decode(keyIdBytes) : '';
    const key = this.keys.keys[keyId];
    if (!key) throw new UnknownPayloadKeyError(`no payload key "${keyId}": keep retired keys until no history uses them`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    const iv = data.subarray(0, IV_BYTES);
    const tag = data.subarray(data.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    return temporal.api.common.v1.Payload.decode(plain);
  }
}
