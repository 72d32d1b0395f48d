/**
 * HL7 v2 ADT intake: raw pipe-delimited text as a hospital or HIE sends it, one or more messages per
 * body, mapped to the normalized {@link AdtEvent}. Every message gets its own outcome, so each can be
 * acknowledged (hl7v2-ack.ts): `AA` with the event, or `AE`/`AR` with issues naming the fields.
 *
 * Fields read:
 *
 * | field | becomes |
 * |---|---|
 * | MSH-4 sending facility | `facility.id` when PV1-3 names none |
 * | MSH-7 date/time of message | `sentAt` |
 * | MSH-9 message type (`ADT^A01`) | `eventType`; EVN-1 if MSH-9 has no trigger (v2.2-era senders) |
 * | MSH-10 message control ID | `messageId` |
 * | MSH-12 version ID | checked against {@link SUPPORTED_HL7_VERSIONS} |
 * | PID-3 patient identifier list (CX, repeating) | `memberIdentifiers` (see {@link DEFAULT_IDENTIFIER_RULES}) |
 * | PV1-2 patient class | `patientClass` |
 * | PV1-3 assigned location, component 4 (facility) | `facility.id` |
 * | PV1-19 visit number | `visitId` |
 * | PV1-36 discharge disposition | `dischargeDisposition` |
 * | PV1-44 / PV1-45 admit / discharge date/time | `admitAt` / `dischargeAt`; EVN-6 (event occurred) if absent on an admit / A03 |
 *
 * Nothing else is read: names, dates of birth, addresses, SSNs stay in the text, and no issue message
 * ever quotes a value from PID or PV1 (PHI). Only codes that are not about the patient (message type,
 * trigger event, version) are echoed, and only when they look like codes.
 */

import { assertTimeZone } from '../calendar';
import {
  ADT_EVENT_TYPES,
  type AdtEvent,
  type AdtEventType,
  adtEventSchema,
  CIN_PATTERN,
  type OtherIdentifier,
  PATIENT_CLASSES,
  type PatientClass,
  PLAN_CODE_PATTERN,
} from './adt-event';
import {
  DEFAULT_HL7_ENCODING,
  fieldValue,
  type Hl7Encoding,
  type Hl7Segment,
  rawField,
  readEncoding,
  readSegment,
  repetitions,
  splitMessages,
  valueIn,
} from './hl7v2-syntax';
import { DEFAULT_HL7_TIME_ZONE, parseHl7Timestamp } from './hl7v2-timestamp';

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

/** The outcome of one message: accepted with its event, or an error (`AE`) or reject (`AR`) with issues. */
export type Hl7AdtResult =
  | { readonly ackCode: 'AA'; readonly header: Hl7MessageHeader; readonly event: AdtEvent }
  | { readonly ackCode: 'AE' | 'AR'; readonly header: Hl7MessageHeader; readonly issues: readonly Hl7Issue[] };

/**
 * How PID-3 identifiers are recognised. A CX is `ID^check digit^check scheme^assigning authority^
 * identifier type^assigning facility`; the authority is an HD whose namespace (`&`-subcomponent 1)
 * or universal ID (subcomponent 2) is matched, case-insensitively.
 */
export interface IdentifierRules {
  /**
   * Identifier types (CX-5) that mark a Medi-Cal CIN. HL7 table 0203 names a patient's Medicaid
   * number `MA`; `MCD` (strictly "practitioner Medicaid number") is what many feeds put in PID-3
   * for the same thing, and a practitioner number has no business in a patient identifier list.
   */
  readonly cinIdentifierTypes: readonly string[];
  /** Assigning authorities (CX-4) that mark a Medi-Cal CIN whatever its type, e.g. `MEDI-CAL`. */
  readonly cinAssigningAuthorities: readonly string[];
  /** Identifier types (CX-5) of the plan's member number; table 0203 `MB` is "member number". */
  readonly planMemberIdentifierTypes: readonly string[];
}

/** The identifier rules used unless a feed's configuration says otherwise. */
export const DEFAULT_IDENTIFIER_RULES = {
  cinIdentifierTypes: ['MA', 'MCD'],
  cinAssigningAuthorities: ['MEDI-CAL', 'MEDICAL', 'MEDI_CAL', 'DHCS'],
  planMemberIdentifierTypes: ['MB'],
} as const satisfies IdentifierRules;

/** How to read one feed. */
export interface Hl7AdtOptions {
  /** Zone of timestamps sent without an offset; {@link DEFAULT_HL7_TIME_ZONE} by default. */
  readonly defaultTimeZone?: string;
  /** The plan whose feed this is, copied onto every event. */
  readonly plan?: string;
  readonly identifierRules?: IdentifierRules;
}

