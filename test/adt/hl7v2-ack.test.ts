import { describe, expect, it } from 'vitest';
import { ackForResult, buildHl7Ack, type Hl7AdtResult, parseHl7Adt } from '../../src/core/adt';
import { message, PHI_VALUES, pid, pv1 } from './hl7-fixtures';

// 2026-03-10 15:00:00 PDT.
const AT = Date.parse('2026-03-10T22:00:00Z');
const OPTIONS = { controlId: 'ACK-0001', at: AT };

function only(body: string): Hl7AdtResult {
  const [result] = parseHl7Adt(body);
  if (result === undefined) throw new Error('no message parsed');
  return result;
}

/** The ACK as segments of fields. */
function fieldsOf(ack: string): string[][] {
  return ack.split('\r').map((segment) => segment.split('|'));
}

describe('HL7 v2 ACK', () => {
  it('AA: swaps sender and receiver, answers ACK^<trigger>^ACK, and quotes the control ID in MSA-2', () => {
    const ack = ackForResult(only(message({ controlId: 'GSM-A01-0001' })), OPTIONS);
    expect(ack).toBe(
      ['MSH|^~\\&|ECMHUB|LACARE|EPIC|GSMC^1467500001^NPI|20260310150000-0700||ACK^A01^ACK|ACK-0001|P|2.5.1', 'MSA|AA|GSM-A01-0001'].join('\r'),
    );
    const [msh, msa] = fieldsOf(ack);
    // MSH-3..6 of the ACK are MSH-5, MSH-6, MSH-3, MSH-4 of the message.
    expect(msh?.slice(2, 6)).toEqual(['ECMHUB', 'LACARE', 'EPIC', 'GSMC^1467500001^NPI']);
    expect(msh?.[8]).toBe('ACK^A01^ACK');
    expect(msa).toEqual(['MSA', 'AA', 'GSM-A01-0001']);
  });

  it('AE: MSA-3 carries the error text and an ERR segment locates it (v2.5 layout)', () => {
    const result = only(message({ event: 'A03', controlId: 'GSM-A03-0002', pv1: pv1({ 19: '', 45: '202603141100' }) }));
    expect(result.ackCode).toBe('AE');
    const [msh, msa, err, ...rest] = fieldsOf(ackForResult(result, OPTIONS));
    expect(msh?.[8]).toBe('ACK^A03^ACK');
    expect(msa).toEqual(['MSA', 'AE', 'GSM-A03-0002', 'PV1-19 visit number is required']);
    expect(err).toEqual(['ERR', '', 'PV1^1^19', '101^Required field missing^HL70357', 'E', '', '', '', 'PV1-19 visit number is required']);
    expect(rest).toEqual([]);
  });

  it('AE: one ERR per issue, and MSA-3 joins them', () => {
    const result = only(message({ pid: pid({ 3: '' }), pv1: pv1({ 19: '' }) }));
    const [, msa, ...errs] = fieldsOf(ackForResult(result, OPTIONS));
    expect(msa?.[3]).toBe('PID-3 patient identifier list is required; PV1-19 visit number is required');
    expect(errs.map((err) => [err[2], err[3]])).toEqual([
      ['PID^1^3', '101^Required field missing^HL70357'],
      ['PV1^1^19', '101^Required field missing^HL70357'],
    ]);
  });

  it('AE: a missing MSH-10 leaves MSA-2 empty', () => {
    const [, msa, err] = fieldsOf(ackForResult(only(message({ controlId: '' })), OPTIONS));
    expect(msa).toEqual(['MSA', 'AE', '', 'MSH-10 message control ID is required']);
    expect(err?.[2]).toBe('MSH^1^10');
  });

  it('AR: an unsupported event is rejected with code 201', () => {
    const result = only(message({ event: 'A99', controlId: 'GSM-A99-0003' }));
    expect(result.ackCode).toBe('AR');
    const [msh, msa, err] = fieldsOf(ackForResult(result, OPTIONS));
    expect(msh?.[8]).toBe('ACK^A99^ACK');
    expect(msa?.slice(0, 3)).toEqual(['MSA', 'AR', 'GSM-A99-0003']);
    expect(msa?.[3]).toMatch(/^MSH-9 event A99 is not supported/);
    expect(err?.slice(2, 5)).toEqual(['MSH^1^9', '201^Unsupported event code^HL70357', 'E']);
  });

  it('AR: an unsupported version is rejected with code 203, in the ERR-1 layout of pre-2.5 versions', () => {
    const result = only(message({ version: '2.2' }));
    const [msh, msa, err] = fieldsOf(ackForResult(result, OPTIONS));
    expect(msh?.[11]).toBe('2.2');
    expect(msa?.[1]).toBe('AR');
    expect(err).toEqual(['ERR', 'MSH^1^12^203&Unsupported version id&HL70357']);
  });

  it('uses ERR-1 for a v2.3 sender', () => {
    const [, , err] = fieldsOf(ackForResult(only(message({ version: '2.3', pv1: pv1({ 19: '' }) })), OPTIONS));
    expect(err).toEqual(['ERR', 'PV1^1^19^101&Required field missing&HL70357']);
  });

  it('answers in the message’s own delimiters and escapes text that contains them', () => {
    const body = ['MSH!@*$%!EPIC!GSMC@1.2.3@ISO!ECMHUB!LACARE!20260310143022!!ADT@A01@ADT_A01!CUSTOM$F$1!P!2.5.1', 'EVN!A01!!!!!202603101405', 'PID!1!!91234567A@@@MEDI-CAL@MA', 'PV1!1!I!4W@412@A@GSMC'].join('\r');
    const ack = ackForResult(only(body), OPTIONS);
    const [msh, msa] = ack.split('\r');
    expect(msh).toBe('MSH!@*$%!ECMHUB!LACARE!EPIC!GSMC@1.2.3@ISO!20260310150000-0700!!ACK@A01@ACK!ACK-0001!P!2.5.1');
    expect(msa).toBe('MSA!AE!CUSTOM$F$1!PV1-19 visit number is required');
  });

  it('falls back to the receiver’s own names and default delimiters when the MSH was unreadable', () => {
    const result = only('PID|1||91234567A^^^MEDI-CAL^MA||GARCIA^MARIA||19580704');
    const ack = ackForResult(result, { ...OPTIONS, application: 'ECMHUB', facility: 'ECM^Enhanced Care', timeZone: 'UTC' });
    expect(ack.split('\r')).toEqual([
      'MSH|^~\\&|ECMHUB|ECM\\S\\Enhanced Care|||20260310220000+0000||ACK|ACK-0001|P|2.5.1',
      'MSA|AE||message does not begin with an MSH segment',
      'ERR||MSH^1|100^Segment sequence error^HL70357|E||||message does not begin with an MSH segment',
    ]);
  });

  it('buildHl7Ack acknowledges any header directly', () => {
    const { header } = only(message({ controlId: 'X1' }));
    expect(buildHl7Ack(header, { code: 'AA' }, OPTIONS).split('\r')[1]).toBe('MSA|AA|X1');
    const ar = buildHl7Ack(header, { code: 'AR', issues: [{ code: 200, segment: 'MSH', position: 9, message: 'not for us' }] }, OPTIONS);
    expect(ar.split('\r').slice(1)).toEqual(['MSA|AR|X1|not for us', 'ERR||MSH^1^9|200^Unsupported message type^HL70357|E||||not for us']);
  });

  it('acknowledges every message of a body in turn, never echoing patient data', () => {
    const body = [
      message({ controlId: 'M1' }),
      message({ controlId: 'M2', pv1: pv1({ 19: '' }) }),
      message({ controlId: 'M3', event: 'A99' }),
      message({ controlId: 'M4', type: 'GARCIA^MARIA' }),
      message({ controlId: 'M5', version: '19580704' }),
    ].join('\r');
    const acks = parseHl7Adt(body).map((result, i) => ackForResult(result, { controlId: `ACK-${i}`, at: AT }));
    expect(acks.map((ack) => ack.split('\r')[1]?.split('|').slice(0, 3))).toEqual([
      ['MSA', 'AA', 'M1'],
      ['MSA', 'AE', 'M2'],
      ['MSA', 'AR', 'M3'],
      ['MSA', 'AR', 'M4'],
      ['MSA', 'AR', 'M5'],
    ]);
    for (const ack of acks) for (const phi of PHI_VALUES) expect(ack).not.toContain(phi);
    // Garbage in MSH-9 is not echoed back as a trigger.
    expect(acks[3]?.split('\r')[0]?.split('|')[8]).toBe('ACK');
  });
});
