/**
 * HL7 fields with a control character or a lone surrogate are a bad message (AE naming the field),
 * never an event that reaches the care record, and an ACK echoing such a value escapes it.
 */
import { describe, expect, it } from 'vitest';
import { ackForResult, DEFAULT_HL7_ENCODING, escapeHl7, parseHl7Adt, unescapeHl7 } from '../../src/core/adt';
import { message, pv1 } from './hl7-fixtures';

const ACK = { controlId: 'ACK-1', at: Date.parse('2026-03-10T21:30:00Z') } as const;

describe('HL7 v2 control characters', () => {
  it('R-TCS-24H: a NUL in MSH-10 is AE with an ERR at MSH-10, and the ACK echoes the control ID escaped', () => {
    const [result] = parseHl7Adt(message({ controlId: 'GSM\u0000-1' }), { plan: 'LA-CARE' });
    expect(result!.ackCode).toBe('AE');
    expect(result!.ackCode !== 'AA' && result!.issues).toEqual([expect.objectContaining({ code: 102, segment: 'MSH', position: 10 })]);
    const ack = ackForResult(result!, ACK);
    expect(ack).not.toContain('\u0000');
    expect(ack.split('\r')[1]).toMatch(/^MSA\|AE\|GSM\\X00\\-1\|/);
  });

  it('R-TCS-24H: a lone surrogate in PV1-19 or a DEL in the facility is AE naming that field', () => {
    const [visit] = parseHl7Adt(message({ pv1: pv1({ 19: 'V2026\uD800' }) }), { plan: 'LA-CARE' });
    expect(visit!.ackCode !== 'AA' && visit!.issues).toEqual([expect.objectContaining({ segment: 'PV1', position: 19 })]);
    const [facility] = parseHl7Adt(message({ pv1: pv1({ 3: '4W^412^A^GS\u007FMC' }) }), { plan: 'LA-CARE' });
    expect(facility!.ackCode !== 'AA' && facility!.issues).toEqual([expect.objectContaining({ segment: 'PV1', position: 3 })]);
  });

  it('escaping writes C0 and C1 controls as \\Xhh\\ and reading gives them back', () => {
    const text = 'a\u0000b\u001Fc\u0085d\te';
    const escaped = escapeHl7(text, DEFAULT_HL7_ENCODING);
    expect(escaped).toBe('a\\X00\\b\\X1F\\c\\X85\\d\te');
    expect(unescapeHl7(escaped, DEFAULT_HL7_ENCODING)).toBe(text);
  });
});
