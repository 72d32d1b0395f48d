import { Hl7Context } from '@medplum/core';
import { describe, expect, it } from 'vitest';
import { adtEventSchema, episodeEffect, type Hl7AdtResult, parseHl7Adt } from '../../src/core/adt';
import { LITERAL_A01, message, PHI_VALUES, pid, pv1 } from './hl7-fixtures';

function accepted(result: Hl7AdtResult | undefined) {
  if (result?.ackCode !== 'AA') throw new Error(`expected AA, got ${JSON.stringify(result)}`);
  return result.event;
}

function issuesOf(result: Hl7AdtResult | undefined) {
  if (result === undefined || result.ackCode === 'AA') throw new Error(`expected AE or AR, got ${JSON.stringify(result)}`);
  return result.issues;
}

function only(body: string, options?: Parameters<typeof parseHl7Adt>[1]): Hl7AdtResult {
  const results = parseHl7Adt(body, options);
  expect(results).toHaveLength(1);
  return results[0] as Hl7AdtResult;
}

function expectNoPhi(value: unknown): void {
  const text = JSON.stringify(value);
  for (const phi of PHI_VALUES) expect(text).not.toContain(phi);
}

describe('HL7 v2 ADT parsing', () => {
  it('maps a hand-written A01 as a hospital sends it', () => {
    const result = only(LITERAL_A01, { plan: 'LA-CARE' });
    expect(accepted(result)).toEqual({
      messageId: 'GSM20260310143022001',
      eventType: 'A01',
      plan: 'LA-CARE',
      memberIdentifiers: { cin: '91234567A', other: [{ system: 'GSMC:MR', value: 'E1234567' }] },
      facility: { id: 'GSMC' },
      visitId: 'V20260310001',
      patientClass: 'I',
      admitAt: '2026-03-10T14:05:00.000-07:00',
      sentAt: '2026-03-10T14:30:22.000-07:00',
    });
    expect(result.header).toMatchObject({
      sendingApplication: 'EPIC',
      sendingFacility: 'GSMC^1467500001^NPI',
      receivingApplication: 'ECMHUB',
      receivingFacility: 'LACARE',
      messageCode: 'ADT',
      triggerEvent: 'A01',
      controlId: 'GSM20260310143022001',
      processingId: 'P',
      version: '2.5.1',
    });
    expectNoPhi(result);
  });

  it('maps the Medi-Cal CIN, the plan member number and other identifiers from repeating PID-3', () => {
    const event = accepted(only(message()));
    expect(event.memberIdentifiers).toEqual({
      cin: '91234567A',
      planMemberId: 'LAC000112233',
      other: [{ system: 'GSMC:MR', value: 'E1234567' }],
    });
  });

  it('recognises a CIN by identifier type MA or MCD, or by assigning authority MEDI-CAL / DHCS, case-insensitively', () => {
    const cinOf = (pid3: string) => accepted(only(message({ pid: pid({ 3: pid3 }) }))).memberIdentifiers.cin;
    expect(cinOf('91234567A^^^STATE^MCD')).toBe('91234567A');
    expect(cinOf('91234567A^^^^MA')).toBe('91234567A');
    expect(cinOf('91234567a^^^medi-cal')).toBe('91234567A');
    expect(cinOf('91234567A^^^DHCS&2.16.840.1.113883.3.0&ISO^PI')).toBe('91234567A');
    expect(cinOf('91234567A^^^CAMCD&MEDI-CAL&L^PI')).toBe('91234567A');
    // An MRN only: no CIN, but the member can still be matched by it.
    const mrnOnly = accepted(only(message({ pid: pid({ 3: 'E1234567^^^GSMC^MR' }) })));
    expect(mrnOnly.memberIdentifiers).toEqual({ other: [{ system: 'GSMC:MR', value: 'E1234567' }] });
  });

  it('lets a feed configure which identifiers are CINs', () => {
    const result = only(message({ pid: pid({ 3: '91234567A^^^LACDMH^CIN' }) }), {
      identifierRules: { cinIdentifierTypes: ['CIN'], cinAssigningAuthorities: [], planMemberIdentifierTypes: ['MB'] },
    });
    expect(accepted(result).memberIdentifiers.cin).toBe('91234567A');
  });

  it('reads several messages from one body, separated by CR, LF or CRLF', () => {
    const body = [
      message({ event: 'A01', controlId: 'M1' }),
      message({ event: 'A03', controlId: 'M2', pv1: pv1({ 36: '01', 45: '202603141100' }) }).replaceAll('\r', '\n'),
      message({ event: 'A04', controlId: 'M3', pv1: pv1({ 2: 'E', 3: 'ED^12^^GSMC', 19: 'V20260320007' }) }).replaceAll('\r', '\r\n'),
    ].join('\r\n');
    const results = parseHl7Adt(body);
    expect(results.map((r) => r.ackCode)).toEqual(['AA', 'AA', 'AA']);
    const events = results.map(accepted);
    expect(events.map((e) => [e.messageId, e.eventType, e.patientClass, e.visitId])).toEqual([
      ['M1', 'A01', 'I', 'V20260310001'],
      ['M2', 'A03', 'I', 'V20260310001'],
      ['M3', 'A04', 'E', 'V20260320007'],
    ]);
    expect(events[1]).toMatchObject({ dischargeAt: '2026-03-14T11:00:00.000-07:00', dischargeDisposition: '01' });
    expectNoPhi(results);
  });

  it('skips blank lines, MLLP framing and FHS/BHS batch envelopes', () => {
    const body = [
      'FHS|^~\\&|EPIC|GSMC|||20260310150000',
      'BHS|^~\\&|EPIC|GSMC|||20260310150000',
      `\u000b${message({ controlId: 'M1' })}\u001c`,
      '',
      message({ controlId: 'M2', event: 'A08' }),
      'BTS|2',
      'FTS|1',
    ].join('\r');
    expect(parseHl7Adt(body).map((r) => [r.ackCode, r.header.controlId])).toEqual([
      ['AA', 'M1'],
      ['AA', 'M2'],
    ]);
    expect(parseHl7Adt('')).toEqual([]);
    expect(parseHl7Adt('\r\n\r\n')).toEqual([]);
  });

  it('maps every supported event type, and says what each does to an episode', () => {
    const cases = [
      ['A01', {}, 'admit'],
      ['A02', { 3: '5E^520^B^GSMC', 6: '4W^412^A^GSMC' }, 'transfer'],
      ['A03', { 45: '202603141100' }, 'discharge'],
      ['A04', { 2: 'E', 3: 'ED^12^^GSMC' }, 'admit'],
      ['A04', { 2: 'O', 3: 'CLINIC^^^GSMC' }, 'ignore'],
      ['A06', {}, 'admit'],
      ['A08', {}, 'update'],
      ['A11', {}, 'cancel_admit'],
      ['A13', {}, 'cancel_discharge'],
    ] as const;
    for (const [event, overrides, effect] of cases) {
      const mapped = accepted(only(message({ event, pv1: pv1(overrides) })));
      expect(mapped.eventType).toBe(event);
      expect(episodeEffect(mapped)).toBe(effect);
      expect(adtEventSchema.safeParse(mapped).success).toBe(true);
    }
  });

  it('takes the facility from PV1-3 component 4, else from MSH-4', () => {
    expect(accepted(only(message({ pv1: pv1({ 3: '4W^412^A^STJOHNS&1.2.840.114350&ISO' }) }))).facility).toEqual({ id: 'STJOHNS' });
    expect(accepted(only(message({ pv1: pv1({ 3: '4W^412^A^&1.2.840.114350&ISO' }) }))).facility).toEqual({ id: '1.2.840.114350' });
    expect(accepted(only(message({ pv1: pv1({ 3: '4W^412^A' }) }))).facility).toEqual({ id: 'GSMC' });
  });

  it('R-TCS-7D: an A03 needs its discharge instant: PV1-45, else EVN-6', () => {
    const fromEvn = only(message({ event: 'A03', evn: { 1: 'A03', 2: '20260314111500', 6: '20260314110000' } }));
    expect(accepted(fromEvn).dischargeAt).toBe('2026-03-14T11:00:00.000-07:00');
    const missing = only(message({ event: 'A03', evn: { 1: 'A03', 2: '20260314111500' } }));
    expect(missing.ackCode).toBe('AE');
    expect(issuesOf(missing)).toEqual([{ code: 101, segment: 'PV1', position: 45, message: 'PV1-45 discharge date/time is required for A03' }]);
  });

  it('uses EVN-6 for the admission instant of an admit without PV1-44', () => {
    const event = accepted(only(message({ evn: { 1: 'A01', 6: '202603101400' }, pv1: pv1({ 44: '' }) })));
    expect(event.admitAt).toBe('2026-03-10T14:00:00.000-07:00');
    const update = accepted(only(message({ event: 'A08', evn: { 1: 'A08', 6: '202603101400' }, pv1: pv1({ 44: '' }) })));
    expect(update.admitAt).toBeUndefined();
  });

  it('reads the trigger event from EVN-1 when MSH-9 has only the message code', () => {
    const event = accepted(only(message({ type: 'ADT', evn: { 1: 'A02' } })));
    expect(event.eventType).toBe('A02');
  });

  it('treats HL7 explicit null "" as absent', () => {
    const event = accepted(only(message({ event: 'A08', pv1: pv1({ 36: '""', 44: '""' }) })));
    expect(event.dischargeDisposition).toBeUndefined();
    expect(event.admitAt).toBeUndefined();
  });
});

