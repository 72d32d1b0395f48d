/**
 * HL7 v2 acknowledgements (original acknowledgement mode, HL7 v2 §2.9.2) for ADT messages received:
 * `AA` accepted, `AE` application error (the message is wrong: a required field missing, a bad
 * value), `AR` application reject (this receiver does not take it: message type, event or version).
 *
 * The ACK answers in the received message's own delimiters, so the application and facility fields
 * copied back from its MSH stay valid exactly as sent. Pure: the caller supplies the instant and the
 * ACK's control ID. The library (@medplum/core) assembles segments and the message in the received
 * delimiters; its own `buildAck` is not used because it reads the clock, echoes MSA-2 unescaped
 * and cannot carry ERR segments per issue.
 */

import { Hl7Message, Hl7Segment } from '@medplum/core';
import { escapeHl7, type Hl7Encoding } from './hl7v2-encoding';
import { HL7_ERROR_CODES, type Hl7Issue, type Hl7MessageHeader } from './hl7v2-header';
import { DEFAULT_HL7_TIME_ZONE, formatHl7Timestamp } from './hl7v2-timestamp';
import type { Hl7AdtResult } from './hl7v2';

/** What to acknowledge: acceptance, or an error or reject with the issues found. */
export type Hl7Acknowledgement =
  | { readonly code: 'AA' }
  | { readonly code: 'AE' | 'AR'; readonly issues: readonly Hl7Issue[] };

/** The receiver's side of the ACK. */
export interface Hl7AckOptions {
  /** MSH-10 of the ACK itself: a control ID unique among this receiver's messages. */
  readonly controlId: string;
  /** When the ACK is made (epoch ms), for MSH-7. */
  readonly at: number;
  /** Zone MSH-7 is written in; {@link DEFAULT_HL7_TIME_ZONE} by default. */
  readonly timeZone?: string;
  /** MSH-3 and MSH-4 of the ACK when the received message left MSH-5 / MSH-6 empty. */
  readonly application?: string;
  readonly facility?: string;
}

/** The version an ACK declares when the received message declared none. */
export const DEFAULT_ACK_VERSION = '2.5.1';

// Before v2.5 the ERR segment had a single field, ERR-1 (error code and location); v2.5 moved the
// location to ERR-2, the code to ERR-3, and added severity (ERR-4) and a user message (ERR-8).
const VERSIONS_WITH_ERR_1 = new Set(['2.1', '2.2', '2.3', '2.3.1', '2.4']);

/**
 * The ACK for one received message: MSH with sending and receiving application/facility swapped and
 * MSH-9 `ACK^<trigger>^ACK`; MSA with the code, MSA-2 the received control ID and, for AE/AR, MSA-3
 * the issues' text; then one ERR per issue. Segments are separated by CR, as HL7 requires.
 */
export function buildHl7Ack(received: Hl7MessageHeader, acknowledgement: Hl7Acknowledgement, options: Hl7AckOptions): string {
  const encoding = received.encoding;
  const esc = (text: string): string => escapeHl7(text, encoding);
  const version = received.version !== '' && /^[0-9.]+$/.test(received.version) ? received.version : DEFAULT_ACK_VERSION;
  const messageType = received.triggerEvent === '' ? 'ACK' : ['ACK', esc(received.triggerEvent), 'ACK'].join(encoding.componentSeparator);
  const msh = [
    'MSH',
    encodingCharacters(encoding),
    received.receivingApplication || esc(options.application ?? ''),
    received.receivingFacility || esc(options.facility ?? ''),
    received.sendingApplication,
    received.sendingFacility,
    formatHl7Timestamp(options.at, options.timeZone ?? DEFAULT_HL7_TIME_ZONE),
    '',
    messageType,
    esc(options.controlId),
    esc(received.processingId || 'P'),
    esc(version),
  ];
  const issues = acknowledgement.code === 'AA' ? [] : acknowledgement.issues;
  const msa = ['MSA', acknowledgement.code, esc(received.controlId)];
  if (acknowledgement.code !== 'AA') msa.push(esc(issues.map((issue) => issue.message).join('; ')));
  const err = issues.map((issue) => errSegment(issue, encoding, VERSIONS_WITH_ERR_1.has(version)));
  return new Hl7Message([msh, msa, ...err].map((fields) => new Hl7Segment(fields, encoding)), encoding).toString();
}

/** The ACK for a parse outcome of `parseHl7Adt`. */
export function ackForResult(result: Hl7AdtResult, options: Hl7AckOptions): string {
  const acknowledgement: Hl7Acknowledgement = result.ackCode === 'AA' ? { code: 'AA' } : { code: result.ackCode, issues: result.issues };
  return buildHl7Ack(result.header, acknowledgement, options);
}

function encodingCharacters(encoding: Hl7Encoding): string {
  return `${encoding.getMsh2()}${encoding.truncation ?? ''}`;
}

function errSegment(issue: Hl7Issue, encoding: Hl7Encoding, legacy: boolean): string[] {
  const { componentSeparator: component, subcomponentSeparator: subcomponent } = encoding;
  const location = issue.position === undefined ? [issue.segment, '1'] : [issue.segment, '1', String(issue.position)];
  const codeText = escapeHl7(HL7_ERROR_CODES[issue.code], encoding);
  if (legacy) {
    // ERR-1 (ELD): segment ^ sequence ^ field position ^ code as a CE, whose parts are subcomponents here.
    const position = issue.position === undefined ? '' : String(issue.position);
    return ['ERR', [issue.segment, '1', position, [String(issue.code), codeText, 'HL70357'].join(subcomponent)].join(component)];
  }
  return [
    'ERR',
    '',
    location.join(component),
    [String(issue.code), codeText, 'HL70357'].join(component),
    'E',
    '',
    '',
    '',
    escapeHl7(issue.message, encoding),
  ];
}

