/**
 * The FHIR export's mapping (src/core/fhir), on a record with every kind of fact, each Bundle
 * validated against the official FHIR R4 JSON schema.
 */
import type { Bundle, Consent, EpisodeOfCare, FhirResource, Task } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import * as cs from '../../src/core/fhir/code-systems';
import { memberBundle } from '../../src/core/fhir/member-bundle';
import type { MemberDemographics, MemberRecord } from '../../src/core/fhir/member-record';
import { fhirSchemaErrors, fhirSchemaInfo } from '../support/fhir-schema';

const MEMBER = 'mbr_0123456789abcdef0123456789abcdef';
const EPISODE = 'v0123456789abcdef01234567';

const record: MemberRecord = {
  memberId: MEMBER,
  journey: { referralId: 'REF-1', plan: 'LA-CARE', stage: 'ACTIVE', ended: false, receivedAt: '2030-11-01T16:00:00.000Z', providerId: 'PROV-ACME', careManagerId: 'LCM-1', populationsOfFocus: ['1a', '2'] },
  authorizationPeriods: [
    { number: 2, kind: 'reauthorization', startDate: '2031-11-01', endDate: '2032-04-30' },
    { number: 1, kind: 'initial', startDate: '2030-11-01', endDate: '2031-10-31' },
  ],
  deadlines: [
    { key: 'R-AUTH-ROUTINE', rule: 'R-AUTH-ROUTINE', party: 'plan', startedAt: '2030-11-01T16:00:00.000Z', dueAt: '2030-11-08T07:59:59.999Z', status: 'met', fulfilledAt: '2030-11-02T16:00:00.000Z' },
    { key: 'R-OUTREACH-30D', rule: 'R-OUTREACH-30D', party: 'provider', startedAt: '2030-11-03T16:00:00.000Z', dueAt: '2030-12-03T07:59:59.999Z', status: 'open' },
    { key: 'R-ASSIGN#2', rule: 'R-ASSIGN', party: 'plan', startedAt: '2030-11-03T16:00:00.000Z', dueAt: '2030-11-10T07:59:59.999Z', status: 'breached' },
    { key: 'R-REASSESS', rule: 'R-REASSESS', party: 'provider', startedAt: '2030-11-03T16:00:00.000Z', dueAt: '2031-11-10T07:59:59.999Z', status: 'cancelled', cancelledAt: '2030-11-05T16:00:00.000Z' },
    { key: `${EPISODE}/R-TCS-24H`, rule: 'R-TCS-24H', party: 'provider', startedAt: '2030-11-20T16:00:00.000Z', dueAt: '2030-11-21T16:00:00.000Z', status: 'open' },
  ],
  carePlan: {
    version: 2, at: '2030-11-10T16:00:00.000Z', acuity: 'high', problems: ['Homelessness'], interventions: ['Housing navigation referral'], barriers: ['No phone'],
    goals: [{ ordinal: 2, description: 'Diabetes control', measure: 'HbA1c below 8%', targetDate: '2031-02-01' }, { ordinal: 1, description: 'Stable housing', measure: 'Signed lease', targetDate: '2031-05-01' }],
  },
  consents: [{ kind: 'opt_in', method: 'verbal', at: '2030-11-05T16:00:00.000Z' }],
  episodes: [{
    episodeKey: EPISODE, status: 'discharged', openedAt: '2030-11-20T16:00:00.000Z',
    visits: [{ visitKey: EPISODE, facilityId: 'HOSP-1', patientClass: 'I', admittedAt: '2030-11-20T15:45:00.000Z', dischargedAt: '2030-11-23T18:00:00.000Z', disposition: '01', cancelled: false }],
    tasks: [{ task: 'facility_and_member_contacted', status: 'done', at: '2030-11-21T10:00:00.000Z' }, { task: 'transportation', status: 'not_applicable', reason: 'member drives' }, { task: 'pcp_connection', status: 'pending' }],
  }],
  notices: [],
};

const demographics: MemberDemographics = { cin: '98765432A', givenName: 'Rosalind', familyName: 'Quintero-Vasquez', dateOfBirth: '1961-04-17', contact: { phone: '+1-213-555-0142', address: '1 Main St' } };