describe('HL7 v2 timestamps in ADT messages', () => {
  const admitAt = (ts: string, timeZone?: string) =>
    accepted(only(message({ pv1: pv1({ 44: ts }) }), timeZone === undefined ? {} : { defaultTimeZone: timeZone })).admitAt;

  it('reads a timestamp without offset in America/Los_Angeles by default, honouring DST', () => {
    expect(admitAt('202601151405')).toBe('2026-01-15T14:05:00.000-08:00');
    expect(admitAt('202607151405')).toBe('2026-07-15T14:05:00.000-07:00');
    // 02:30 on 2026-03-08 does not exist in Los Angeles: it resolves to the instant clocks jump (03:00 PDT).
    expect(admitAt('202603080230')).toBe('2026-03-08T03:00:00.000-07:00');
  });

  it('reads a timestamp without offset in the feed’s configured zone', () => {
    expect(admitAt('202601151405', 'America/New_York')).toBe('2026-01-15T14:05:00.000-05:00');
  });

  it('keeps the offset a timestamp carries, with seconds and fractions', () => {
    expect(admitAt('20260310140500-0800')).toBe('2026-03-10T14:05:00.000-08:00');
    expect(admitAt('20260310220500+0000')).toBe('2026-03-10T22:05:00.000+00:00');
    expect(admitAt('20260310140559.1234+0530')).toBe('2026-03-10T14:05:59.123+05:30');
    expect(Date.parse(admitAt('20260310140500-0800') ?? '')).toBe(Date.parse('2026-03-10T22:05:00Z'));
  });

  it('refuses malformed timestamps and ones coarser than minutes, naming the field', () => {
    const issues = (ts: string) => issuesOf(only(message({ pv1: pv1({ 44: ts }) })));
    expect(issues('20261310140500')).toEqual([
      { code: 102, segment: 'PV1', position: 44, message: 'PV1-44 admit date/time is not a valid HL7 timestamp (YYYYMMDDHHMM[SS][+/-ZZZZ])' },
    ]);
    expect(issues('2026031014')).toEqual([
      { code: 102, segment: 'PV1', position: 44, message: 'PV1-44 admit date/time needs at least minute precision (YYYYMMDDHHMM)' },
    ]);
    expect(issues('20260310')[0]?.message).toMatch(/^PV1-44 .*minute precision/);
    expect(issues('202603101405-2500')[0]?.message).toMatch(/^PV1-44 .*not a valid/);
    expect(issuesOf(only(message({ sentAt: 'yesterday' })))[0]?.message).toMatch(/^MSH-7 /);
  });

  it('refuses a discharge before the admission', () => {
    const result = only(message({ event: 'A03', pv1: pv1({ 44: '202603101405', 45: '202603091100' }) }));
    expect(issuesOf(result)).toEqual([
      { code: 102, segment: 'PV1', position: 45, message: 'PV1-45 discharge date/time is invalid: dischargeAt is before admitAt' },
    ]);
  });
});

