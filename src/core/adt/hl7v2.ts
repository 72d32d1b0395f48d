/**
 * HL7 v2 ADT intake: raw pipe-delimited text as a hospital or HIE sends it, one or more messages per
 * body, mapped to the normalized {@link AdtEvent}. Every message gets its own outcome, so each can be
 * acknowledged (hl7v2-ack.ts): `AA` with the event, or `AE`/`AR` with issues naming the fields.
 *
 * The library (@medplum/core, through hl7v2-read.ts) parses each message; this module is our mapping.
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
 * | PV1-44 / PV1-45 admit / discharge date/time | `admitAt` / `dischargeAt`; EVN-6 (event occurred) if absent on an admit / A03; EVN-2 on an admit where the feed says so (hl7-feeds.ts); an admit with none is AE |
 *
 * Nothing else is read: names, dates of birth, addresses, SSNs stay in the text, and no issue message
 * ever quotes a value from PID or PV1 (PHI). Only codes that are not about the patient (message type,
 * trigger event, version) are echoed, and only when they look like codes.
 */

import { assertTimeZone } from '../calendar';
import { type AdtEvent, type AdtEventType, adtEventSchema, episodeEffect, PATIENT_CLASSES, type PatientClass, PLAN_CODE_PATTERN } from './adt-event';
import type { AdmitTimePolicy, AdmitTimeSource, Hl7FeedSelector } from './hl7-feeds';
import { type Hl7Encoding, readEncoding, splitMessages } from './hl7v2-encoding';
import { checkHeader, codesOnly, EMPTY_HEADER, type Hl7Issue, type Hl7MessageHeader, readHeader } from './hl7v2-header';
import { DEFAULT_IDENTIFIER_RULES, type IdentifierRules, readIdentifiers } from './hl7v2-identifiers';
import { fieldValue, type Hl7Segment, readMessageLines } from './hl7v2-read';
import { DEFAULT_HL7_TIME_ZONE, parseHl7Timestamp } from './hl7v2-timestamp';

export { DEFAULT_IDENTIFIER_RULES, type IdentifierRules } from './hl7v2-identifiers';
export { HL7_ERROR_CODES, type Hl7ErrorCode, type Hl7Issue, type Hl7MessageHeader, SUPPORTED_HL7_VERSIONS } from './hl7v2-header';

/** The outcome of one message: accepted with its event, or an error (`AE`) or reject (`AR`) with issues. */
export type Hl7AdtResult =
  | { readonly ackCode: 'AA'; readonly header: Hl7MessageHeader; readonly event: AdtEvent; readonly feed?: string; readonly admitTimeSource?: AdmitTimeSource }
  | { readonly ackCode: 'AE' | 'AR'; readonly header: Hl7MessageHeader; readonly issues: readonly Hl7Issue[] };

/** How to read one feed. */
export interface Hl7AdtOptions {
  /** Zone of timestamps sent without an offset; {@link DEFAULT_HL7_TIME_ZONE} by default. */
  readonly defaultTimeZone?: string;
  /** The plan whose feed this is, copied onto every event. */
  readonly plan?: string;
  readonly identifierRules?: IdentifierRules;
  readonly admitTime?: AdmitTimePolicy;
  /**
   * Chooses each message's feed by its MSH-4; the feed's plan, rules, zone and admit-time policy then
   * replace the options above. A message no feed takes is refused (AR).
   */
  readonly feeds?: Hl7FeedSelector;
}

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
  const settings = checkedSettings({
    timeZone: options.defaultTimeZone ?? DEFAULT_HL7_TIME_ZONE,
    plan: options.plan,
    rules: options.identifierRules ?? DEFAULT_IDENTIFIER_RULES,
    admitTime: options.admitTime ?? 'pv1-44',
  });
  return splitMessages(body).map(({ lines }) => readMessage(lines, settings, options.feeds));
}

interface Settings {
  readonly timeZone: string;
  readonly plan: string | undefined;
  readonly rules: IdentifierRules;
  readonly admitTime: AdmitTimePolicy;
  readonly feed?: string;
}

function checkedSettings(settings: Settings): Settings {
  assertTimeZone(settings.timeZone);
  if (settings.plan !== undefined && !PLAN_CODE_PATTERN.test(settings.plan)) {
    throw new RangeError(`Invalid plan code ${JSON.stringify(settings.plan)}`);
  }
  return settings;
}

function rejected(header: Hl7MessageHeader, issues: readonly Hl7Issue[]): Hl7AdtResult {
  // AR is for messages this receiver will not take at all (HL7 codes 2xx, a sender on no feed); content errors are AE.
  const ackCode = issues.some((issue) => issue.code >= 200 || issue.reject) ? 'AR' : 'AE';
  return { ackCode, header, issues };
}

