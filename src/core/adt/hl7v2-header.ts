/**
 * The MSH of a received message as far as acknowledging it needs (control ID, applications and
 * facilities to swap, version) and the checks that decide AR: message type, trigger event, version.
 * Only values shaped like codes are kept or quoted back: whatever else a broken sender put in MSH
 * could be anything, patient data included.
 */
import { ADT_EVENT_TYPES } from './adt-event';
import { DEFAULT_HL7_ENCODING, type Hl7Encoding } from './hl7v2-encoding';
import { fieldValue, type Hl7Segment, rawField } from './hl7v2-read';

/** HL7 versions whose ADT messages carry the fields above where this module reads them. */
export const SUPPORTED_HL7_VERSIONS = ['2.3', '2.3.1', '2.4', '2.5', '2.5.1', '2.6', '2.7', '2.7.1', '2.8', '2.8.1', '2.8.2', '2.9'] as const;

/** HL7 table 0357 (message error condition codes) entries this module reports. */
export const HL7_ERROR_CODES = {
  100: 'Segment sequence error',
  101: 'Required field missing',
  102: 'Data type error',
  103: 'Table value not found',
  200: 'Unsupported message type',
  201: 'Unsupported event code',
  203: 'Unsupported version id',
} as const satisfies Readonly<Record<number, string>>;

/** One of {@link HL7_ERROR_CODES}. */
export type Hl7ErrorCode = keyof typeof HL7_ERROR_CODES;

/** A problem with one received message, located as an ERR segment reports it. */
export interface Hl7Issue {
  readonly code: Hl7ErrorCode;
  /** Segment ID (`PV1`) and, for a field problem, its position (19). */
  readonly segment: string;
  readonly position?: number;
  /** Names the field, never its value: "PV1-19 visit number is required". */
  readonly message: string;
  /** The receiver will not take the message at all whatever its content (a sender not on the feed): AR. */
  readonly reject?: true;
}

/**
 * What an ACK needs from the received MSH. Application and facility fields are kept raw (still
 * escaped, components intact) so the ACK can return them exactly as sent.
 */
export interface Hl7MessageHeader {
  readonly encoding: Hl7Encoding;
  readonly sendingApplication: string;
  readonly sendingFacility: string;
  readonly receivingApplication: string;
  readonly receivingFacility: string;
  /** MSH-9.1, e.g. `ADT`; `''` when missing or not shaped like a code. */
  readonly messageCode: string;
  /** MSH-9.2 (or EVN-1), e.g. `A01`; `''` when missing or not shaped like a code. */
  readonly triggerEvent: string;
  /** MSH-10, unescaped; `''` when missing. */
  readonly controlId: string;
  /** MSH-11.1, e.g. `P`; `''` when missing or not shaped like a code. */
  readonly processingId: string;
  /** MSH-12.1, e.g. `2.5.1`; `''` when missing or not shaped like a version. */
  readonly version: string;
}

// What HL7 codes look like (message type `ADT`, trigger `A01`, version `2.5.1`, processing ID `P`).
// Only values of these shapes are quoted back or kept in the header: whatever else a broken sender
// put in MSH could be anything, patient data included.
export const MESSAGE_CODE_LIKE = /^[A-Z0-9]{3}$/;
export const TRIGGER_LIKE = /^[A-Z][A-Z0-9]{2}$/;
const VERSION_LIKE = /^\d\.\d{1,2}(?:\.\d{1,2})?$/;
const PROCESSING_ID_LIKE = /^[A-Z]$/;

/** A header with nothing readable, for a message whose MSH could not be read. */
export const EMPTY_HEADER: Hl7MessageHeader = {
  encoding: DEFAULT_HL7_ENCODING,
  sendingApplication: '',
  sendingFacility: '',
  receivingApplication: '',
  receivingFacility: '',
  messageCode: '',
  triggerEvent: '',
  controlId: '',
  processingId: '',
  version: '',
};

/** The header as sent (codes not yet checked; see {@link codesOnly}). */
export function readHeader(msh: Hl7Segment, evn: Hl7Segment | undefined, encoding: Hl7Encoding): Hl7MessageHeader {
  const triggerEvent = fieldValue(msh, encoding, 9, { component: 2 }).trim();
  return {
    encoding,
    sendingApplication: rawField(msh, 3),
    sendingFacility: rawField(msh, 4),
    receivingApplication: rawField(msh, 5),
    receivingFacility: rawField(msh, 6),
    messageCode: fieldValue(msh, encoding, 9).trim(),
    triggerEvent: triggerEvent !== '' || evn === undefined ? triggerEvent : fieldValue(evn, encoding, 1).trim(),
    controlId: fieldValue(msh, encoding, 10).trim(),
    processingId: fieldValue(msh, encoding, 11).trim(),
    version: fieldValue(msh, encoding, 12).trim(),
  };
}

/** Issues with the header: 2xx codes make the message AR. */
export function checkHeader(header: Hl7MessageHeader): Hl7Issue[] {
  const issues: Hl7Issue[] = [];
  if (header.messageCode === '') {
    issues.push({ code: 101, segment: 'MSH', position: 9, message: 'MSH-9 message type is required' });
  } else if (header.messageCode !== 'ADT') {
    issues.push({ code: 200, segment: 'MSH', position: 9, message: `MSH-9 message type ${echo(header.messageCode, MESSAGE_CODE_LIKE)}is not supported; only ADT is` });
  } else if (header.triggerEvent === '') {
    issues.push({ code: 101, segment: 'MSH', position: 9, message: 'MSH-9 trigger event is required' });
  } else if (!(ADT_EVENT_TYPES as readonly string[]).includes(header.triggerEvent)) {
    issues.push({
      code: 201,
      segment: 'MSH',
      position: 9,
      message: `MSH-9 event ${echo(header.triggerEvent, TRIGGER_LIKE)}is not supported; supported: ${ADT_EVENT_TYPES.join(', ')}`,
    });
  }
  if (header.version === '') {
    issues.push({ code: 101, segment: 'MSH', position: 12, message: 'MSH-12 version ID is required' });
  } else if (!(SUPPORTED_HL7_VERSIONS as readonly string[]).includes(header.version)) {
    issues.push({ code: 203, segment: 'MSH', position: 12, message: `MSH-12 version ${echo(header.version, VERSION_LIKE)}is not supported` });
  }
  if (header.controlId === '') issues.push({ code: 101, segment: 'MSH', position: 10, message: 'MSH-10 message control ID is required' });
  return issues;
}

/** The header with every code that does not look like one blanked (see MESSAGE_CODE_LIKE). */
export function codesOnly(header: Hl7MessageHeader): Hl7MessageHeader {
  const keep = (value: string, pattern: RegExp): string => (pattern.test(value) ? value : '');
  return {
    ...header,
    messageCode: keep(header.messageCode, MESSAGE_CODE_LIKE),
    triggerEvent: keep(header.triggerEvent, TRIGGER_LIKE),
    processingId: keep(header.processingId, PROCESSING_ID_LIKE),
    version: keep(header.version, VERSION_LIKE),
  };
}

/** A header code worth quoting back, followed by a space; anything that does not look like a code is not quoted. */
function echo(value: string, pattern: RegExp): string {
  return pattern.test(value) ? `${value} ` : '';
}

