/**
 * GET /v1/members/:memberId/fhir over real HTTP, on journeys driven through the API with a real
 * Temporal test server and PostgreSQL: each Bundle validates against the official FHIR R4 JSON
 * schema; the member's plan and provider get it, another provider 404 and ops 403; the Patient
 * (PHI) only on ?include=patient, that read audited apart.
 */
import { randomUUID } from 'node:crypto';
import type { Bundle, FhirResource } from 'fhir/r4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATIENT_READ_ACTION } from '../../api/routes/fhir/get-member-fhir';
import * as cs from '../../src/core/fhir/code-systems';
import { fhirSchemaErrors } from '../support/fhir-schema';
import { active } from '../support/journey-driver';
import { eventually, iso, referAt, stateOf } from '../support/journey-test';
import { referralBody, uniqueCin } from '../support/referrals';
import { bearer, caller, createTestDatabase, startTestSystem, type TestDatabase, type TestSystem } from '../support/test-system';

const PLAN = caller('plan', 'LA-CARE');
const PROVIDER = caller('provider', 'PROV-ACME');

const resources = (b: Bundle<FhirResource>) => (b.entry ?? []).map((e) => e.resource!);
const ofType = <T extends FhirResource['resourceType']>(b: Bundle<FhirResource>, type: T) =>
  resources(b).filter((r) => r.resourceType === type) as Extract<FhirResource, { resourceType: T }>[];

