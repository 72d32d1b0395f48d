/**
 * Every route of the route table under every role — the member's own plan and provider, another
 * plan and provider, ops — and without a token. Each answer is the one issue 5 demands: the
 * route's success for the owner, 401 without a token, 403 for a role the route does not serve or
 * a plan acting for another plan, 404 for a member that is not the caller's (exactly as for a
 * member that does not exist). Denials are in audit_events and change nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteSpec } from '../../api/route-table';
import type { Principal } from '../../src/infra/auth/principal';
import { active, carePlan, enrolled, inOutreach, ok } from '../support/journey-driver';
import { assignedJourney, eventually, iso, referAt, stateOf } from '../support/journey-test';
import { referralBody, uniqueCin } from '../support/referrals';
import { bearer, caller, createTestDatabase, startTestSystem, type TestDatabase, type TestSystem } from '../support/test-system';
import { PEOPLE_AT_WORK_FIXTURES, peopleAtWorkStates } from './access-matrix-people-at-work';
import { REPORT_FIXTURES } from './access-matrix-reports';
import { CLAIMS_FIXTURES, claimsStates } from './access-matrix-claims';
import { IMPORT_FIXTURES, importStates } from './access-matrix-imports';

const PLAN = caller('plan', 'LA-CARE');
const PROVIDER = caller('provider', 'PROV-ACME');
const CALLERS = {
  'own plan': PLAN,
  'other plan': caller('plan', 'OTHER-PLAN'),
  'own provider': PROVIDER,
  'other provider': caller('provider', 'PROV-OTHER'),
  ops: caller('ops', 'ECM-OPS'),
  'no token': undefined,
} as const satisfies Record<string, Principal | undefined>;
type CallerName = keyof typeof CALLERS;

/** What a route's test needs: a member in the right state, and anything the request names. */
interface Target {
  readonly memberId?: string;
  readonly cin?: string;
  readonly visitId?: string;
  /** The own plan's webhook subscription, and a failed delivery of it (issue 14). */
  readonly webhookId?: string;
  readonly deliveryId?: string;
  /** The service month of a claims route (issue 13). */
  readonly month?: string;
  readonly claimId?: string;
  /** An import of the own plan (issue 12). */
  readonly importId?: string;
}

/** A request: JSON body, or HL7 text for the HL7 route. */
interface Call {
  readonly path: string;
  readonly body?: Record<string, unknown>;
  readonly hl7?: string;
  /** An uploaded file (issue 12's MIF and members imports). */
  readonly file?: { readonly type: string; readonly text: string };
}

let lcm = 0;
const nextLcm = () => `LCM-MATRIX-${++lcm}`;
const nowIso = async (sys: TestSystem) => iso(await sys.now());
const facts = { dateOfBirth: '1980-03-02', enrolledInMediCalManagedCare: true, shareOfCost: 'none', housing: { homeless: true }, complexNeedUnableToSelfManage: true, programs: [] };

function a01(cin: string, controlId: string): string {
  return [
    `MSH|^~\\&|EPIC|GOODSAM|ECMHUB|LACARE|20301117080500-0800||ADT^A01^ADT_A01|${controlId}|P|2.5.1`,
    'EVN|A01|20301117080000-0800',
    `PID|1||E7654321^^^GSMC^MR~${cin}^^^MEDI-CAL^MA||DOE^JANE||19610417|F`,
    'PV1|1|I|4W^412^A^GOODSAM||||||||||||||||VN-HL7|||||||||||||||||||||||||20301117074500-0800',
  ].join('\r');
}

