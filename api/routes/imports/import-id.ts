/** An import's identity: a keyed hash of plan, kind and file, so the same file again is the same import. */
import { createHmac } from 'node:crypto';
import type { ImportKind } from '../../../src/infra/care-record/imports';

export const IMPORT_ID_PATTERN = /^imp_[0-9a-f]{32}$/;

export function importIdOf(key: string, plan: string, kind: ImportKind, fileHash: string): string {
  return `imp_${createHmac('sha256', key).update(`import\n${plan}\n${kind}\n${fileHash}`).digest('hex').slice(0, 32)}`;
}