describe('FHIR R4 export over the API', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  let cin: string;
  let memberId: string;
  beforeAll(async () => {
    // Compile the schema before any request: compiling blocks the event loop for seconds, long
    // enough for the server to close an idle keep-alive socket the client would then reuse.
    fhirSchemaErrors({ resourceType: 'Bundle', type: 'collection' });
    db = await createTestDatabase();
    sys = await startTestSystem(db);
    // ACTIVE with a care plan, opted in, then admitted to hospital (an ADT A01 opens an episode).
    cin = uniqueCin();
    const at = iso(await sys.now());
    memberId = await active(sys, at, 'LCM-FHIR-1', { member: { ...(referralBody(at).member as object), cin } });
    const res = await sys.request('POST', '/v1/adt', { events: [{ messageId: `M-${cin}`, eventType: 'A01', plan: 'LA-CARE', member: { cin }, facility: { id: 'HOSP-1' }, visitId: `VN-${cin}`, patientClass: 'I', admitAt: at }] }, await bearer(PLAN));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await eventually(async () => expect((await stateOf(sys, memberId)).transitions?.[0]?.tasks?.length).toBeGreaterThan(0));
  });
  afterAll(async () => {
    await sys?.close();
    await db?.close();
  });

  async function exportOf(id: string, who = PLAN, query = '', requestId = `fhir-${randomUUID()}`) {
    return sys.request('GET', `/v1/members/${id}/fhir${query}`, undefined, { ...(await bearer(who)), 'x-request-id': requestId });
  }

  async function auditActions(requestId: string): Promise<string[]> {
    const { rows } = await db.pool.query<{ action: string }>('SELECT action FROM audit_events WHERE client_request_id = $1 ORDER BY id', [requestId]);
    return rows.map((r) => r.action);
  }

  it('an ACTIVE member admitted to hospital: a valid collection with the enrollment, care plan, goals, deadlines, the episode, its encounter and tasks, and the consent', async () => {
    // The care record hears of the admission through the episode's own activity: wait for it.
    const bundle = await eventually(async () => {
      const res = await exportOf(memberId);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(ofType(res.body as Bundle<FhirResource>, 'Encounter')).toHaveLength(1);
      expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
      return res.body as Bundle<FhirResource>;
    }, 30_000);
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const episodes = ofType(bundle, 'EpisodeOfCare');
    const ecm = episodes.find((e) => e.id === 'ecm-enrollment')!;
    expect(ecm).toMatchObject({ status: 'active', patient: { reference: `Patient/${memberId.replace('_', '-')}` }, managingOrganization: { identifier: { value: 'PROV-ACME' } } });
    expect(ecm.period?.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ecm.extension?.length).toBeGreaterThan(0);
    expect(ecm.type!.flatMap((t) => t.coding ?? []).filter((c) => c.system === cs.POPULATION_OF_FOCUS).map((c) => c.code)).toEqual(['1a', '2']);
    expect(episodes.filter((e) => e.type?.[0]?.coding?.[0]?.code === 'transitional-care')).toHaveLength(1);
    expect(ofType(bundle, 'Encounter')[0]).toMatchObject({ status: 'in-progress', class: { code: 'IMP' } });
    expect(ofType(bundle, 'CarePlan')).toEqual([expect.objectContaining({ status: 'active', goal: [expect.anything(), expect.anything()] })]);
    expect(ofType(bundle, 'Goal').map((g) => g.description.text)).toEqual(['Stable housing', 'Diabetes control']);
    expect(ofType(bundle, 'Consent')).toEqual([expect.objectContaining({ status: 'active', provision: expect.objectContaining({ type: 'permit' }) })]);
    const tasks = ofType(bundle, 'Task');
    const rules = tasks.map((t) => t.code?.coding?.[0]).filter((c) => c?.system === cs.ECM_RULE).map((c) => c!.code);
    expect(rules).toEqual(expect.arrayContaining(['R-AUTH-ROUTINE', 'R-CAREPLAN-14D', 'R-TCS-24H']));
    expect(tasks.find((t) => t.code?.coding?.[0]?.code === 'R-AUTH-ROUTINE')).toMatchObject({ status: 'completed', restriction: { period: { end: expect.any(String) } } });
    expect(tasks.find((t) => t.code?.coding?.[0]?.code === 'R-TCS-24H')).toMatchObject({ status: 'requested', focus: { reference: expect.stringMatching(/^EpisodeOfCare\/tcs-/) } });
    expect(tasks.filter((t) => t.code?.coding?.[0]?.system === cs.TCS_TASK).length).toBeGreaterThan(0);
    expect(ofType(bundle, 'Communication')).toEqual([]);
    // No PHI without ?include=patient.
    expect(ofType(bundle, 'Patient')).toEqual([]);
    const text = JSON.stringify(bundle);
    for (const phi of [cin, 'Rosalind', 'Quintero-Vasquez', '1961-04-17', '555-0142']) expect(text).not.toContain(phi);
  });

  it('the member’s plan and provider get it, audited; another provider 404 as for no member; ops 403', async () => {
    for (const who of [PLAN, PROVIDER]) {
      const requestId = `fhir-${randomUUID()}`;
      const res = await exportOf(memberId, who, '', requestId);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(fhirSchemaErrors(res.body)).toEqual([]);
      expect(await auditActions(requestId)).toEqual(['exportMemberFhir']);
    }
    const other = await exportOf(memberId, caller('provider', 'PROV-OTHER'));
    const missing = await exportOf(`mbr_${'0'.repeat(32)}`, caller('provider', 'PROV-OTHER'));
    expect([other.status, other.body.code]).toEqual([404, 'member_not_found']);
    expect([missing.status, missing.body.code, missing.body.title]).toEqual([404, other.body.code, other.body.title]);
    expect((await exportOf(memberId, caller('plan', 'OTHER-PLAN'))).status).toBe(404);
    const ops = await exportOf(memberId, caller('ops', 'ECM-OPS'));
    expect([ops.status, ops.body.code]).toEqual([403, 'role_not_allowed']);
  });

  it('?include=patient adds the Patient (CIN, name, birth date) for the plan and the provider, and that PHI read is audited', async () => {
    for (const who of [PLAN, PROVIDER]) {
      const requestId = `fhir-${randomUUID()}`;
      const res = await exportOf(memberId, who, '?include=patient', requestId);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(fhirSchemaErrors(res.body)).toEqual([]);
      const [patient] = ofType(res.body as Bundle<FhirResource>, 'Patient');
      expect(patient).toMatchObject({ id: memberId.replace('_', '-'), birthDate: '1961-04-17', name: [{ family: 'Quintero-Vasquez', given: ['Rosalind'] }] });
      expect(patient!.identifier).toContainEqual(expect.objectContaining({ system: cs.MEDI_CAL_CIN, value: cin }));
      const { rows } = await db.pool.query('SELECT action, outcome, member_id, actor_org FROM audit_events WHERE client_request_id = $1 ORDER BY id', [requestId]);
      expect(rows).toEqual([
        { action: 'exportMemberFhir', outcome: 'allowed', member_id: memberId, actor_org: who.organisation },
        { action: PATIENT_READ_ACTION, outcome: 'allowed', member_id: memberId, actor_org: who.organisation },
      ]);
    }
  });

  it('refuses an unknown query parameter or include value (400) and audits no Patient read', async () => {
    for (const query of ['?include=everything', '?format=xml', '?include=patient&include=patient']) {
      const requestId = `fhir-${randomUUID()}`;
      const res = await exportOf(memberId, PLAN, query, requestId);
      expect([res.status, res.body.code], query).toEqual([400, 'invalid_body']);
      expect(await auditActions(requestId)).not.toContain(PATIENT_READ_ACTION);
    }
  });

  it('R-DENIAL-NOA: a denied journey’s Notice of Action is a Communication; the enrollment episode is cancelled', async () => {
    const at = iso(await sys.now());
    const denied = await referAt(sys, at);
    const res = await sys.request('POST', `/v1/members/${denied}/authorization`, { decision: 'denied', decidedAt: at, reason: 'does not meet any Population of Focus' }, await bearer(PLAN));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const bundle = await eventually(async () => {
      const r = await exportOf(denied);
      expect(r.status).toBe(200);
      expect(ofType(r.body as Bundle<FhirResource>, 'Communication')).toHaveLength(1);
      return r.body as Bundle<FhirResource>;
    }, 30_000);
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(ofType(bundle, 'Communication')[0]).toMatchObject({
      category: [{ coding: [{ system: cs.ECM_CATEGORY, code: 'notice-of-action' }] }],
      topic: { coding: [{ system: cs.NOTICE_TYPE, code: 'denial' }] },
      reasonCode: [{ text: 'does not meet any Population of Focus' }],
      identifier: [{ system: cs.NOTICE_ID, value: expect.stringMatching(/^noa_/) }],
    });
    await eventually(async () => expect(ofType((await exportOf(denied)).body as Bundle<FhirResource>, 'EpisodeOfCare')[0]!.status).toBe('cancelled'));
  });
});