/** Member states each route starts from. */
const prepare = {
  none: (): Promise<Target> => Promise.resolve({}),
  referred: async (sys: TestSystem): Promise<Target> => ({ memberId: await referAt(sys, await nowIso(sys)) }),
  authorized: async (sys: TestSystem): Promise<Target> => {
    const at = await nowIso(sys);
    const memberId = await referAt(sys, at);
    await ok(sys, memberId, '/authorization', at, { decision: 'approved', decidedAt: at });
    return { memberId };
  },
  assigned: async (sys: TestSystem): Promise<Target> => {
    const at = await nowIso(sys);
    return { memberId: await assignedJourney(sys, at, at, PROVIDER.organisation) };
  },
  accepted: async (sys: TestSystem): Promise<Target> => {
    const at = await nowIso(sys);
    const memberId = await assignedJourney(sys, at, at, PROVIDER.organisation);
    await ok(sys, memberId, '/assignment/response', at, { response: 'accepted', at });
    return { memberId };
  },
  outreach: async (sys: TestSystem): Promise<Target> => ({ memberId: await inOutreach(sys, await nowIso(sys), nextLcm()) }),
  enrolled: async (sys: TestSystem): Promise<Target> => {
    const at = await nowIso(sys);
    return { memberId: await enrolled(sys, at, at, nextLcm()) };
  },
  assessing: async (sys: TestSystem): Promise<Target> => {
    const at = await nowIso(sys);
    const memberId = await enrolled(sys, at, at, nextLcm());
    await ok(sys, memberId, '/assessment', at, { action: 'start', at });
    return { memberId };
  },
  active: async (sys: TestSystem): Promise<Target> => ({ memberId: await active(sys, await nowIso(sys), nextLcm()) }),
  /** ACTIVE, with the clock moved to the day the PCQ window opens (R-PCQ-WINDOW). */
  pcqWindow: async (sys: TestSystem): Promise<Target> => {
    const memberId = await active(sys, await nowIso(sys), nextLcm());
    const opens = (await stateOf(sys, memberId)).milestones.find((m: { kind: string }) => m.kind === 'pcq-window-opens');
    await sys.skipTo(Date.parse(opens.at) + 3_600_000);
    await eventually(async () => expect((await stateOf(sys, memberId)).milestones.find((m: { kind: string }) => m.kind === 'pcq-window-opens').status).toBe('reached'));
    return { memberId };
  },
  reauthReview: async (sys: TestSystem): Promise<Target> => {
    const target = await prepare.pcqWindow(sys);
    const at = await nowIso(sys);
    await ok(sys, target.memberId!, '/pcq', at, { submittedAt: at, recommendation: 'continue' });
    return target;
  },
  /** Opted out after enrolment: DISCONTINUED, with a Notice of Action (R-DENIAL-NOA), the provider still the member's. */
  optedOut: async (sys: TestSystem): Promise<Target> => {
    const at = await nowIso(sys);
    const memberId = await enrolled(sys, at, at, nextLcm());
    await ok(sys, memberId, '/opt-out', at, { at });
    return { memberId };
  },
  choosing: async (sys: TestSystem): Promise<Target> => {
    const memberId = await active(sys, await nowIso(sys), nextLcm());
    const at = await nowIso(sys);
    await ok(sys, memberId, '/program-findings', at, { programs: ['MSSP'], at });
    return { memberId };
  },
  inHospital: async (sys: TestSystem): Promise<Target> => {
    const cin = uniqueCin();
    const at = await nowIso(sys);
    const memberId = await inOutreach(sys, at, nextLcm(), { member: { ...(referralBody(at).member as object), cin } });
    const visitId = `VN-${cin}`;
    const res = await sys.request('POST', '/v1/adt', { events: [{ messageId: `M-${cin}`, eventType: 'A01', plan: 'LA-CARE', member: { cin }, facility: { id: 'HOSP-1' }, visitId, patientClass: 'I', admitAt: at }] }, await bearer(PLAN));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await eventually(async () => expect((await stateOf(sys, memberId)).transitions?.[0]?.tasks?.length).toBeGreaterThan(0));
    return { memberId, cin, visitId };
  },
  referredOut: async (sys: TestSystem): Promise<Target> => {
    const memberId = await active(sys, await nowIso(sys), nextLcm());
    const at = await nowIso(sys);
    await ok(sys, memberId, '/community-referrals', at, { referredTo: 'Housing Navigators', serviceType: 'housing', at });
    return { memberId };
  },
  ...peopleAtWorkStates(PLAN, PROVIDER),
  ...claimsStates,
  ...importStates(PLAN, PROVIDER),
} as const;

