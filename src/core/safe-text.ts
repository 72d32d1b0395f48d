/**
 * Text we can store, log about and hand to Temporal: no control characters other than tab, CR and
 * LF, and no unpaired UTF-16 surrogates. PostgreSQL refuses a NUL in text, JSON cannot carry a lone
 * surrogate through a UTF-8 round trip, and either breaks a journey after its request was accepted,
 * so both intakes (the API's schemas and the HL7 field checks) refuse such text at the edge.
 */

/**
 * Matches text free of C0 controls (U+0000–U+001F except tab U+0009, LF U+000A and CR U+000D),
 * DEL and C1 controls (U+007F–U+009F), and lone surrogates. With the `u` flag a surrogate pair is
 * one code point above U+FFFF, so only an unpaired half falls in U+D800–U+DFFF.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const SAFE_TEXT_PATTERN = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]*$/u;

/** One control character that {@link SAFE_TEXT_PATTERN} refuses; HL7 escapes these as `\Xhh\`. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const UNSAFE_CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** What a refusal says: it names the kind of character, never the text (which may be PHI). */
export const UNSAFE_TEXT_MESSAGE = 'must not contain control characters (other than tab, CR and LF) or unpaired surrogates';

/** True when `text` has no control character other than tab, CR and LF and no unpaired surrogate. */
export function isSafeText(text: string): boolean {
  return SAFE_TEXT_PATTERN.test(text);
}
