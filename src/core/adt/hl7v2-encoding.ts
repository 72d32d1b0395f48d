/**
 * The HL7 v2 syntax @medplum/core 4.5.2 (the parser under @medplum/hl7, see hl7v2-read.ts) leaves to
 * its caller. Checked in that version, and what it lacks:
 * - Delimiters: `Hl7Context` holds them and its defaults (used here for the carrier type and the
 *   defaults); `Hl7Message.parse` takes MSH-1 and MSH-2 as `charAt(3)`…`charAt(7)` unchecked (a
 *   letter, a repeated character or a 3-character MSH-2 is taken as is), and has no v2.7 truncation
 *   character (`getMsh2()` writes four). `readEncoding` checks them and keeps the fifth.
 * - Escapes (HL7 v2 §2.7): none. `Hl7Field.parse` splits the raw text and `Hl7Field.toString` /
 *   `Hl7Segment.toString` join it raw; there is no escape or unescape function in the package
 *   (its `escape`/`unescape` are FHIRPath functions, `escapeHtml` HTML). `unescapeHl7` and
 *   `escapeHl7` remain.
 * - Several messages in one text: `Hl7Message.parse` reads one, throwing unless the text starts with
 *   MSH, and keeps MLLP bytes and batch segments (FHS/BHS/BTS/FTS) as segments. `splitMessages` cuts
 *   an HTTP body; over MLLP, @medplum/hl7's framing is not used (src/infra/mllp frames the socket).
 *
 * The library splits on the raw text; unescaping comes last, which is safe because an escape
 * sequence never contains a delimiter.
 */
import { Hl7Context } from '@medplum/core';
import { UNSAFE_CONTROL_CHARACTER } from '../safe-text';

/** The delimiters a message declares: the library's context, with the v2.7+ truncation character (`#`) when MSH-2 declares one. */
export type Hl7Encoding = Hl7Context & { readonly truncation?: string };

/** The recommended delimiters (the library's defaults), used for an ACK when the received MSH was unreadable. */
export const DEFAULT_HL7_ENCODING: Hl7Encoding = new Hl7Context();

/** The lines of one message as received: the first is its MSH, unless the body began without one. */
export interface Hl7MessageLines {
  readonly lines: readonly string[];
}

// MLLP framing bytes (VT before, FS CR after a message) sometimes survive into an HTTP body.
const MLLP_START = '\u000b';
const MLLP_END = '\u001c';
// Batch envelopes (HL7 v2 §2.10.3) carry no patient data; their messages are read one by one.
const BATCH_SEGMENTS = new Set(['FHS', 'FTS', 'BHS', 'BTS']);

/**
 * Splits a body into messages: segments end at CR, LF or CRLF, and each `MSH` starts a message.
 * Blank lines, MLLP framing and FHS/BHS/BTS/FTS batch envelopes are dropped. Lines before the first
 * MSH become a message of their own without one, so the caller can report it rather than lose it.
 */
export function splitMessages(body: string): readonly Hl7MessageLines[] {
  const messages: string[][] = [];
  for (const rawLine of body.replaceAll(MLLP_START, '').replaceAll(MLLP_END, '').split(/\r\n|\r|\n/)) {
    if (rawLine.trim() === '') continue;
    if (BATCH_SEGMENTS.has(rawLine.slice(0, 3))) continue;
    const current = messages.at(-1);
    if (rawLine.startsWith('MSH') || current === undefined) messages.push([rawLine]);
    else current.push(rawLine);
  }
  return messages.map((lines) => ({ lines }));
}

/** Why MSH-1/MSH-2 could not be read. */
export type EncodingProblem = 'not_msh' | 'bad_field_separator' | 'bad_encoding_characters';

/**
 * Reads the delimiters from an MSH line: MSH-1 is the character after `MSH`, MSH-2 the characters up
 * to the next field separator (component, repetition, escape, subcomponent, and from v2.7 truncation).
 */