/** How to call each operation successfully, from the state it needs. */
const FIXTURES: Record<string, { readonly from: keyof typeof prepare; readonly call: (t: Target, at: string) => Call }> = {
  createReferral: { from: 'none', call: (_t, at) => ({ path: '/v1/referrals', body: referralBody(at) }) },
  evaluateEligibility: { from: 'none', call: () => ({ path: '/v1/eligibility/evaluate', body: { facts } }) },
  receiveAdtEvents: {
    from: 'none',
    call: (_t, at) => ({ path: '/v1/adt', body: { events: [{ messageId: `M-${randomUUID()}`, eventType: 'A01', plan: 'LA-CARE', member: { cin: uniqueCin() }, facility: { id: 'HOSP-1' }, visitId: 'VN-1', patientClass: 'I', admitAt: at }] } }),
  },
  receiveAdtHl7: { from: 'none', call: () => ({ path: '/v1/adt/hl7?plan=LA-CARE', hl7: a01(uniqueCin(), `C${Date.now() % 1e9}${lcm++}`) }) },
  listUnmatchedAdt: { from: 'none', call: () => ({ path: '/v1/adt/unmatched?plan=LA-CARE' }) },
  listMembers: { from: 'assigned', call: () => ({ path: '/v1/members?limit=200' }) },
  listNotices: { from: 'optedOut', call: () => ({ path: '/v1/notices?limit=200' }) },
  getMember: { from: 'assigned', call: (t) => ({ path: `/v1/members/${t.memberId}` }) },
  completeTransitionTask: {
    from: 'inHospital',
    call: (t, at) => ({ path: `/v1/members/${t.memberId}/transitions/${t.visitId}/tasks/facility_and_member_contacted`, body: { outcome: 'done', at, by: 'LCM-1' } }),
  },
  decideAuthorization: { from: 'referred', call: (_t, at) => ({ path: 'authorization', body: { decision: 'approved', decidedAt: at } }) },
  assignProvider: { from: 'authorized', call: (_t, at) => ({ path: 'assignment', body: { providerId: PROVIDER.organisation, assignedAt: at } }) },
  respondToAssignment: { from: 'assigned', call: (_t, at) => ({ path: 'assignment/response', body: { response: 'accepted', at } }) },
  nameLeadCareManager: { from: 'accepted', call: (_t, at) => ({ path: 'lead-care-manager', body: { careManagerId: nextLcm(), at } }) },
  logOutreachAttempt: { from: 'outreach', call: (_t, at) => ({ path: 'outreach-attempts', body: { at, method: 'phone', result: 'no_answer', minutes: 5 } }) },
  closeOutreach: { from: 'outreach', call: (_t, at) => ({ path: 'outreach/close', body: { outcome: 'declined', at } }) },
  enrollMember: { from: 'outreach', call: (_t, at) => ({ path: 'enrollment', body: { consent: 'verbal', recordedBy: 'LCM-1', at } }) },
  optOut: { from: 'enrolled', call: (_t, at) => ({ path: 'opt-out', body: { at } }) },
  recordAssessment: { from: 'enrolled', call: (_t, at) => ({ path: 'assessment', body: { action: 'start', at } }) },
  delayAssessment: {
    from: 'assessing',
    call: (_t, at) => ({ path: 'assessment/delay', body: { requestedAt: at, reason: 'member in hospital', agreedDate: iso(Date.parse(at) + 20 * 86_400_000).slice(0, 10) } }),
  },
  recordCarePlan: { from: 'assessing', call: (_t, at) => ({ path: 'care-plan', body: carePlan(at) }) },
  submitPcq: { from: 'pcqWindow', call: (_t, at) => ({ path: 'pcq', body: { submittedAt: at, recommendation: 'continue' } }) },
  decideReauthorization: { from: 'reauthReview', call: (_t, at) => ({ path: 'reauthorization', body: { decision: 'reauthorize', decidedAt: at } }) },
  recordCaseConference: { from: 'active', call: (_t, at) => ({ path: 'case-conference', body: { at, participants: ['LCM-1', 'PCP-1'] } }) },
  discontinue: { from: 'active', call: (_t, at) => ({ path: 'discontinuation', body: { reason: 'member_no_longer_wishes', at } }) },
  requestProviderChange: { from: 'active', call: (_t, at) => ({ path: 'provider-change', body: { requestedAt: at } }) },
  recordPcpChange: { from: 'active', call: (_t, at) => ({ path: 'pcp-change', body: { pcpId: 'PCP-9', at } }) },
  recordProgramFindings: { from: 'active', call: (_t, at) => ({ path: 'program-findings', body: { programs: ['IHSS'], at } }) },
  confirmEligibility: { from: 'outreach', call: (_t, at) => ({ path: 'eligibility-confirmation', body: { facts, at } }) },
  chooseProgram: { from: 'choosing', call: (_t, at) => ({ path: 'program-choice', body: { choice: 'ecm', at } }) },
  recordService: { from: 'active', call: (_t, at) => ({ path: 'services', body: { at, minutes: 30, service: 'care_coordination', inPerson: true, providedBy: 'LCM-1' } }) },
  recordBehavioralHealthProvider: { from: 'authorized', call: (_t, at) => ({ path: 'behavioral-health-provider', body: { providerId: 'PROV-COUNTY-BH', contractedEcmProvider: false, at } }) },
  exportMemberFhir: { from: 'active', call: (t) => ({ path: `/v1/members/${t.memberId}/fhir` }) },
  ...PEOPLE_AT_WORK_FIXTURES,
  ...REPORT_FIXTURES,
  ...CLAIMS_FIXTURES,
  recordCommunityReferral: { from: 'active', call: (_t, at) => ({ path: 'community-referrals', body: { referredTo: 'Food Bank', serviceType: 'food', at } }) },
  updateCommunityReferralStatus: { from: 'referredOut', call: (_t, at) => ({ path: 'community-referrals/clr-1/status', body: { status: 'accepted', at } }) },
  ...IMPORT_FIXTURES,
};

