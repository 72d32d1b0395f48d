/**
 * R-DENIAL-NOA through the API (real time-skipping Temporal server, worker, PostgreSQL, HTTP):
 * a member's Notices of Action in `GET /v1/members/:memberId`, and `GET /v1/notices` for a plan,
 * a provider and ops: what each notice said, whether and when it was sent, keyset-paged, audited
 * per member, and never the letter itself.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrolled, ok } from '../support/journey-driver';
import { useJourneySystem } from '../support/journey-test';
import { referralBody } from '../support/referrals';
import { bearer, caller } from '../support/test-system';

const RECEIVED = '2030-11-13T09:00:00.000-08:00';
const DECIDED = '2030-11-14T10:00:00.000-08:00';
const DENIAL = { decision: 'denied', decidedAt: DECIDED, reason: 'Does not meet any Population of Focus' };
const PLAN = caller('plan', 'LA-CARE');
const OTHER_PLAN = caller('plan', 'OTHER-PLAN');
const PROVIDER = caller('provider', 'PROV-ACME');
const OTHER_PROVIDER = caller('provider', 'PROV-OTHER');
const OPS = caller('ops', 'ECM-OPS');

describe('Notices of Action in the API', () => {
  const { sys, db } = useJourneySystem();

  async function get(path: string, who: Parameters<typeof bearer>[0], requestId = `notices-${Math.random().toString(36).slice(2)}`) {
    return { ...(await sys().request('GET', path, undefined, { ...(await bearer(who)), 'x-request-id': requestId })), requestId };
  }

  async function listed(path: string, who: Parameters<typeof bearer>[0]): Promise<string[]> {
    const res = await get(path, who);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.notices.map((n: { memberId: string }) => n.memberId);
  }

  /** `n` members referred at RECEIVED and denied at DECIDED, in that order. */
  async function deniedMembers(n: number): Promise<string[]> {
    await sys().skipTo(Date.parse(RECEIVED));
    const members: string[] = [];
    for (let i = 0; i < n; i++) {
      // Referred at the same instant, which the clock has passed: the API takes a past act.
      const res = await sys().request('POST', '/v1/referrals', referralBody(RECEIVED));
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      members.push(res.body.memberId);
    }
    for (const memberId of members) await ok(sys(), memberId, '/authorization', DECIDED, DENIAL);
    return members;
  }

  const denied = async () => (await deniedMembers(1))[0]!;

  it('R-DENIAL-NOA: GET /v1/members/:memberId shows the member’s notice: type, reason, decision date, recipients, and that it was sent and when; not the letter', async () => {
    const memberId = await denied();
    const res = await get(`/v1/members/${memberId}`, PLAN);
    expect(res.status).toBe(200);
    expect(res.body.notices).toHaveLength(1);
    const [notice] = res.body.notices;
    expect(notice).toMatchObject({
      memberId,
      plan: 'LA-CARE',
      type: 'denial',
      reason: DENIAL.reason,
      decidedAt: new Date(DECIDED).toISOString(),
      recipients: ['member', 'requester'],
      appealRightsTemplate: 'default',
      delivery: { status: 'sent', attempts: 1, transport: 'letter-file' },
      links: { member: `/v1/members/${memberId}` },
    });
    expect(notice.noticeId).toMatch(/^noa_[0-9a-f]{32}$/);
    expect(Date.parse(notice.delivery.sentAt)).toBeGreaterThanOrEqual(Date.parse(notice.recordedAt));
    // The letter holds the member's name and the full statement: the API shows neither.
    const text = JSON.stringify(res.body.notices);
    expect(text).not.toContain('Quintero');
    expect(text).not.toContain('State Hearing');
    // Another plan sees neither the journey nor its notices.
    expect((await get(`/v1/members/${memberId}`, OTHER_PLAN)).status).toBe(404);
  });

  it('R-DENIAL-NOA: a notice the transport could not deliver shows as failed, with when, the attempt and a code', async () => {
    // DATA_DIR/notices is a file: no letter can be written under it.
    writeFileSync(join(sys().dataDir, 'notices'), '');
    const memberId = await denied();
    const [notice] = (await get(`/v1/members/${memberId}`, PLAN)).body.notices;
    expect(notice.delivery).toMatchObject({ status: 'failed', attempts: 1, transport: 'letter-file' });
    expect(notice.delivery.error).toMatch(/^file_e[a-z]+$/);
    expect(notice.delivery.failedAt).toBeDefined();
    expect(notice.delivery.sentAt).toBeUndefined();
    expect(await listed('/v1/notices?status=failed', PLAN)).toContain(memberId);
    expect(await listed('/v1/notices?status=sent', PLAN)).not.toContain(memberId);
  });

  it('R-DENIAL-NOA: GET /v1/notices lists a plan its own plan’s notices, a provider its own members’, ops all; newest first, keyset-paged, each member audited', async () => {
    const [first, second] = (await deniedMembers(2)) as [string, string];
    // A member of PROV-ACME who opted out: a discontinuation notice, to the member only.
    const at = '2030-11-15T10:00:00.000-08:00';
    const optedOut = await enrolled(sys(), at, at, 'LCM-NOTICES-API');
    await ok(sys(), optedOut, '/opt-out', at, { at });

    // Earlier tests of this file left notices of their own in the database: these three are the newest.
    const newest = [optedOut, second, first];
    expect((await listed('/v1/notices', PLAN)).slice(0, 3)).toEqual(newest);
    expect((await listed('/v1/notices', OPS)).slice(0, 3)).toEqual(newest);
    expect((await listed('/v1/notices?plan=LA-CARE', OPS)).slice(0, 3)).toEqual(newest);
    expect(await listed('/v1/notices?plan=OTHER-PLAN', OPS)).toEqual([]);
    expect(await listed('/v1/notices', OTHER_PLAN)).toEqual([]);
    // The denied members never had a provider: PROV-ACME sees only its own member's notice.
    expect(await listed('/v1/notices', PROVIDER)).toEqual([optedOut]);
    expect(await listed('/v1/notices', OTHER_PROVIDER)).toEqual([]);
    const [discontinuation] = (await get('/v1/notices', PROVIDER)).body.notices;
    expect(discontinuation).toMatchObject({ type: 'discontinuation', recipients: ['member'], delivery: { status: 'sent' } });

    // Pages of one: each page names the next; together they are the whole list, once each.
    const pages: string[] = [];
    let path = '/v1/notices?limit=1';
    for (let i = 0; i < 3; i++) {
      const res = await get(path, PLAN);
      expect(res.status).toBe(200);
      expect(res.body.notices).toHaveLength(1);
      pages.push(res.body.notices[0].memberId);
      if (i < 2) expect(res.body.nextCursor).toMatch(/^[0-9]+$/);
      path = `/v1/notices?limit=1&cursor=${res.body.nextCursor}`;
    }
    expect(pages).toEqual(newest);

    // The audit trail names every member the caller was shown, before the answer.
    const res = await get('/v1/notices?limit=3', PLAN);
    const { rows } = await db().pool.query('SELECT member_id, action, outcome, actor_org FROM audit_events WHERE client_request_id = $1 ORDER BY member_id', [res.requestId]);
    expect(rows).toEqual([first, second, optedOut].sort().map((member_id) => ({ member_id, action: 'listNotices', outcome: 'allowed', actor_org: 'LA-CARE' })));
  });

  it('R-DENIAL-NOA: asking for another plan’s notices, or with a bad filter, is refused in problem+json and shows nothing', async () => {
    await denied();
    const foreign = await get('/v1/notices?plan=OTHER-PLAN', PLAN);
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    expect(foreign.body).toMatchObject({ status: 403, code: 'organisation_not_allowed' });
    for (const query of ['status=delivered', 'limit=0', 'limit=201', 'cursor=abc', 'plan=%2F..%2Fx']) {
      const bad = await get(`/v1/notices?${query}`, PLAN);
      expect(bad.status, query).toBe(400);
      expect(bad.body.code, query).toBe('invalid_body');
      expect(bad.body.errors.length, query).toBeGreaterThan(0);
    }
    const { rows } = await db().pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE client_request_id = $1 AND outcome = 'allowed'`, [foreign.requestId]);
    expect(rows[0].n).toBe(0);
  });
});
