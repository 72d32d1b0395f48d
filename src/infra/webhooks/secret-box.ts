/**
 * Webhook signing secrets at rest. Standard Webhooks signs with HMAC, so the secret must be
 * recoverable, not hashed: it is kept sealed with AES-256-GCM under a key derived (HKDF, its own
 * label) from the deployment's MEMBER_ID_KEY, which API and worker both hold. A copy of the
 * database alone cannot forge our signatures.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The sealing key for webhook secrets. */
export function webhookSecretKey(memberIdKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', memberIdKey, 'ecm-backbone', 'webhook-signing-secrets:v1', 32));
}

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function sealSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

/** The secret a {@link sealSecret} sealed; throws if it was sealed under another key or altered. */
export function openSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !data) throw new Error('not a sealed webhook secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}
