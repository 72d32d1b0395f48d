/**
 * Issue 16 §5: two API replicas and two workers on one task queue, on the real dev server and one
 * PostgreSQL, share the load and still keep every promise one replica keeps: R-CASELOAD-50 across
 * concurrent namings on both APIs, one effect for a referral or an Idempotency-Key delivered to both
 * at once, each webhook event delivered once, and one rate limit across both.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { caseloadOf, confirmLeadCareManager, reserveLeadCareManager } from '../../src/infra/caseload';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { caller, createTestDatabase, startTestSystem, type ApiAnswer, type TestDatabase, type TestSystem } from '../support/test-system';
import { referralBody } from '../support/referrals';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { requestAs, startSecondReplica, type SecondReplica } from './second-replica';

const PLAN = caller('plan', 'LA-CARE');
const PROVIDER = caller('provider', 'PROV-ACME');
const iso = (ms: number): string => new Date(ms).toISOString();
/** Real time on the dev server: generous, for a loaded 2-core machine. */
const eventually = <T>(probe: () => Promise<T>, timeout = 60_000): Promise<T> => vi.waitFor(probe, { timeout, interval: 200 });

/** A careful client: a 503 (the API's Temporal deadline passed on a loaded machine) is retried with the same request. */
async function retrying503(send: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
  let res = await send();
  for (let attempt = 1; attempt < 5 && res.status === 503; attempt++) res = await send();
  return res;
}

