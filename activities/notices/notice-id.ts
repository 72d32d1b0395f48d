/**
 * The opaque ID of a Notice of Action: `noa_` + 32 hex digits of SHA-256 over the journey's
 * referral key and the notice key. Deterministic, so a retried activity names the same notice
 * and the same letter file; PHI-free, so it may appear in URLs, file names and logs. The
 * migration 1795421700000_notices.sql backfills older notices with the very same formula.
 */
import { createHash } from 'node:crypto';

/** The notice's ID within its journey (R-DENIAL-NOA: one notice per member per decision). */
export function noticeIdOf(referralKey: string, noticeKey: string): string {
  return `noa_${createHash('sha256').update(`${referralKey}|${noticeKey}`, 'utf8').digest('hex').slice(0, 32)}`;
}

/** What a notice ID looks like. */
export const NOTICE_ID_PATTERN = /^noa_[0-9a-f]{32}$/;