function readMessage(lines: readonly string[], base: Settings, feeds: Hl7FeedSelector | undefined): Hl7AdtResult {
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

  const { segments, badLines } = readMessageLines(lines);
  const issues: Hl7Issue[] = badLines.map((line) => ({ code: 100, segment: 'MSH', message: `segment ${line} of the message has no valid segment ID` }));
  const find = (id: string): Hl7Segment | undefined => segments.find((segment) => segment.name === id);
  // readEncoding accepted the first line, so it is an MSH segment.
  const msh = segments[0] as Hl7Segment;
  const evn = find('EVN');
  const sent = readHeader(msh, evn, encoding);
  issues.push(...checkHeader(sent));
  const header = codesOnly(sent);
  if (issues.some((issue) => issue.code >= 200)) return rejected(header, issues);

  let settings = base;
  if (feeds !== undefined) {
    const feed = feeds([fieldValue(msh, encoding, 4).trim(), fieldValue(msh, encoding, 4, { component: 2 }).trim()]);
    if (feed === undefined) {
      return rejected(header, [{ code: 103, segment: 'MSH', position: 4, message: 'MSH-4 sending facility is not on any feed of this receiver', reject: true }]);
    }
    settings = checkedSettings({ timeZone: feed.timeZone, plan: feed.plan, rules: feed.identifierRules, admitTime: feed.admitTime, feed: feed.name });
  }
  return mapMessage({ encoding, settings, issues }, header, msh, evn, find);
}

function mapMessage(context: MappingContext, header: Hl7MessageHeader, msh: Hl7Segment, evn: Hl7Segment | undefined, find: (id: string) => Hl7Segment | undefined): Hl7AdtResult {
  const { encoding, settings, issues } = context;
  const pid = find('PID');
  const pv1 = find('PV1');
  if (pid === undefined) issues.push({ code: 100, segment: 'PID', message: 'PID segment is required' });
  if (pv1 === undefined) issues.push({ code: 100, segment: 'PV1', message: 'PV1 segment is required' });
  if (issues.length > 0 || pid === undefined || pv1 === undefined) return rejected(header, issues);

  const eventType = header.triggerEvent as AdtEventType;
  const memberIdentifiers = readIdentifiers(pid, encoding, settings.rules, issues);
  const patientClass = readPatientClass(pv1, context);
  const facilityId = readFacility(pv1, msh, encoding);
  const visitId = fieldValue(pv1, encoding, 19).trim();
  const disposition = fieldValue(pv1, encoding, 36).trim();
  const sentAt = readTimestamp(msh, 7, 'MSH-7 date/time of message', context);
  const eventOccurred = evn === undefined ? undefined : readTimestamp(evn, 6, 'EVN-6 event occurred', context);
  // R-TCS-24H: only an admission that opens an episode must say when; an A04 clinic visit (not class E) is ignored anyway.
  const opensEpisode = patientClass !== undefined && episodeEffect({ eventType, patientClass }) === 'admit';
  const admission = opensEpisode
    ? readAdmitTime(pv1, evn, eventOccurred, context)
    : { at: readTimestamp(pv1, 44, 'PV1-44 admit date/time', context) ?? (ADMITTING_EVENTS.has(eventType) ? eventOccurred : undefined) };
  const admitAt = admission?.at;
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
  return {
    ackCode: 'AA',
    header,
    event: checked.data,
    ...(settings.feed === undefined ? {} : { feed: settings.feed }),
    ...(admission?.source === undefined ? {} : { admitTimeSource: admission.source }),
  };
}

/**
 * The admission time of an admit: PV1-44, else EVN-6, else (feeds with `admitTime: 'evn-2'`) EVN-2.
 * None readable is AE: an admit dated with its receipt would start the episode at the wrong time.
 */
function readAdmitTime(pv1: Hl7Segment, evn: Hl7Segment | undefined, eventOccurred: string | undefined, context: MappingContext): { at?: string; source?: AdmitTimeSource } | undefined {
  const before = context.issues.length;
  const pv144 = readTimestamp(pv1, 44, 'PV1-44 admit date/time', context);
  if (pv144 !== undefined) return { at: pv144, source: 'PV1-44' };
  if (eventOccurred !== undefined) return { at: eventOccurred, source: 'EVN-6' };
  if (context.settings.admitTime === 'evn-2' && evn !== undefined) {
    const recorded = readTimestamp(evn, 2, 'EVN-2 recorded date/time', context);
    if (recorded !== undefined) return { at: recorded, source: 'EVN-2' };
  }
  if (context.issues.length === before) {
    const where = context.settings.admitTime === 'evn-2' ? 'PV1-44 admit date/time (or EVN-6, EVN-2)' : 'PV1-44 admit date/time (or EVN-6)';
    context.issues.push({ code: 101, segment: 'PV1', position: 44, message: `${where} is required for an admission` });
  }
  return undefined;
}

interface MappingContext {
  readonly encoding: Hl7Encoding;
  readonly settings: Settings;
  readonly issues: Hl7Issue[];
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
    issues.push({ code: 102, segment: segment.name, position, message: `${label} needs at least minute precision (YYYYMMDDHHMM)` });
    return undefined;
  }
  if (parsed === 'malformed') {
    issues.push({ code: 102, segment: segment.name, position, message: `${label} is not a valid HL7 timestamp (YYYYMMDDHHMM[SS][+/-ZZZZ])` });
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
