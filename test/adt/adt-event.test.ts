import { describe, expect, it } from 'vitest';
import { ADT_EVENT_TYPES, ADT_EVENTS, adtBatchBodySchema, adtEventSchema, episodeEffect, MAX_ADT_BATCH_EVENTS, parseHl7Adt } from '../../src/core/adt';
import { message } from './hl7-fixtures';

const A01 = {
  messageId: 'GSM20260310143022001',
  eventType: 'A01',
  plan: 'LA-CARE',
  memberIdentifiers: { cin: '91234567A', other: [{ system: 'GSMC:MR', value: 'E1234567' }] },
  facility: { id: 'GSMC', name: 'Good Samaritan Medical Center' },
  visitId: 'V20260310001',
  patientClass: 'I',
  admitAt: '2026-03-10T14:05:00-07:00',
  sentAt: '2026-03-10T21:30:22Z',
} as const;

function messagesOf(body: unknown): string[] {
  const parsed = adtBatchBodySchema.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('normalized ADT event', () => {
  it('says which events start, extend, end or cancel an episode', () => {
    expect(Object.keys(ADT_EVENTS)).toEqual([...ADT_EVENT_TYPES]);
    const effect = (eventType: (typeof ADT_EVENT_TYPES)[number], patientClass: 'I' | 'E' | 'O') => episodeEffect({ eventType, patientClass });
    expect(effect('A01', 'I')).toBe('admit');
    expect(effect('A04', 'E')).toBe('admit');
    expect(effect('A04', 'O')).toBe('ignore');
    expect(effect('A06', 'I')).toBe('admit');
    expect(effect('A02', 'I')).toBe('transfer');
    expect(effect('A03', 'I')).toBe('discharge');
    expect(effect('A08', 'I')).toBe('update');
    expect(effect('A11', 'I')).toBe('cancel_admit');
    expect(effect('A13', 'I')).toBe('cancel_discharge');
  });
});

describe('POST /v1/adt body schema', () => {
  it('accepts a batch of events with offset timestamps', () => {
    const discharge = { ...A01, messageId: 'M2', eventType: 'A03', dischargeAt: '2026-03-14T11:00:00.000-07:00', dischargeDisposition: '01' };
    const parsed = adtBatchBodySchema.parse({ events: [A01, discharge] });
    expect(parsed.events).toHaveLength(2);
    expect(parsed.events[0]).toEqual(A01);
  });

  it('drops fields it does not know, such as a patient name', () => {
    const parsed = adtBatchBodySchema.parse({ events: [{ ...A01, name: 'GARCIA^MARIA', dateOfBirth: '1958-07-04' }] });
    expect(JSON.stringify(parsed)).not.toMatch(/GARCIA|1958/);
  });

  it('takes 1 to 500 events', () => {
    expect(MAX_ADT_BATCH_EVENTS).toBe(500);
    expect(messagesOf({ events: [] })).toEqual(['events: at least one event is required']);
    const many = Array.from({ length: 501 }, (_, i) => ({ ...A01, messageId: `M${i}` }));
    expect(messagesOf({ events: many })).toEqual(['events: at most 500 events per request']);
    expect(messagesOf({ events: many.slice(0, 500) })).toEqual([]);
    expect(messagesOf({})).toHaveLength(1);
  });

  it('refuses timestamps without an offset', () => {
    const issues = messagesOf({ events: [{ ...A01, admitAt: '2026-03-10T14:05:00' }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^events\.0\.admitAt: /);
    expect(messagesOf({ events: [{ ...A01, sentAt: '2026-03-10' }] })[0]).toMatch(/^events\.0\.sentAt: /);
  });

  it('R-TCS-7D: an A03 needs dischargeAt, which cannot precede admitAt', () => {
    expect(messagesOf({ events: [{ ...A01, eventType: 'A03' }] })).toEqual(['events.0.dischargeAt: an A03 discharge needs dischargeAt']);
    expect(messagesOf({ events: [{ ...A01, eventType: 'A03', dischargeAt: '2026-03-10T14:00:00-07:00' }] })).toEqual([
      'events.0.dischargeAt: dischargeAt is before admitAt',
    ]);
  });

  it('needs at least one member identifier, and a well-formed CIN', () => {
    expect(messagesOf({ events: [{ ...A01, memberIdentifiers: {} }] })).toEqual([
      'events.0.memberIdentifiers: at least one member identifier (cin, planMemberId or other) is required',
    ]);
    expect(adtEventSchema.parse({ ...A01, memberIdentifiers: { planMemberId: 'LAC000112233' } }).memberIdentifiers).toEqual({
      planMemberId: 'LAC000112233',
      other: [],
    });
    expect(messagesOf({ events: [{ ...A01, memberIdentifiers: { cin: '9123-45' } }] })).toEqual([
      'events.0.memberIdentifiers.cin: a Medi-Cal CIN: 8 to 14 letters and digits',
    ]);
  });

  it('refuses unsupported events, unknown patient classes and missing visit or facility', () => {
    const { visitId: _visitId, ...withoutVisit } = A01;
    const issues = messagesOf({ events: [{ ...withoutVisit, eventType: 'A05', patientClass: 'X', facility: {} }] });
    expect(issues.map((issue) => issue.split(':')[0])).toEqual(['events.0.eventType', 'events.0.facility.id', 'events.0.visitId', 'events.0.patientClass']);
  });

  it('accepts what the HL7 v2 intake produces, so both intakes agree', () => {
    const events = parseHl7Adt([message({ controlId: 'H1' }), message({ controlId: 'H2', event: 'A02' })].join('\r')).map((result) => {
      if (result.ackCode !== 'AA') throw new Error(JSON.stringify(result.issues));
      return result.event;
    });
    expect(adtBatchBodySchema.parse({ events }).events).toEqual(events);
  });
});
