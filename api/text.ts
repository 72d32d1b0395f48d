/**
 * The one string schema of request bodies, queries and path parameters: every free-text or
 * identifier field is a `text()`, so every one refuses control characters and unpaired surrogates
 * (src/core/safe-text.ts) before anything is stored or started. The check runs before trimming, so a
 * vertical tab or form feed at an edge is refused, not trimmed away silently.
 */
import { z } from 'zod';
import { SAFE_TEXT_PATTERN, UNSAFE_TEXT_MESSAGE } from '../src/core/safe-text';

/** Bounds of a text field; `min` 1 by default (an empty or blank value is no value). */
export interface TextBounds {
  readonly max: number;
  readonly min?: number;
}

/** A trimmed string of `min` to `max` characters that is safe to store (see src/core/safe-text.ts). */
export function text({ max, min = 1 }: TextBounds) {
  return safeString().trim().min(min).max(max);
}

/** A string refused only for unsafe characters, for fields whose own pattern or format follows. */
export function safeString() {
  // abort: a field refused for its characters is reported once, not again by its own pattern.
  return z.string().regex(SAFE_TEXT_PATTERN, { message: UNSAFE_TEXT_MESSAGE, abort: true });
}