/** The answer issue 5 demands of a caller on a route. */
function expectedOf(spec: RouteSpec, who: CallerName): number | 'own scope' {
  const principal = CALLERS[who];
  if (!principal) return 401;
  if (!spec.access.roles.includes(principal.role)) return 403;
  // A webhook subscription is one organisation's (the own plan's here): anyone else finds none.
  if (spec.path.includes(':webhookId')) return principal === PLAN ? spec.success : 404;
  // An import is its plan's (ops may read any): another plan finds none.
  if (spec.path.includes(':importId')) return principal === PLAN || principal.role === 'ops' ? spec.success : 404;
  const foreign = (principal.role === 'plan' && principal !== PLAN) || (principal.role === 'provider' && principal !== PROVIDER);
  if (!foreign) return spec.success;
  if (spec.path.includes(':memberId')) return 404;
  // Another provider's monthly file looks like none; a plan sees only providers that served its members.
  if (spec.path.startsWith('/v1/reports/') || spec.path.startsWith('/v1/claims')) return 404;
  // Only a plan is refused for naming another plan; a provider's search is limited to its own members instead.
  if (spec.access.plansNamed && principal.role === 'plan') return 403;
  return spec.access.auditsReadsItself ? 'own scope' : spec.success;
}

/**
 * A replayed webhook delivery leaves the time-skipping server's clock free to run ahead of the
 * later tests' own skips (the test server's doing, seen even with the replay's workflow
 * terminated), so its route is checked on a system of its own.
 */
const ISOLATED: readonly string[] = ['replayWebhookDelivery'];

matrixOf('access: every route × every role', (spec) => !ISOLATED.includes(spec.operationId), true);
matrixOf('access: a replayed webhook delivery, on a system of its own', (spec) => ISOLATED.includes(spec.operationId), false);

