/**
 * Reading one HL7 v2 message with the maintained library, @medplum/core's `Hl7Message` (the parser
 * under @medplum/hl7): it splits segments, fields, repetitions and components by the delimiters the
 * message declares and numbers MSH fields as HL7 does (MSH-1 is the field separator). This module
 * only adds what our mapping needs on top: HL7 paths that never throw (the library indexes
 * subcomponents from 0 and fails on a repetition that is not there), escape decoding
 * (hl7v2-encoding.ts) and the explicit null `""`.
 */
import { Hl7Message, type Hl7Segment } from '@medplum/core';
import { type Hl7Encoding, unescapeHl7 } from './hl7v2-encoding';

export type { Hl7Segment } from '@medplum/core';

const SEGMENT_ID = /^[A-Z][A-Z0-9]{2}$/;

/** One message read: its segments, and the 1-based lines that carry no valid segment ID. */
export interface Hl7ParsedMessage {
  readonly segments: readonly Hl7Segment[];
  readonly badLines: readonly number[];
}

/** Parses the lines of one message (the first an MSH whose delimiters were checked) with the library. */
export function readMessageLines(lines: readonly string[]): Hl7ParsedMessage {
  const parsed = Hl7Message.parse(lines.join('\r'));
  const segments: Hl7Segment[] = [];
  const badLines: number[] = [];
  parsed.segments.forEach((segment, index) => {
    if (SEGMENT_ID.test(segment.fields[0]?.toString() ?? '')) segments.push(segment);
    else badLines.push(index + 1);
  });
  return { segments, badLines };
}

/** Where in a field a value sits; repetition is 0-based, component and subcomponent 1-based as in `PID-3.4.1`. */
export interface ValuePath {
  readonly repetition?: number;
  readonly component?: number;
  readonly subcomponent?: number;
}

/** How many repetitions SEG-`position` has (0 when the segment is shorter). */
export function repetitionCount(segment: Hl7Segment, position: number): number {
  return segment.getField(position)?.components.length ?? 0;
}

/**
 * The unescaped value of SEG-`position` at `path` (first repetition, component and subcomponent by
 * default). HL7's explicit null `""` ("delete this value") reads as `''`: for ADT intake an erased
 * value and an absent one mean the same, "not known".
 */
export function fieldValue(segment: Hl7Segment, encoding: Hl7Encoding, position: number, path: ValuePath = {}): string {
  const field = segment.getField(position);
  const repetition = path.repetition ?? 0;
  if (field === undefined || repetition >= field.components.length) return '';
  // The library's getComponent counts components from 1 and subcomponents from 0.
  const raw = field.getComponent(path.component ?? 1, (path.subcomponent ?? 1) - 1, repetition);
  const value = unescapeHl7(raw, encoding);
  return value === '""' ? '' : value;
}

/** The raw (still escaped) text of SEG-`position`, to copy back into an ACK exactly as sent. */
export function rawField(segment: Hl7Segment, position: number): string {
  return segment.getField(position)?.toString() ?? '';
}
