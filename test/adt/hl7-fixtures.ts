/**
 * HL7 v2 ADT messages shaped like a California hospital's feed (Epic-style MSH, EVN, PID with a real
 * name, DOB and address, PV1). PHI_VALUES lists what must never leave the parser.
 */

/** Patient data in the fixtures that no output, issue or ACK may contain. */
export const PHI_VALUES = ['GARCIA', 'MARIA', 'ELENA', '19580704', '1958', 'SUNSET', '5550147', '90026', 'ROSA', 'ALVAREZ'] as const;

/** A segment from its fields by HL7 position: `segment('PV1', { 2: 'I', 19: 'V1' })` → `PV1||I|…|V1`. */
export function segment(id: string, fields: Readonly<Record<number, string>>): string {
  const last = Math.max(0, ...Object.keys(fields).map(Number));
  const parts = [id];
  for (let position = 1; position <= last; position += 1) parts.push(fields[position] ?? '');
  return parts.join('|');
}

export interface MessageSpec {
  readonly event?: string;
  readonly type?: string;
  readonly controlId?: string;
  readonly version?: string;
  readonly sentAt?: string;
  readonly evn?: Readonly<Record<number, string>> | null;
  readonly pid?: Readonly<Record<number, string>> | null;
  readonly pv1?: Readonly<Record<number, string>> | null;
}

/** PID-3: hospital MRN, Medi-Cal CIN (type MA, authority MEDI-CAL), L.A. Care member number (MB). */
export const PID_3 = 'E1234567^^^GSMC^MR~91234567A^^^MEDI-CAL^MA~LAC000112233^^^LACARE^MB';

/** A PID with everything a hospital sends: name, DOB, sex, address, phone, marital status, account. */
export function pid(overrides: Readonly<Record<number, string>> = {}): Readonly<Record<number, string>> {
  return {
    1: '1',
    3: PID_3,
    5: 'GARCIA^MARIA^ELENA^^^^L',
    7: '19580704',
    8: 'F',
    11: '1234 W SUNSET BLVD^APT 5^LOS ANGELES^CA^90026^USA^H',
    13: '^PRN^PH^^^323^5550147',
    16: 'M',
    18: 'ACCT998877',
    ...overrides,
  };
}

/** An inpatient PV1 at Good Samaritan's 4 West, visit V20260310001, admitted 2026-03-10 14:05 local. */
export function pv1(overrides: Readonly<Record<number, string>> = {}): Readonly<Record<number, string>> {
  return {
    1: '1',
    2: 'I',
    3: '4W^412^A^GSMC^^^^^4 WEST MED SURG',
    4: 'E',
    7: '1234567890^NGUYEN^ANH^^^^MD^^^^NPI',
    10: 'MED',
    14: '7',
    17: '1234567890^NGUYEN^ANH',
    18: 'IN',
    19: 'V20260310001^^^GSMC^VN',
    20: 'MC',
    44: '202603101405',
    ...overrides,
  };
}

/** One message as CR-separated segments. */
export function message(spec: MessageSpec = {}): string {
  const event = spec.event ?? 'A01';
  const msh = [
    'MSH',
    '^~\\&',
    'EPIC',
    'GSMC^1467500001^NPI',
    'ECMHUB',
    'LACARE',
    spec.sentAt ?? '20260310143022',
    '',
    spec.type ?? `ADT^${event}^ADT_A01`,
    spec.controlId ?? `GSM-${event}-0001`,
    'P',
    spec.version ?? '2.5.1',
    '',
    '',
    'AL',
    'NE',
  ].join('|');
  const lines = [msh];
  if (spec.evn !== null) lines.push(segment('EVN', spec.evn ?? { 1: event, 2: '20260310143000', 5: 'JSMITH^SMITH^JOHN' }));
  if (spec.pid !== null) lines.push(segment('PID', spec.pid ?? pid()));
  lines.push(segment('NK1', { 1: '1', 2: 'ALVAREZ^ROSA', 3: 'DAU^DAUGHTER^HL70063' }));
  if (spec.pv1 !== null) lines.push(segment('PV1', spec.pv1 ?? pv1()));
  return lines.join('\r');
}

/** A literal A01 exactly as it would arrive, written out by hand (checked field by field in the tests). */
export const LITERAL_A01 = [
  'MSH|^~\\&|EPIC|GSMC^1467500001^NPI|ECMHUB|LACARE|20260310143022-0700||ADT^A01^ADT_A01|GSM20260310143022001|P|2.5.1|||AL|NE',
  'EVN|A01|20260310143000-0700||||20260310140500-0700',
  'PID|1||E1234567^^^GSMC^MR~91234567A^^^MEDI-CAL^MA||GARCIA^MARIA^ELENA^^^^L||19580704|F|||1234 W SUNSET BLVD^APT 5^LOS ANGELES^CA^90026^USA^H||^PRN^PH^^^323^5550147',
  // PV1: 1 set ID, 2 class, 3 location, 4 admission type, 7 attending, 10 service, 14 admit source, 19 visit number, 44 admit time.
  'PV1|1|I|4W^412^A^GSMC|E|||1234567890^NGUYEN^ANH^^^^MD|||MED||||7|||||V20260310001^^^GSMC^VN|||||||||||||||||||||||||20260310140500-0700',
].join('\r');