function matrixOf(title: string, covers: (spec: RouteSpec) => boolean, checksCoverage: boolean): void {
describe(title, () => {
  let db: TestDatabase;
  let sys: TestSystem;
  beforeAll(async () => {
    db = await createTestDatabase();
    // Webhook deliveries the matrix starts go to a queue no worker polls: nothing is sent from a test of access.
    sys = await startTestSystem(db, { webhooks: { taskQueue: 'ecm-matrix-webhooks-unpolled' } });
  });
  afterAll(async () => {
    await sys?.close();
    await db?.close();
  });

  async function send(spec: RouteSpec, principal: Principal | undefined, call: Call, requestId: string) {
    const path = call.path;
    const headers = { 'x-request-id': requestId, ...(principal ? await bearer(principal) : { authorization: '' }) };
    if (call.file !== undefined) {
      const res = await fetch(`${sys.baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'content-type': call.file.type }, body: call.file.text });
      return { status: res.status, body: await res.json() };
    }
    if (call.hl7 !== undefined) {
      const res = await fetch(`${sys.baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'x-application/hl7-v2+er7' }, body: call.hl7 });
      return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text() };
    }
    return sys.request(spec.method.toUpperCase() as 'GET' | 'POST' | 'DELETE', path, call.body, headers);
  }

  async function auditOf(requestId: string) {
    const { rows } = await db.pool.query('SELECT actor_id, actor_role, actor_org, member_id, action, outcome, reason FROM audit_events WHERE client_request_id = $1', [requestId]);
    return rows;
  }

  async function eventCount(memberId: string): Promise<number> {
    const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM journey_events WHERE member_id = $1', [memberId]);
    return Number(rows[0]!.n);
  }

  async function openingRecorded(memberId: string): Promise<boolean> {
    const { rows } = await db.pool.query(`SELECT 1 FROM journey_events WHERE member_id = $1 AND kind = 'referral-received'`, [memberId]);
    return rows.length > 0;
  }

  if (checksCoverage) it('the matrix covers every route of the route table', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(ROUTES.map((r) => r.operationId).sort());
  });

  for (const spec of (ROUTES as readonly RouteSpec[]).filter(covers)) {
    it(`${spec.method.toUpperCase()} ${spec.path} (${spec.operationId}) answers each caller as its access says`, async () => {
      const fixture = FIXTURES[spec.operationId]!;
      const withMember = (t: Target, c: Call): Call => (c.path.startsWith('/') ? c : { ...c, path: `/v1/members/${t.memberId}/${c.path}` });
      const names = Object.keys(CALLERS) as CallerName[];
      // Refusals first, all on one target: none of them may change it.
      const shared = await prepare[fixture.from](sys);
      // The journey records its opening clocks on its own, shortly after the referral: wait for that write.
      if (shared.memberId) await expect.poll(() => openingRecorded(shared.memberId!), { timeout: 10_000 }).toBe(true);
      const before = shared.memberId ? await eventCount(shared.memberId) : 0;
      for (const who of names.filter((n) => typeof expectedOf(spec, n) === 'number' && [401, 403, 404].includes(expectedOf(spec, n) as number))) {
        const expected = expectedOf(spec, who) as number;
        const requestId = `matrix-${randomUUID()}`;
        const res = await send(spec, CALLERS[who], withMember(shared, fixture.call(shared, await nowIso(sys))), requestId);
        expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(expected);
        const audit = await auditOf(requestId);
        if (expected === 401) {
          expect(res.body.code).toBe('unauthorized');
          expect(audit).toEqual([]);
        } else {
          // Cross-organisation and wrong-role access is denied and audited, with who tried.
          expect(audit).toHaveLength(1);
          expect(audit[0]).toMatchObject({ action: spec.operationId, outcome: 'denied', actor_role: CALLERS[who]!.role, actor_org: CALLERS[who]!.organisation });
          if (expected === 404) {
            // Not yours looks exactly like not there.
            expect(res.body.code).toBe(spec.path.includes(':webhookId') ? 'webhook_not_found' : spec.path.startsWith('/v1/reports/') || spec.path.startsWith('/v1/claims') || spec.path.includes(':importId') ? 'not_found' : 'member_not_found');
            const missing = await send(spec, CALLERS[who], withMember({ memberId: `mbr_${'0'.repeat(32)}` }, fixture.call({ memberId: `mbr_${'0'.repeat(32)}` }, await nowIso(sys))), `matrix-${randomUUID()}`);
            expect([missing.status, missing.body.code, missing.body.title]).toEqual([404, res.body.code, res.body.title]);
          }
        }
      }
      if (shared.memberId) expect(await eventCount(shared.memberId)).toBe(before);

      // The allowed callers, each on a target of its own (the action changes it).
      let first = true;
      for (const who of names.filter((n) => expectedOf(spec, n) === spec.success || expectedOf(spec, n) === 'own scope')) {
        const target = first ? shared : await prepare[fixture.from](sys);
        first = false;
        const requestId = `matrix-${randomUUID()}`;
        const res = await send(spec, CALLERS[who], withMember(target, fixture.call(target, await nowIso(sys))), requestId);
        expect(res.status, `${who}: ${JSON.stringify(res.body)}`).toBe(spec.success);
        if (spec.access.auditsReadsItself && (res.body.members || res.body.notices)) {
          // A list of journeys' members (members, notices): the caller's own scope, and nothing of anyone else's.
          const listed = ((res.body.members ?? res.body.notices) as { memberId: string }[]).map((m) => m.memberId);
          if (expectedOf(spec, who) === 'own scope') expect(listed).not.toContain(target.memberId);
          else expect(listed).toContain(target.memberId);
        }
        const audit = await auditOf(requestId);
        if (!spec.access.auditsReadsItself || expectedOf(spec, who) !== 'own scope') {
          expect(audit.length, `${who} audited`).toBeGreaterThan(0);
          expect(audit.every((a) => a.outcome === 'allowed' && a.action === spec.operationId)).toBe(true);
        }
        if (target.memberId && spec.path.includes(':memberId')) expect(audit.map((a) => a.member_id)).toContain(target.memberId);
      }
    });
  }
});
}