describe('HL7 v2 escape sequences and delimiters in ADT messages', () => {
  it('decodes \\F\\ \\S\\ \\T\\ \\R\\ \\E\\ in mapped fields', () => {
    const event = accepted(
      only(
        message({
          pid: pid({ 3: 'A\\S\\B\\T\\C^^^GSMC^MR~91234567A^^^MEDI-CAL^MA' }),
          pv1: pv1({ 3: '4W^412^A^ST\\T\\JOHNS', 19: 'V\\F\\001\\R\\2\\E\\', 36: 'HOME\\.br\\HEALTH' }),
        }),
      ),
    );
    expect(event.memberIdentifiers.other).toEqual([{ system: 'GSMC:MR', value: 'A^B&C' }]);
    expect(event.facility.id).toBe('ST&JOHNS');
    expect(event.visitId).toBe('V|001~2\\');
    expect(event.dischargeDisposition).toBe('HOME\nHEALTH');
  });

  it('honours the delimiters declared in MSH-1 and MSH-2', () => {
    const body = [
      'MSH!@*$%!EPIC!GSMC!ECMHUB!LACARE!20260310143022!!ADT@A01@ADT_A01!CUSTOM-1!P!2.5.1',
      'EVN!A01!20260310143000!!!!202603101405',
      'PID!1!!91234567A@@@MEDI-CAL@MA*E7@@@GSMC@MR!!GARCIA@MARIA!!19580704',
      // PV1-3 then 15 empty fields (PV1-4..18), then PV1-19.
      `PV1!1!I!4W@412@A@ST$T$JOHNS%1.2.3%ISO${'!'.repeat(16)}V$F$9`,
    ].join('\r');
    const result = only(body);
    expect(accepted(result)).toMatchObject({
      messageId: 'CUSTOM-1',
      eventType: 'A01',
      memberIdentifiers: { cin: '91234567A', other: [{ system: 'GSMC:MR', value: 'E7' }] },
      facility: { id: 'ST%JOHNS' },
      visitId: 'V!9',
    });
    expect(result.header.encoding).toEqual(new Hl7Context('\r', '!', '@', '*', '$', '%'));
    expectNoPhi(result);
  });
});