describe('two API replicas and two workers on one task queue', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  let second: SecondReplica;
  let apis: readonly [string, string];

  beforeAll(async () => {
    db = await createTestDatabase();
    sys = await startTestSystem(db, { server: 'dev' });
    second = await startSecondReplica(sys, db);
    apis = [sys.baseUrl, second.baseUrl];
  });
  afterAll(async () => {
    await second?.close();
    await sys?.close();
    await db?.close();
  });

  /** A referral taken in (by the first API) and, optionally, authorized and assigned to PROV-ACME (by the second). */
  async function assignedMember(): Promise<string> {
    const now = iso(Date.now());
    const referred = await retrying503(() => requestAs(apis[0], PLAN, 'POST', '/v1/referrals', referralBody(now)));
    expect(referred.status, JSON.stringify(referred.body)).toBe(202);
    const memberId = referred.body.memberId as string;
    expect((await retrying503(() => requestAs(apis[1], PLAN, 'POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: iso(Date.now()) }))).status).toBe(200);
    expect((await retrying503(() => requestAs(apis[0], PLAN, 'POST', `/v1/members/${memberId}/assignment`, { providerId: 'PROV-ACME', assignedAt: iso(Date.now()) }))).status).toBe(200);
    return memberId;
  }

  it('R-CASELOAD-50: concurrent namings of one Lead Care Manager through both APIs never take the caseload past 50', async () => {
    const lcm = `LCM-H-${Date.now()}`;
    const now = iso(Date.now());
    // 48 members already served: 2 slots left for the 4 namings below.
    for (let i = 0; i < 48; i++) {
      await reserveLeadCareManager(db.pool, { reservationKey: `seed:${lcm}:${i}`, memberId: `mbr_seed_${lcm}_${i}`, careManagerId: lcm, plan: 'LA-CARE', providerId: 'PROV-ACME', at: now });
      await confirmLeadCareManager(db.pool, { reservationKey: `seed:${lcm}:${i}` });
    }
    const members = [];
    for (let i = 0; i < 4; i++) members.push(await assignedMember());
    const answers = await Promise.all(
      members.map((memberId, i) => retrying503(() => requestAs(apis[i % 2]!, PROVIDER, 'POST', `/v1/members/${memberId}/lead-care-manager`, { careManagerId: lcm, at: iso(Date.now()) }))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 409, 409]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'caseload_full')).toBe(true);
    expect(await caseloadOf(db.pool, lcm)).toBe(50);
  });

  it('a referral delivered to both APIs at once starts one journey; an action under one Idempotency-Key sent to both takes effect once', async () => {
    const body = referralBody(iso(Date.now()));
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => retrying503(() => requestAs(apis[i % 2]!, PLAN, 'POST', '/v1/referrals', body))));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.body.memberId)).size).toBe(1);
    const memberId = answers[0]!.body.memberId as string;
    const runs = [];
    for await (const w of sys.client.workflow.list({ query: `WorkflowId = '${memberJourneyWorkflowId(memberId)}'` })) runs.push(w.runId);
    expect(runs).toHaveLength(1);
    await eventually(async () => {
      const counts = await db.pool.query(`SELECT (SELECT count(*) FROM members WHERE member_id = $1)::int AS members, (SELECT count(*) FROM referrals WHERE member_id = $1)::int AS referrals`, [memberId]);
      expect(counts.rows[0]).toEqual({ members: 1, referrals: 1 });
    });

    const decision = { decision: 'approved', decidedAt: iso(Date.now()) };
    const key = { 'Idempotency-Key': `h-auth-${memberId}` };
    const acted = await Promise.all(Array.from({ length: 4 }, (_, i) => retrying503(() => requestAs(apis[i % 2]!, PLAN, 'POST', `/v1/members/${memberId}/authorization`, decision, key))));
    expect(acted.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    await eventually(async () => {
      const record = await db.pool.query(
        `SELECT (SELECT count(*) FROM journey_events e JOIN referrals r USING (referral_key) WHERE r.member_id = $1 AND e.kind = 'authorization')::int AS authorizations`,
        [memberId],
      );
      expect(record.rows[0]).toEqual({ authorizations: 1 });
    });
  });

  it('each webhook event is delivered once to a real receiver, whichever worker ran it', async () => {
    const receiver: WebhookReceiver = await startWebhookReceiver();
    try {
      const subscribed = await requestAs(apis[0], PLAN, 'POST', '/v1/webhooks', { url: receiver.url, eventTypes: ['notice_of_action.issued'] });
      expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(200);
      // R-DENIAL-NOA: each denial issues one Notice of Action; denials alternate between the APIs.
      const denied: string[] = [];
      for (let i = 0; i < 6; i++) {
        const referred = await retrying503(() => requestAs(apis[i % 2]!, PLAN, 'POST', '/v1/referrals', referralBody(iso(Date.now()))));
        expect(referred.status).toBe(202);
        const memberId = referred.body.memberId as string;
        const res = await retrying503(() => requestAs(apis[(i + 1) % 2]!, PLAN, 'POST', `/v1/members/${memberId}/authorization`, { decision: 'denied', decidedAt: iso(Date.now()), reason: 'not eligible' }));
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        denied.push(memberId);
      }
      const noticesFor = (): string[] => receiver.received.map((r) => JSON.parse(r.body) as { type: string; data: { memberId?: string } }).filter((m) => m.type === 'notice_of_action.issued').map((m) => m.data.memberId!);
      await eventually(() => Promise.resolve(expect(new Set(noticesFor())).toEqual(new Set(denied))));
      // No event twice: distinct webhook IDs, and a member's notice arrives once.
      expect(noticesFor().sort()).toEqual([...denied].sort());
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(receiver.received.length);
    } finally {
      await receiver.stop();
    }
  });
});

describe('one rate limit across both APIs', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  let second: SecondReplica;

  beforeAll(async () => {
    db = await createTestDatabase();
    sys = await startTestSystem(db, { server: 'dev', rateLimitPerMinute: 4 });
    second = await startSecondReplica(sys, db, { rateLimitPerMinute: 4 });
  });
  afterAll(async () => {
    await second?.close();
    await sys?.close();
    await db?.close();
  });

  it('an organisation over its rate on one API is over it on the other: 4 a minute pass in all, not 4 on each', async () => {
    const apis = [sys.baseUrl, second.baseUrl];
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await requestAs(apis[i % 2]!, PLAN, 'GET', '/v1/members')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
    const limited = await requestAs(apis[1]!, PLAN, 'GET', '/v1/members');
    expect([limited.status, limited.body.code]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another organisation is not slowed on either API.
    for (const api of apis) expect((await requestAs(api, caller('plan', 'OTHER-PLAN'), 'GET', '/v1/members')).status).toBe(200);
  });
});
