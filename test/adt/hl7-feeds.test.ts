/**
 * Per-feed reading of HL7 ADT: identifier rules that find the CIN under an OID authority, as type
 * PI or untyped; the zone of naive timestamps; allowed sending facilities; and the admit-time policy
 * (never the receipt time).
 */
import { describe, expect, it } from 'vitest';
import { type Hl7AdtResult, hl7FeedsSchema, httpFeedSelector, mllpFeedSelector, parseHl7Adt } from '../../src/core/adt';
import { message, pid, pv1 } from './hl7-fixtures';

const OID = '2.16.840.1.113883.3.9999';
const FEEDS = hl7FeedsSchema.parse({
  'county-hie': {
    plan: 'LA-CARE',
    identifierRules: { cinRules: [{ assigningAuthority: OID, identifierType: 'PI' }, { assigningAuthority: 'CAHIE', identifierType: '' }] },
    timeZone: 'America/New_York',
    sendingFacilities: ['GSMC', '1467500001'],
    admitTime: 'evn-2',
  },
});

function issuesOf(result: Hl7AdtResult | undefined) {
  if (result === undefined || result.ackCode === 'AA') throw new Error(`expected AE/AR, got ${JSON.stringify(result)}`);
  return result.issues;
}

const oidCin = (id: string): string => `E1234567^^^GSMC^MR~${id}^^^&${OID}&ISO^PI`;

describe('HL7 feeds', () => {
  it('R-TCS-24H: a feed rule takes the CIN under an OID authority typed PI, which the default rules refuse as a CIN', () => {
    const body = message({ pid: pid({ 3: oidCin('91234567A') }) });
    const [byFeed] = parseHl7Adt(body, { feeds: mllpFeedSelector(FEEDS) });
    expect(byFeed).toMatchObject({ ackCode: 'AA', feed: 'county-hie', event: { plan: 'LA-CARE', memberIdentifiers: { cin: '91234567A' } } });
    const [byDefault] = parseHl7Adt(body, { plan: 'LA-CARE' });
    expect(byDefault).toMatchObject({ ackCode: 'AA', event: { memberIdentifiers: { other: expect.arrayContaining([{ system: `${OID}:PI`, value: '91234567A' }]) } } });
    expect(byDefault?.ackCode === 'AA' && byDefault.event.memberIdentifiers.cin).toBeUndefined();
  });

  it('an untyped CX under the rule’s authority is the CIN; the same authority with another type is not', () => {
    const untyped = parseHl7Adt(message({ pid: pid({ 3: '91234567A^^^CAHIE' }) }), { feeds: mllpFeedSelector(FEEDS) })[0];
    expect(untyped).toMatchObject({ ackCode: 'AA', event: { memberIdentifiers: { cin: '91234567A' } } });
    const typed = parseHl7Adt(message({ pid: pid({ 3: 'E99^^^CAHIE^MR' }) }), { feeds: mllpFeedSelector(FEEDS) })[0];
    expect(typed?.ackCode === 'AA' && typed.event.memberIdentifiers.cin).toBeUndefined();
  });

  it('reads naive timestamps in the feed’s zone', () => {
    const [result] = parseHl7Adt(message({ pv1: pv1({ 44: '202603101405' }) }), { feeds: mllpFeedSelector(FEEDS) });
    expect(result?.ackCode === 'AA' && result.event.admitAt).toBe('2026-03-10T14:05:00.000-04:00');
  });

  it('refuses (AR) a sending facility on no feed over MLLP, and on none of the plan’s feeds over HTTP', () => {
    const stranger = message({}).replace('GSMC^1467500001^NPI', 'STRANGER^999^NPI');
    for (const feeds of [mllpFeedSelector(FEEDS), httpFeedSelector(FEEDS, 'LA-CARE')]) {
      const [result] = parseHl7Adt(stranger, { feeds });
      expect(result?.ackCode).toBe('AR');
      expect(issuesOf(result)).toEqual([expect.objectContaining({ code: 103, segment: 'MSH', position: 4 })]);
    }
    // A plan with no feeds configured keeps today's behaviour: any sender, the default rules.
    const [other] = parseHl7Adt(stranger, { feeds: httpFeedSelector(FEEDS, 'HEALTH-NET') });
    expect(other).toMatchObject({ ackCode: 'AA', feed: 'default', event: { plan: 'HEALTH-NET' } });
  });

  it('R-TCS-24H: an admit with no admission time (PV1-44, EVN-6) is AE, never dated with its receipt', () => {
    for (const event of ['A01', 'A04', 'A06']) {
      const [result] = parseHl7Adt(message({ event, evn: { 1: event, 2: '20260310143000' }, pv1: pv1({ 2: 'E', 44: '' }) }), { plan: 'LA-CARE' });
      expect(result?.ackCode).toBe('AE');
      expect(issuesOf(result)).toEqual([{ code: 101, segment: 'PV1', position: 44, message: 'PV1-44 admit date/time (or EVN-6) is required for an admission' }]);
    }
    // An A04 clinic registration (not an ED visit) opens no episode, so it needs no admission time.
    const [clinic] = parseHl7Adt(message({ event: 'A04', evn: { 1: 'A04' }, pv1: pv1({ 2: 'O', 44: '' }) }), { plan: 'LA-CARE' });
    expect(clinic).toMatchObject({ ackCode: 'AA', event: { eventType: 'A04', patientClass: 'O' } });
  });

  it('R-TCS-24H: a feed with admitTime evn-2 takes the admission time from EVN-2 and records that it did', () => {
    const body = message({ evn: { 1: 'A01', 2: '202603101400' }, pv1: pv1({ 44: '' }) });
    const [result] = parseHl7Adt(body, { feeds: mllpFeedSelector(FEEDS) });
    expect(result).toMatchObject({ ackCode: 'AA', admitTimeSource: 'EVN-2', event: { admitAt: '2026-03-10T14:00:00.000-04:00' } });
    const [fromPv1] = parseHl7Adt(message({}), { feeds: mllpFeedSelector(FEEDS) });
    expect(fromPv1).toMatchObject({ ackCode: 'AA', admitTimeSource: 'PV1-44' });
    const [neither] = parseHl7Adt(message({ evn: { 1: 'A01' }, pv1: pv1({ 44: '' }) }), { feeds: mllpFeedSelector(FEEDS) });
    expect(issuesOf(neither)).toEqual([expect.objectContaining({ segment: 'PV1', position: 44, message: 'PV1-44 admit date/time (or EVN-6, EVN-2) is required for an admission' })]);
  });

  it('refuses a malformed feed configuration', () => {
    expect(hl7FeedsSchema.safeParse({ f: { plan: 'LA-CARE', identifierRules: { cinRules: [{}] } } }).success).toBe(false);
    expect(hl7FeedsSchema.safeParse({ f: { plan: 'LA-CARE', admitTime: 'now' } }).success).toBe(false);
    expect(hl7FeedsSchema.safeParse({ f: { plan: 'LA-CARE', unknown: 1 } }).success).toBe(false);
  });
});