const of = <T extends FhirResource['resourceType']>(b: Bundle<FhirResource>, type: T) =>
  (b.entry ?? []).map((e) => e.resource!).filter((r) => r.resourceType === type) as Extract<FhirResource, { resourceType: T }>[];

describe('FHIR R4 export: mapping', () => {
  it('validates against the official FHIR R4 JSON schema, with and without the Patient', () => {
    expect(fhirSchemaInfo().id).toBe('http://hl7.org/fhir/json-schema/4.0');
    expect(fhirSchemaInfo().resourceTypes).not.toContain('Bot'); // the unmodified schema, no vendor resources
    expect(fhirSchemaErrors(memberBundle(record, '2030-12-01T00:00:00.000Z'))).toEqual([]);
    expect(fhirSchemaErrors(memberBundle(record, '2030-12-01T00:00:00.000Z', demographics))).toEqual([]);
    // The validator does refuse what is not FHIR: a Task with a status R4 does not have.
    const broken = memberBundle(record, '2030-12-01T00:00:00.000Z');
    (of(broken, 'Task')[0] as { status: string }).status = 'overdue';
    expect(fhirSchemaErrors(broken)).not.toEqual([]);
  });

  it('is a collection whose resources name the member only as Patient/<member id>, with no PHI without ?include=patient', () => {
    const bundle = memberBundle(record, '2030-12-01T00:00:00.000Z');
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '2030-12-01T00:00:00.000Z' });
    expect(of(bundle, 'Patient')).toEqual([]);
    const text = JSON.stringify(bundle);
    for (const phi of [demographics.cin, demographics.givenName, demographics.familyName, demographics.dateOfBirth, demographics.contact.phone!]) expect(text).not.toContain(phi);
    expect(text).toContain(`"Patient/mbr-0123456789abcdef0123456789abcdef"`);
    const ids = bundle.entry!.map((e) => `${e.resource!.resourceType}/${e.resource!.id}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('includes the Patient, with the CIN as a Medicaid identifier, only when given the demographics', () => {
    const [patient] = of(memberBundle(record, '2030-12-01T00:00:00.000Z', demographics), 'Patient');
    expect(patient).toMatchObject({ id: 'mbr-0123456789abcdef0123456789abcdef', birthDate: '1961-04-17', name: [{ family: 'Quintero-Vasquez', given: ['Rosalind'] }] });
    expect(patient!.identifier).toContainEqual(expect.objectContaining({ system: cs.MEDI_CAL_CIN, value: '98765432A' }));
    expect(patient!.identifier).toContainEqual({ system: cs.MEMBER_ID, value: MEMBER });
  });

  it('the ECM EpisodeOfCare: status from the stage, the authorization periods in order, HCPCS and the Populations of Focus named', () => {
    const bundle = memberBundle(record, '2030-12-01T00:00:00.000Z');
    const ecm = of(bundle, 'EpisodeOfCare').find((e) => e.id === 'ecm-enrollment')!;
    expect(ecm.status).toBe('active');
    expect(ecm.period).toEqual({ start: '2030-11-01', end: '2032-04-30' });
    expect(ecm.extension!.map((x) => x.extension!.find((p) => p.url === 'number')!.valuePositiveInt)).toEqual([1, 2]);
    const codings = ecm.type!.flatMap((t) => t.coding ?? []);
    expect(codings).toContainEqual(expect.objectContaining({ system: cs.HCPCS, code: 'G9008' }));
    expect(codings.filter((c) => c.system === cs.POPULATION_OF_FOCUS).map((c) => c.code)).toEqual(['1a', '2']);
    const stageStatus = (stage: string) => (of(memberBundle({ ...record, journey: { ...record.journey, stage } }, 'x'), 'EpisodeOfCare')[0] as EpisodeOfCare).status;
    expect(['OUTREACH', 'ENROLLED', 'DENIED', 'DISCONTINUED'].map(stageStatus)).toEqual(['planned', 'active', 'cancelled', 'finished']);
  });

  it('a Task per deadline: rule ID as code, status mapped from open/met/breached/cancelled, due instant as restriction.period.end', () => {
    const tasks = of(memberBundle(record, '2030-12-01T00:00:00.000Z'), 'Task');
    const byKey = (key: string) => tasks.find((t) => t.identifier?.[0]?.value === key) as Task;
    expect(byKey('R-AUTH-ROUTINE')).toMatchObject({ status: 'completed', code: { coding: [{ system: cs.ECM_RULE, code: 'R-AUTH-ROUTINE' }] }, restriction: { period: { end: '2030-11-08T07:59:59.999Z' } }, executionPeriod: { end: '2030-11-02T16:00:00.000Z' } });
    expect([byKey('R-OUTREACH-30D').status, byKey('R-ASSIGN#2').status, byKey('R-REASSESS').status]).toEqual(['requested', 'failed', 'cancelled']);
    expect(byKey('R-ASSIGN#2').id).toBe('deadline-R-ASSIGN-2');
    // A transitional-care deadline is about its episode, not the enrollment.
    expect(byKey(`${EPISODE}/R-TCS-24H`).focus).toEqual({ reference: `EpisodeOfCare/tcs-${EPISODE}` });
    expect(byKey('R-OUTREACH-30D').focus).toEqual({ reference: 'EpisodeOfCare/ecm-enrollment' });
  });

  it('R-TCS-TASKS: the episode, its Encounter and its tasks (done, not applicable with the reason, pending)', () => {
    const bundle = memberBundle(record, '2030-12-01T00:00:00.000Z');
    expect(of(bundle, 'EpisodeOfCare').find((e) => e.id === `tcs-${EPISODE}`)).toMatchObject({ status: 'active', period: { start: '2030-11-20T16:00:00.000Z' } });
    expect(of(bundle, 'Encounter')).toEqual([expect.objectContaining({ status: 'finished', class: { system: cs.V3_ACT_CODE, code: 'IMP', display: 'inpatient encounter' }, period: { start: '2030-11-20T15:45:00.000Z', end: '2030-11-23T18:00:00.000Z' } })]);
    const tcs = of(bundle, 'Task').filter((t) => t.code?.coding?.[0]?.system === cs.TCS_TASK);
    expect(tcs.map((t) => [t.code!.coding![0]!.code, t.status, t.statusReason?.text])).toEqual([
      ['facility_and_member_contacted', 'completed', undefined],
      ['transportation', 'cancelled', 'member drives'],
      ['pcp_connection', 'requested', undefined],
    ]);
  });

  it('R-CAREPLAN-14D: the current CarePlan references its Goals, each with measure and target date', () => {
    const bundle = memberBundle(record, '2030-12-01T00:00:00.000Z');
    const [plan] = of(bundle, 'CarePlan');
    expect(plan).toMatchObject({ status: 'active', intent: 'plan', created: '2030-11-10T16:00:00.000Z', goal: [{ reference: 'Goal/goal-2-2' }, { reference: 'Goal/goal-2-1' }] });
    expect(of(bundle, 'Goal').map((g) => [g.id, g.description.text, g.target![0]!.dueDate])).toEqual([['goal-2-1', 'Stable housing', '2031-05-01'], ['goal-2-2', 'Diabetes control', '2031-02-01']]);
  });

  it('R-OPT-IN, R-DENIAL-NOA: an opt-in later withdrawn is an inactive permit, the opt-out a deny; a failed notice is a not-done Communication', () => {
    const bundle = memberBundle({
      ...record, journey: { ...record.journey, stage: 'DISCONTINUED', ended: true },
      consents: [...record.consents, { kind: 'opt_out', at: '2030-11-25T16:00:00.000Z' }],
      notices: [{ noticeId: 'noa_0123456789abcdef0123456789abcdef', type: 'discontinuation', reason: 'member opted out', decidedAt: '2030-11-25T16:00:00.000Z', recipients: ['member'], deliveryStatus: 'failed', deliveryError: 'transport_refused' }],
    }, '2030-12-01T00:00:00.000Z');
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(of(bundle, 'Consent').map((c: Consent) => [c.status, c.provision!.type, c.provision!.period])).toEqual([
      ['inactive', 'permit', { start: '2030-11-05T16:00:00.000Z', end: '2030-11-25T16:00:00.000Z' }],
      ['active', 'deny', { start: '2030-11-25T16:00:00.000Z' }],
    ]);
    const [notice] = of(bundle, 'Communication');
    expect(notice).toMatchObject({ status: 'not-done', topic: { coding: [{ system: cs.NOTICE_TYPE, code: 'discontinuation' }] }, identifier: [{ value: 'noa_0123456789abcdef0123456789abcdef' }] });
  });
});
