/**
 * The worklist's opaque cursor: the last item's due instant and deadline key (referral key +
 * deadline key), so a page boundary inside a run of equal due instants loses or repeats nothing.
 */
import { z } from 'zod';
import { ApiError, ApiErrorCode } from '../../problem';

/** Where the next page starts: strictly after this item. */
export interface WorklistPosition {
  readonly dueMs: number;
  readonly referralKey: string;
  readonly deadlineKey: string;
}

const positionSchema = z.tuple([z.number().int().min(-8.64e15).max(8.64e15), z.string().regex(/^ref_[0-9a-f]{32}$/), z.string().min(1).max(200)]);

/** Encodes a position as an opaque, URL-safe token. */
export function encodeCursor(p: WorklistPosition): string {
  return Buffer.from(JSON.stringify([p.dueMs, p.referralKey, p.deadlineKey]), 'utf8').toString('base64url');
}

/** Decodes a cursor this API issued; anything else is a 400 naming `cursor`. */
export function decodeCursor(cursor: string): WorklistPosition {
  const refuse = () => new ApiError(ApiErrorCode.InvalidBody, '1 query parameter(s) failed validation', { errors: [{ path: 'cursor', message: 'not a cursor this API issued' }] });
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) throw refuse();
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const parsed = positionSchema.safeParse(raw);
  if (!parsed.success) throw refuse();
  const [dueMs, referralKey, deadlineKey] = parsed.data;
  return { dueMs, referralKey, deadlineKey };
}