// What HL7 codes look like (message type `ADT`, trigger `A01`, version `2.5.1`, processing ID `P`).
// Only values of these shapes are quoted back or kept in the header: whatever else a broken sender
// put in MSH could be anything, patient data included.
const MESSAGE_CODE_LIKE = /^[A-Z0-9]{3}$/;
const TRIGGER_LIKE = /^[A-Z][A-Z0-9]{2}$/;
const VERSION_LIKE = /^\d\.\d{1,2}(?:\.\d{1,2})?$/;
const PROCESSING_ID_LIKE = /^[A-Z]$/;
const ADMITTING_EVENTS: ReadonlySet<AdtEventType> = new Set(['A01', 'A04', 'A06']);

/** Where a schema problem with a mapped event came from, for issues that name the field. */
const SOURCE_OF_EVENT_FIELD = {
  messageId: { segment: 'MSH', position: 10, label: 'MSH-10 message control ID' },
  memberIdentifiers: { segment: 'PID', position: 3, label: 'PID-3 patient identifier list' },
  facility: { segment: 'PV1', position: 3, label: 'PV1-3 facility' },
  visitId: { segment: 'PV1', position: 19, label: 'PV1-19 visit number' },
  patientClass: { segment: 'PV1', position: 2, label: 'PV1-2 patient class' },
  dischargeDisposition: { segment: 'PV1', position: 36, label: 'PV1-36 discharge disposition' },
  admitAt: { segment: 'PV1', position: 44, label: 'PV1-44 admit date/time' },
  dischargeAt: { segment: 'PV1', position: 45, label: 'PV1-45 discharge date/time' },
  sentAt: { segment: 'MSH', position: 7, label: 'MSH-7 date/time of message' },
} as const satisfies Partial<Record<keyof AdtEvent, { readonly segment: string; readonly position: number; readonly label: string }>>;

/**
 * Parses a body of one or more HL7 v2 ADT messages into one outcome per message, in order.
 * An empty body gives no outcomes.
 * @throws RangeError if the options name an unknown time zone or a malformed plan code (a
 * configuration error, not the sender's).
 */
export function parseHl7Adt(body: string, options: Hl7AdtOptions = {}): readonly Hl7AdtResult[] {
  const timeZone = options.defaultTimeZone ?? DEFAULT_HL7_TIME_ZONE;
  assertTimeZone(timeZone);
  if (options.plan !== undefined && !PLAN_CODE_PATTERN.test(options.plan)) {
    throw new RangeError(`Invalid plan code ${JSON.stringify(options.plan)}`);
  }
  const settings: Settings = { timeZone, plan: options.plan, rules: options.identifierRules ?? DEFAULT_IDENTIFIER_RULES };
  return splitMessages(body).map(({ lines }) => readMessage(lines, settings));
}

interface Settings {
  readonly timeZone: string;
  readonly plan: string | undefined;
  readonly rules: IdentifierRules;
}