describe('HL7 v2 ADT messages refused', () => {
  it('AE when MSH-10 is missing', () => {
    const result = only(message({ controlId: '' }));
    expect(result.ackCode).toBe('AE');
    expect(issuesOf(result)).toEqual([{ code: 101, segment: 'MSH', position: 10, message: 'MSH-10 message control ID is required' }]);
  });

  it('AE when PV1-19 is missing', () => {
    const result = only(message({ pv1: pv1({ 19: '' }) }));
    expect(result.ackCode).toBe('AE');
    expect(issuesOf(result)).toEqual([{ code: 101, segment: 'PV1', position: 19, message: 'PV1-19 visit number is required' }]);
  });

  it('AR for an unknown event, another message type or an unsupported version', () => {
    const unknownEvent = only(message({ event: 'A99' }));
    expect(unknownEvent.ackCode).toBe('AR');
    expect(issuesOf(unknownEvent)).toEqual([
      { code: 201, segment: 'MSH', position: 9, message: 'MSH-9 event A99 is not supported; supported: A01, A02, A03, A04, A06, A08, A11, A13' },
    ]);
    const oru = only(message({ type: 'ORU^R01^ORU_R01' }));
    expect(oru.ackCode).toBe('AR');
    expect(issuesOf(oru)[0]).toMatchObject({ code: 200, message: 'MSH-9 message type ORU is not supported; only ADT is' });
    const old = only(message({ version: '2.2' }));
    expect(old.ackCode).toBe('AR');
    expect(issuesOf(old)[0]).toMatchObject({ code: 203, position: 12, message: 'MSH-12 version 2.2 is not supported' });
  });

  it('AE for missing segments, identifiers or patient class, reporting every problem at once', () => {
    expect(issuesOf(only(message({ pid: null, pv1: null }))).map((i) => i.message)).toEqual(['PID segment is required', 'PV1 segment is required']);
    const several = only(message({ pid: pid({ 3: '' }), pv1: pv1({ 2: 'X', 3: '4W', 19: '' }) }));
    expect(several.ackCode).toBe('AE');
    expect(issuesOf(several).map((i) => i.message)).toEqual([
      'PID-3 patient identifier list is required',
      'PV1-2 patient class is not in HL7 table 0004',
      'PV1-19 visit number is required',
    ]);
    const noFacility = [message({ pv1: pv1({ 3: '4W' }) }).replace('|GSMC^1467500001^NPI|', '||')].join('');
    expect(issuesOf(only(noFacility)).map((i) => i.message)).toEqual(['PV1-3 facility (or MSH-4 sending facility) is required']);
    expect(issuesOf(only(message({ pv1: pv1({ 2: '' }) }))).map((i) => i.message)).toEqual(['PV1-2 patient class is required']);
  });

  it('AE for conflicting or malformed CINs', () => {
    const two = only(message({ pid: pid({ 3: '91234567A^^^MEDI-CAL^MA~98765432B^^^^MA' }) }));
    expect(issuesOf(two).map((i) => i.message)).toEqual(['PID-3 carries more than one Medi-Cal CIN']);
    const same = only(message({ pid: pid({ 3: '91234567A^^^MEDI-CAL^MA~91234567a^^^^MA' }) }));
    expect(accepted(same).memberIdentifiers.cin).toBe('91234567A');
    const malformed = only(message({ pid: pid({ 3: '9123-45^^^MEDI-CAL^MA' }) }));
    expect(issuesOf(malformed).map((i) => i.message)).toEqual(['PID-3 Medi-Cal CIN must be 8 to 14 letters and digits']);
  });

  it('AE for a body that does not start with MSH, and for unreadable encoding characters', () => {
    const results = parseHl7Adt(['PID|1||91234567A^^^MEDI-CAL^MA||GARCIA^MARIA||19580704', message({ controlId: 'AFTER' })].join('\r'));
    expect(results.map((r) => r.ackCode)).toEqual(['AE', 'AA']);
    expect(issuesOf(results[0])).toEqual([{ code: 100, segment: 'MSH', message: 'message does not begin with an MSH segment' }]);
    expect(issuesOf(only('MSH|^~|EPIC|GSMC'))).toEqual([{ code: 102, segment: 'MSH', position: 2, message: 'MSH-2 encoding characters are invalid' }]);
    expect(issuesOf(only('MSHA^~\\&AEPIC'))).toEqual([{ code: 102, segment: 'MSH', position: 1, message: 'MSH-1 field separator is invalid' }]);
    expectNoPhi(results);
  });

  it('AE for a line that is not a segment', () => {
    const body = message().replace('\rPV1|', '\rGARCIA MARIA 19580704\rPV1|');
    const issues = issuesOf(only(body));
    expect(issues).toEqual([{ code: 100, segment: 'MSH', message: 'segment 5 of the message has no valid segment ID' }]);
  });

  it('never puts the patient’s name, DOB, address or phone in any outcome', () => {
    const bodies = [
      message(),
      message({ controlId: '' }),
      message({ event: 'A99' }),
      message({ pv1: pv1({ 19: '' }) }),
      message({ pv1: pv1({ 44: 'GARCIA' }) }),
      message({ pid: pid({ 3: 'GARCIA^^^MEDI-CAL^MA' }) }),
      message({ pid: pid({ 3: 'MARIA-19580704^^^MEDI-CAL^MA' }) }),
      message({ type: 'GARCIA^MARIA' }),
      message({ version: '19580704' }),
    ];
    for (const body of bodies) expectNoPhi(parseHl7Adt(body));
  });

  it('refuses a configuration error (unknown zone, malformed plan) by throwing, not as the sender’s fault', () => {
    expect(() => parseHl7Adt(message(), { defaultTimeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
    expect(() => parseHl7Adt(message(), { plan: 'LA CARE' })).toThrow(RangeError);
  });
});