export function readEncoding(mshLine: string): Hl7Encoding | EncodingProblem {
  if (!mshLine.startsWith('MSH')) return 'not_msh';
  const field = mshLine.charAt(3);
  if (field === '' || /[A-Za-z0-9\s]/.test(field)) return 'bad_field_separator';
  const end = mshLine.indexOf(field, 4);
  const characters = mshLine.slice(4, end === -1 ? undefined : end);
  const all = [field, ...characters];
  const distinct = new Set(all).size === all.length;
  if (characters.length < 4 || characters.length > 5 || !distinct || /[A-Za-z0-9\s]/.test(characters)) {
    return 'bad_encoding_characters';
  }
  const [component, repetition, escape, subcomponent, truncation] = [...characters] as [string, string, string, string, string?];
  const context = new Hl7Context('\r', field, component, repetition, escape, subcomponent);
  return truncation === undefined ? context : Object.assign(context, { truncation });
}

/**
 * Decodes escape sequences (HL7 v2 §2.7): `\F\ \S\ \T\ \R\ \E\` (and `\P\` for v2.7 truncation)
 * become the delimiter they protect; `\Xhh…\` becomes the bytes it spells, one character per byte;
 * `\.br\` becomes a line break; other formatting (`\H\ \N\ \.sp\ …`), character-set (`\C…\ \M…\`) and
 * locally defined (`\Z…\`) sequences are dropped. An unknown or unterminated sequence is kept as
 * sent, so no data is lost to a sender's mistake.
 */
export function unescapeHl7(text: string, encoding: Hl7Encoding): string {
  const esc = encoding.escapeCharacter;
  if (!text.includes(esc)) return text;
  let out = '';
  let index = 0;
  while (index < text.length) {
    const start = text.indexOf(esc, index);
    if (start === -1) {
      out += text.slice(index);
      break;
    }
    out += text.slice(index, start);
    const end = text.indexOf(esc, start + 1);
    if (end === -1) {
      out += text.slice(start);
      break;
    }
    const decoded = decodeSequence(text.slice(start + 1, end), encoding);
    out += decoded ?? text.slice(start, end + 1);
    index = end + 1;
  }
  return out;
}

function decodeSequence(sequence: string, encoding: Hl7Encoding): string | undefined {
  switch (sequence) {
    case 'F':
      return encoding.fieldSeparator;
    case 'S':
      return encoding.componentSeparator;
    case 'T':
      return encoding.subcomponentSeparator;
    case 'R':
      return encoding.repetitionSeparator;
    case 'E':
      return encoding.escapeCharacter;
    case 'P':
      return encoding.truncation;
    case 'H':
    case 'N':
      return '';
    case '.br':
      return '\n';
  }
  if (/^X(?:[0-9A-Fa-f]{2})+$/.test(sequence)) {
    let decoded = '';
    for (let at = 1; at < sequence.length; at += 2) decoded += String.fromCharCode(parseInt(sequence.slice(at, at + 2), 16));
    return decoded;
  }
  if (/^\.(?:sp|in|ti|sk|ce|fi|nf)/.test(sequence) || /^[CMZ]/.test(sequence)) return '';
  return undefined;
}

function hexEscape(char: string, esc: string): string {
  return `${esc}X${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}${esc}`;
}

/**
 * Escapes text for use as one value: delimiters become `\F\ \S\ \T\ \R\ \E\`, and CR/LF become
 * `\X0D\`/`\X0A\` because a raw line break would end the segment; other control characters become
 * `\Xhh\` too, so an echoed control ID never puts a raw NUL in an acknowledgement.
 */
export function escapeHl7(text: string, encoding: Hl7Encoding): string {
  const esc = encoding.escapeCharacter;
  const replacements = new Map<string, string>([
    [esc, `${esc}E${esc}`],
    [encoding.fieldSeparator, `${esc}F${esc}`],
    [encoding.componentSeparator, `${esc}S${esc}`],
    [encoding.subcomponentSeparator, `${esc}T${esc}`],
    [encoding.repetitionSeparator, `${esc}R${esc}`],
    ['\r', `${esc}X0D${esc}`],
    ['\n', `${esc}X0A${esc}`],
  ]);
  if (encoding.truncation !== undefined) replacements.set(encoding.truncation, `${esc}P${esc}`);
  let out = '';
  for (const char of text) out += replacements.get(char) ?? (UNSAFE_CONTROL_CHARACTER.test(char) ? hexEscape(char, esc) : char);
  return out;
}
