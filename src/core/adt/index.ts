/**
 * ADT (admission, discharge, transfer) intake: the normalized event both formats produce, the JSON
 * batch schema of `POST /v1/adt`, the HL7 v2 mapping (parsed with @medplum/core) and
 * acknowledgements, and the feeds that say how each sender is read. Pure: no I/O, no clock.
 */

export * from './adt-event';
export * from './hl7-feeds';
export { ackForResult, buildHl7Ack, DEFAULT_ACK_VERSION, type Hl7AckOptions, type Hl7Acknowledgement } from './hl7v2-ack';
export {
  DEFAULT_IDENTIFIER_RULES,
  HL7_ERROR_CODES,
  type Hl7AdtOptions,
  type Hl7AdtResult,
  type Hl7ErrorCode,
  type Hl7Issue,
  type Hl7MessageHeader,
  type IdentifierRules,
  parseHl7Adt,
  SUPPORTED_HL7_VERSIONS,
} from './hl7v2';
export type { CinIdentifierRule } from './hl7v2-identifiers';
export { DEFAULT_HL7_ENCODING, escapeHl7, type Hl7Encoding, unescapeHl7 } from './hl7v2-encoding';
export { DEFAULT_HL7_TIME_ZONE, formatHl7Timestamp, parseHl7Timestamp } from './hl7v2-timestamp';
