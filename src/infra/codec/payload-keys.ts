/**
 * Where the payload keys come from: `ECM_PAYLOAD_KEYS` (JSON `{"<id>": "<base64 of 32 bytes>"}`)
 * and `ECM_PAYLOAD_KEY_ID` (the current one). For local development, `npm start` generates a key
 * once and keeps it in `.data/payload-keys.json`, so restarts can read their own histories.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PayloadKeys } from './aes-gcm-payload-codec';

/** Parses the JSON key set, refusing keys that are not 32 bytes. */
export function parsePayloadKeys(json: string, currentKeyId: string): PayloadKeys {
  const raw = JSON.parse(json) as Record<string, string>;
  const keys = Object.fromEntries(Object.entries(raw).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]));
  return { currentKeyId, keys };
}

/** Reads the development key file, creating it (mode 0600) on first use. */
export function developmentPayloadKeys(file: string): PayloadKeys {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ currentKeyId: 'dev-1', keys: { 'dev-1': randomBytes(32).toString('base64') } }), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { currentKeyId: string; keys: Record<string, string> };
  return parsePayloadKeys(JSON.stringify(stored.keys), stored.currentKeyId);
}