const EMPTY_HEADER: Hl7MessageHeader = {
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

function rejected(header: Hl7MessageHeader, issues: readonly Hl7Issue[]): Hl7AdtResult {
  // AR is for messages this receiver will not take at all (HL7 codes 2xx); content errors are AE.
  const ackCode = issues.some((issue) => issue.code >= 200) ? 'AR' : 'AE';
  return { ackCode, header, issues };
}

function readMessage(lines: readonly string[], settings: Settings): Hl7AdtResult {
  const [mshLine = ''] = lines;
  const encoding = readEncoding(mshLine);
  if (encoding === 'not_msh') {
    return rejected(EMPTY_HEADER, [{ code: 100, segment: 'MSH', message: 'message does not begin with an MSH segment' }]);
  }
  if (encoding === 'bad_field_separator') {
    return rejected(EMPTY_HEADER, [{ code: 102, segment: 'MSH', position: 1, message: 'MSH-1 field separator is invalid' }]);
  }
  if (encoding === 'bad_encoding_characters') {
    return rejected(EMPTY_HEADER, [{ code: 102, segment: 'MSH', position: 2, message: 'MSH-2 encoding characters are invalid' }]);
  }

  const issues: Hl7Issue[] = [];
  const segments: Hl7Segment[] = [];
  lines.forEach((line, index) => {
    const segment = readSegment(line, encoding);
    if (segment === undefined) issues.push({ code: 100, segment: 'MSH', message: `segment ${index + 1} of the message has no valid segment ID` });
    else segments.push(segment);
  });
  const find = (id: string): Hl7Segment | undefined => segments.find((segment) => segment.id === id);
  // readEncoding accepted the first line, so it is an MSH segment.
  const msh = segments[0] as Hl7Segment;
  const evn = find('EVN');
  const sent = readHeader(msh, evn, encoding);
  issues.push(...checkHeader(sent));
  const header = codesOnly(sent);
  if (issues.some((issue) => issue.code >= 200)) return rejected(header, issues);

  const pid = find('PID');
  const pv1 = find('PV1');
  if (pid === undefined) issues.push({ code: 100, segment: 'PID', message: 'PID segment is required' });
  if (pv1 === undefined) issues.push({ code: 100, segment: 'PV1', message: 'PV1 segment is required' });
  if (issues.length > 0 || pid === undefined || pv1 === undefined) return rejected(header, issues);

  const eventType = header.triggerEvent as AdtEventType;
  const context: MappingContext = { encoding, settings, issues };
  const memberIdentifiers = readIdentifiers(pid, context);
  const patientClass = readPatientClass(pv1, context);
  const facilityId = readFacility(pv1, msh, encoding);
  const visitId = fieldValue(pv1, encoding, 19).trim();
  const disposition = fieldValue(pv1, encoding, 36).trim();
  const sentAt = readTimestamp(msh, 7, 'MSH-7 date/time of message', context);
  const eventOccurred = evn === undefined ? undefined : readTimestamp(evn, 6, 'EVN-6 event occurred', context);
  const admitAt = readTimestamp(pv1, 44, 'PV1-44 admit date/time', context) ?? (ADMITTING_EVENTS.has(eventType) ? eventOccurred : undefined);
  const dischargeAt = readTimestamp(pv1, 45, 'PV1-45 discharge date/time', context) ?? (eventType === 'A03' ? eventOccurred : undefined);

  if (facilityId === '') issues.push({ code: 101, segment: 'PV1', position: 3, message: 'PV1-3 facility (or MSH-4 sending facility) is required' });
  if (visitId === '') issues.push({ code: 101, segment: 'PV1', position: 19, message: 'PV1-19 visit number is required' });
  if (eventType === 'A03' && dischargeAt === undefined && !issues.some((issue) => issue.position === 45)) {
    issues.push({ code: 101, segment: 'PV1', position: 45, message: 'PV1-45 discharge date/time is required for A03' });
  }
  if (issues.length > 0 || memberIdentifiers === undefined || patientClass === undefined) return rejected(header, issues);

  const event: AdtEvent = {
    messageId: header.controlId,
    eventType,
    ...(settings.plan === undefined ? {} : { plan: settings.plan }),
    memberIdentifiers,
    facility: { id: facilityId },
    visitId,
    patientClass,
    ...(admitAt === undefined ? {} : { admitAt }),
    ...(dischargeAt === undefined ? {} : { dischargeAt }),
    ...(disposition === '' ? {} : { dischargeDisposition: disposition }),
    ...(sentAt === undefined ? {} : { sentAt }),
  };
  // The JSON intake's schema is the one definition of a valid event; both intakes must agree on it.
  const checked = adtEventSchema.safeParse(event);
  if (!checked.success) return rejected(header, checked.error.issues.map(schemaIssue));
  return { ackCode: 'AA', header, event: checked.data };
}

function readHeader(msh: Hl7Segment, evn: Hl7Segment | undefined, encoding: Hl7Encoding): Hl7MessageHeader {
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

function checkHeader(header: Hl7MessageHeader): Hl7Issue[] {
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
function codesOnly(header: Hl7MessageHeader): Hl7MessageHeader {
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

interface MappingContext {
  readonly encoding: Hl7Encoding;
  readonly settings: Settings;
  readonly issues: Hl7Issue[];
}

function matches(value: string, candidates: readonly string[]): boolean {
  const upper = value.toUpperCase();
  return upper !== '' && candidates.some((candidate) => candidate.toUpperCase() === upper);
}

/** PID-3: the Medi-Cal CIN, the plan's member number, and every other identifier with its issuer. */
function readIdentifiers(pid: Hl7Segment, { encoding, settings, issues }: MappingContext): AdtEvent['memberIdentifiers'] | undefined {
  const { rules } = settings;
  const cins = new Set<string>();
  const planMemberIds = new Set<string>();
  const other: OtherIdentifier[] = [];
  for (const cx of repetitions(rawField(pid, 3), encoding)) {
    const value = valueIn(cx, encoding).trim();
    if (value === '') continue;
    // CX-4 is an HD inside a component, so its namespace and universal IDs are subcomponents.
    const namespace = valueIn(cx, encoding, { component: 4, subcomponent: 1 }).trim();
    const universalId = valueIn(cx, encoding, { component: 4, subcomponent: 2 }).trim();
    const type = valueIn(cx, encoding, { component: 5 }).trim();
    const isCin =
      matches(type, rules.cinIdentifierTypes) ||
      matches(namespace, rules.cinAssigningAuthorities) ||
      matches(universalId, rules.cinAssigningAuthorities);
    // CINs are compared case-insensitively (src/infra/identity.ts); one spelling keeps duplicates apart from conflicts.
    if (isCin) cins.add(value.toUpperCase());
    else if (matches(type, rules.planMemberIdentifierTypes)) planMemberIds.add(value);
    else other.push({ system: [namespace || universalId, type].filter((part) => part !== '').join(':') || 'unknown', value });
  }
  const [cin] = cins;
  const [planMemberId] = planMemberIds;
  const before = issues.length;
  if (cins.size === 0 && planMemberIds.size === 0 && other.length === 0) {
    issues.push({ code: 101, segment: 'PID', position: 3, message: 'PID-3 patient identifier list is required' });
  }
  if (cins.size > 1) issues.push({ code: 102, segment: 'PID', position: 3, message: 'PID-3 carries more than one Medi-Cal CIN' });
  if (cin !== undefined && !CIN_PATTERN.test(cin)) {
    issues.push({ code: 102, segment: 'PID', position: 3, message: 'PID-3 Medi-Cal CIN must be 8 to 14 letters and digits' });
  }
  if (planMemberIds.size > 1) issues.push({ code: 102, segment: 'PID', position: 3, message: 'PID-3 carries more than one plan member ID' });
  if (issues.length > before) return undefined;
  return {
    ...(cin === undefined ? {} : { cin }),
    ...(planMemberId === undefined ? {} : { planMemberId }),
    other,
  };
}

/** PV1-2, which must come from HL7 table 0004. */
function readPatientClass(pv1: Hl7Segment, { encoding, issues }: MappingContext): PatientClass | undefined {
  const value = fieldValue(pv1, encoding, 2).trim().toUpperCase();
  if (value === '') {
    issues.push({ code: 101, segment: 'PV1', position: 2, message: 'PV1-2 patient class is required' });
    return undefined;
  }
  if (!(PATIENT_CLASSES as readonly string[]).includes(value)) {
    issues.push({ code: 103, segment: 'PV1', position: 2, message: 'PV1-2 patient class is not in HL7 table 0004' });
    return undefined;
  }
  return value as PatientClass;
}

/**
 * The facility: PV1-3 component 4 (an HD inside a PL, so its parts are subcomponents: namespace ID,
 * else universal ID), because an interface engine or HIE in MSH-4 is not where the member lies;
 * MSH-4 (namespace ID, else universal ID) only when PV1-3 names no facility.
 */
function readFacility(pv1: Hl7Segment, msh: Hl7Segment, encoding: Hl7Encoding): string {
  const location =
    fieldValue(pv1, encoding, 3, { component: 4, subcomponent: 1 }).trim() || fieldValue(pv1, encoding, 3, { component: 4, subcomponent: 2 }).trim();
  if (location !== '') return location;
  return fieldValue(msh, encoding, 4, { component: 1 }).trim() || fieldValue(msh, encoding, 4, { component: 2 }).trim();
}

/** A TS/DTM field (component 1: v2.5's TS adds a precision component) as ISO 8601, or `undefined` when empty. */
function readTimestamp(segment: Hl7Segment, position: number, label: string, { encoding, settings, issues }: MappingContext): string | undefined {
  const text = fieldValue(segment, encoding, position).trim();
  if (text === '') return undefined;
  const parsed = parseHl7Timestamp(text, settings.timeZone);
  if (parsed === 'needs_minutes') {
    issues.push({ code: 102, segment: segment.id, position, message: `${label} needs at least minute precision (YYYYMMDDHHMM)` });
    return undefined;
  }
  if (parsed === 'malformed') {
    issues.push({ code: 102, segment: segment.id, position, message: `${label} is not a valid HL7 timestamp (YYYYMMDDHHMM[SS][+/-ZZZZ])` });
    return undefined;
  }
  return parsed.iso;
}

function schemaIssue(issue: { readonly path: readonly PropertyKey[]; readonly message: string }): Hl7Issue {
  const key = String(issue.path[0] ?? '');
  const source = Object.hasOwn(SOURCE_OF_EVENT_FIELD, key) ? SOURCE_OF_EVENT_FIELD[key as keyof typeof SOURCE_OF_EVENT_FIELD] : undefined;
  if (source === undefined) return { code: 102, segment: 'MSH', message: `event is invalid: ${issue.message}` };
  return { code: 102, segment: source.segment, position: source.position, message: `${source.label} is invalid: ${issue.message}` };
}
