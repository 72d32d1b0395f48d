/**
 * HL7 v2 "ER7" (pipe-delimited) syntax: splitting a body into messages and segments, reading field,
 * repetition, component and subcomponent values, and the escape sequences that protect delimiters.
 *
 * Delimiters are whatever each message declares in MSH-1 and MSH-2, never assumed: `|^~\&` is only
 * the recommendation. Splitting happens on the raw text and unescaping last, which is safe because
 * an escape sequence never contains a delimiter.
 */
import { UNSAFE_CONTROL_CHARACTER } from '../safe-text';

/** The delimiters a message declares in MSH-1 (field) and MSH-2 (the others). */
export interface Hl7Encoding {
  readonly field: string;
  readonly component: string;
  readonly repetition: string;
  readonly escape: string;
  readonly subcomponent: string;
  /** The truncation character of v2.7+ (`#`), when MSH-2 declares one. */
  readonly truncation?: string;
}

/** The recommended delimiters, used for an ACK when the received MSH was unreadable. */
export const DEFAULT_HL7_ENCODING = {
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
} as const satisfies Hl7Encoding;

/** One segment. `fields[n]` is the raw (still escaped) text of SEG-n; `fields[0]` is the segment ID. */
export interface Hl7Segment {
  readonly id: string;
  readonly fields: readonly string[];
}

/** The lines of one message as received: the first is its MSH, unless the body began without one. */
export interface Hl7MessageLines {
  readonly lines: readonly string[];
}

// MLLP framing bytes (VT before, FS CR after a message) sometimes survive into an HTTP body.
const MLLP_START = '\u000b';
const MLLP_END = '\u001c';
// Batch envelopes (HL7 v2 §2.10.3) carry no patient data; their messages are read one by one.
const BATCH_SEGMENTS = new Set(['FHS', 'FTS', 'BHS', 'BTS']);
const SEGMENT_ID = /^[A-Z][A-Z0-9]{2}$/;

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
  return truncation === undefined
    ? { field, component, repetition, escape, subcomponent }
    : { field, component, repetition, escape, subcomponent, truncation };
}

/**
 * Splits one segment line into fields numbered as HL7 numbers them. For MSH the field separator is
 * itself MSH-1, so its fields are shifted by one: `fields[1]` is the separator, `fields[2]` MSH-2.
 * Returns `undefined` when the line does not begin with a segment ID.
 */
export function readSegment(line: string, encoding: Hl7Encoding): Hl7Segment | undefined {
  const parts = line.split(encoding.field);
  const id = parts[0] ?? '';
  if (!SEGMENT_ID.test(id)) return undefined;
  const fields = id === 'MSH' ? [id, encoding.field, ...parts.slice(1)] : parts;
  return { id, fields };
}

/** The raw (escaped) text of SEG-`position`, or `''` when the segment is shorter. */
export function rawField(segment: Hl7Segment, position: number): string {
  return segment.fields[position] ?? '';
}

/** Where in a field a value sits; repetition is 0-based, component and subcomponent 1-based as in `PID-3.4.1`. */
export interface ValuePath {
  readonly repetition?: number;
  readonly component?: number;
  readonly subcomponent?: number;
}

/** The raw repetitions of a field (`~`-separated), at least one. MSH-2 never repeats. */
export function repetitions(raw: string, encoding: Hl7Encoding): readonly string[] {
  return raw.split(encoding.repetition);
}

/**
 * The unescaped value at a path within a raw field. HL7's explicit null `""` ("delete this value")
 * reads as `''`: for ADT intake an erased value and an absent one mean the same, "not known".
 */
export function valueIn(raw: string, encoding: Hl7Encoding, path: ValuePath = {}): string {
  const repetition = repetitions(raw, encoding)[path.repetition ?? 0] ?? '';
  const component = repetition.split(encoding.component)[(path.component ?? 1) - 1] ?? '';
  const subcomponent = component.split(encoding.subcomponent)[(path.subcomponent ?? 1) - 1] ?? '';
  const value = unescapeHl7(subcomponent, encoding);
  return value === '""' ? '' : value;
}

/** The unescaped value of SEG-`position` at `path` (first repetition, component and subcomponent by default). */
export function fieldValue(segment: Hl7Segment, encoding: Hl7Encoding, position: number, path: ValuePath = {}): string {
  return valueIn(rawField(segment, position), encoding, path);
}

/**
 * Decodes escape sequences (HL7 v2 §2.7): `\F\ \S\ \T\ \R\ \E\` (and `\P\` for v2.7 truncation)
 * become the delimiter they protect; `\Xhh…\` becomes the bytes it spells, one character per byte;
 * `\.br\` becomes a line break; other formatting (`\H\ \N\ \.sp\ …`), character-set (`\C…\ \M…\`) and
 * locally defined (`\Z…\`) sequences are dropped. An unknown or unterminated sequence is kept as
 * sent, so no data is lost to a sender's mistake.
 */
export function unescapeHl7(text: string, encoding: Hl7Encoding): string {
  const esc = encoding.escape;
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
      return encoding.field;
    case 'S':
      return encoding.component;
    case 'T':
      return encoding.subcomponent;
    case 'R':
      return encoding.repetition;
    case 'E':
      return encoding.escape;
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


function hexEscape(char: string, encoding: Hl7Encoding): string {
  return `${encoding.escape}X${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}${encoding.escape}`;
}

/**
 * Escapes text for use as one value: delimiters become `\F\ \S\ \T\ \R\ \E\`, and CR/LF become
 * `\X0D\`/`\X0A\` because a raw line break would end the segment; other control characters become
 * `\Xhh\` too, so an echoed control ID never puts a raw NUL in an acknowledgement.
 */
export function escapeHl7(text: string, encoding: Hl7Encoding): string {
  const replacements = new Map<string, string>([
    [encoding.escape, `${encoding.escape}E${encoding.escape}`],
    [encoding.field, `${encoding.escape}F${encoding.escape}`],
    [encoding.component, `${encoding.escape}S${encoding.escape}`],
    [encoding.subcomponent, `${encoding.escape}T${encoding.escape}`],
    [encoding.repetition, `${encoding.escape}R${encoding.escape}`],
    ['\r', `${encoding.escape}X0D${encoding.escape}`],
    ['\n', `${encoding.escape}X0A${encoding.escape}`],
  ]);
  if (encoding.truncation !== undefined) replacements.set(encoding.truncation, `${encoding.escape}P${encoding.escape}`);
  let out = '';
  for (const char of text) out += replacements.get(char) ?? (UNSAFE_CONTROL_CHARACTER.test(char) ? hexEscape(char, encoding) : char);
  return out;
}
