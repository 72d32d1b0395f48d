/**
 * Tokens, the audit trail, the member list and rate limits, against the real app, Temporal and
 * PostgreSQL. The route × role matrix is in access-matrix.test.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier, loadJose, TokenRejected } from '../../src/infra/auth/token-verifier';
import { issueToken } from '../../src/infra/auth/issue-token';
import { active, inOutreach, ok } from '../support/journey-driver';
import { assignedJourney, iso, referAt, useJourneySystem } from '../support/journey-test';
import { bearer, caller, TEST_TOKENS } from '../support/test-system';
import { referralBody } from '../support/referrals';
import { createPool } from '../../src/infra/db/pool';

const PLAN = caller('plan', 'LA-CARE');

describe('bearer tokens', () => {
  const { sys } = useJourneySystem();

  it('refuses 401 an expired token, a token signed with another key, for another audience, or with an unknown role — and audits none of them', async () => {
    const jose = await loadJose();
    const sign = (claims: Record<string, unknown>, secret: Uint8Array = TEST_TOKENS.secret, audience: string = TEST_TOKENS.audience, expiresAt: number | string = '1h') =>
      new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer(TEST_TOKENS.issuer).setAudience(audience).setIssuedAt().setExpirationTime(expiresAt).sign(secret);
    const claims = { role: 'ops', org: 'ECM-OPS' };
    const bad = {
      expired: await sign(claims, TEST_TOKENS.secret, TEST_TOKENS.audience, Math.floor(Date.now() / 1000) - 60),
      otherKey: await sign(claims, new TextEncoder().encode('another-secret-another-secret-1234')),
      otherAudience: await sign(claims, TEST_TOKENS.secret, 'someone-else'),
      unknownRole: await sign({ role: 'admin', org: 'ECM-OPS' }),
      noOrganisation: await sign({ role: 'ops' }),
      // alg=none must never pass, whatever the claims.
      unsigned: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, sub: 'x', iss: TEST_TOKENS.issuer, aud: TEST_TOKENS.audience })).toString('base64url')}.`,
    };
    for (const [name, token] of Object.entries(bad)) {
      const res = await sys().request('GET', '/v1/members', undefined, { authorization: `Bearer ${token}` });
      expect([name, res.status, res.body.code]).toEqual([name, 401, 'unauthorized']);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
    const missing = await sys().request('GET', '/v1/members', undefined, { authorization: '' });
    expect(missing.status).toBe(401);
    const basic = await sys().request('GET', '/v1/members', undefined, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(basic.status).toBe(401);
    const { rows } = await sys().pool.query('SELECT count(*)::int AS n FROM audit_events');
    expect(rows[0].n).toBe(0);
    // /healthz and /metrics stay open.
    expect((await fetch(`${sys().baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${sys().baseUrl}/metrics`)).status).toBe(200);
    const metrics = await (await fetch(`${sys().baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/ecm_authentication_failures_total\{reason="invalid"\} 5/);
    expect(metrics).toMatch(/ecm_authentication_failures_total\{reason="malformed"\} 2/);
    expect(metrics).toMatch(/ecm_authentication_failures_total\{reason="missing"\} 1/);
  });

  it('verifies RS256 tokens against the identity provider’s JWKS when one is configured', async () => {
    const jose = await loadJose();
    const { publicKey, privateKey } = await jose.generateKeyPair('RS256');
    const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'idp-1', alg: 'RS256', use: 'sig' };
    const server: Server = await new Promise((resolve) => {
      const s = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const verify = createTokenVerifier({ kind: 'jwks', jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`, issuer: 'idp', audience: 'ecm-api' });
      const token = await new jose.SignJWT({ role: 'provider', org: 'PROV-ACME', lcm: 'LCM-7' })
        .setProtectedHeader({ alg: 'RS256', kid: 'idp-1' }).setSubject('nurse-7').setIssuer('idp').setAudience('ecm-api').setIssuedAt().setExpirationTime('1h').sign(privateKey);
      expect(await verify(token)).toEqual({ subject: 'nurse-7', role: 'provider', organisation: 'PROV-ACME', careManagerId: 'LCM-7' });
      // A shared-secret token is not accepted where the identity provider's keys rule.
      const hs = await issueToken({ ...TEST_TOKENS, issuer: 'idp' }, { subject: 'x', role: 'ops', organisation: 'OPS' });
      await expect(verify(hs)).rejects.toBeInstanceOf(TokenRejected);
    } finally {
      server.close();
    }
  });

  it('R-ONE-LCM: a Lead Care Manager’s own token acts only on that Lead Care Manager’s members, and names no one else', async () => {
    const at = iso(await sys().now());
    const memberId = await inOutreach(sys(), at, 'LCM-OWN');
    const attempt = { at, method: 'phone', result: 'no_answer', minutes: 5 };
    const other = await sys().request('POST', `/v1/members/${memberId}/outreach-attempts`, attempt, await bearer(caller('provider', 'PROV-ACME', 'LCM-OTHER')));
    expect([other.status, other.body.code]).toEqual([403, 'not_lead_care_manager']);
    const own = await sys().request('POST', `/v1/members/${memberId}/outreach-attempts`, attempt, await bearer(caller('provider', 'PROV-ACME', 'LCM-OWN')));
    expect(own.status).toBe(200);
    // The organisation's own token (no Lead Care Manager in it) may act for any of its staff.
    const org = await sys().request('POST', `/v1/members/${memberId}/outreach-attempts`, { ...attempt, minutes: 6 }, await bearer(caller('provider', 'PROV-ACME')));
    expect(org.status).toBe(200);

    const naming = await assignedJourney(sys(), at, at, 'PROV-ACME');
    await ok(sys(), naming, '/assignment/response', at, { response: 'accepted', at });
    const colleague = await sys().request('POST', `/v1/members/${naming}/lead-care-manager`, { careManagerId: 'LCM-COLLEAGUE', at }, await bearer(caller('provider', 'PROV-ACME', 'LCM-SELF')));
    expect([colleague.status, colleague.body.code]).toEqual([403, 'not_lead_care_manager']);
    const self = await sys().request('POST', `/v1/members/${naming}/lead-care-manager`, { careManagerId: 'LCM-SELF', at }, await bearer(caller('provider', 'PROV-ACME', 'LCM-SELF')));
    expect(self.status).toBe(200);
    const denials = await sys().pool.query(`SELECT member_id, reason FROM audit_events WHERE outcome = 'denied' ORDER BY id`);
    expect(denials.rows).toEqual([
      { member_id: memberId, reason: 'not_lead_care_manager' },
      { member_id: naming, reason: 'not_lead_care_manager' },
    ]);
  });

  it('a provider loses sight of a member once the member is assigned elsewhere', async () => {
    const at = iso(await sys().now());
    const memberId = await assignedJourney(sys(), at, at, 'PROV-ACME');
    const acme = await bearer(caller('provider', 'PROV-ACME'));
    expect((await sys().request('GET', `/v1/members/${memberId}`, undefined, acme)).status).toBe(200);
    await ok(sys(), memberId, '/assignment/response', at, { response: 'declined', at, reason: 'at_capacity' });
    await ok(sys(), memberId, '/assignment', at, { providerId: 'PROV-BETA', assignedAt: at });
    expect((await sys().request('GET', `/v1/members/${memberId}`, undefined, acme)).status).toBe(404);
    expect((await sys().request('GET', `/v1/members/${memberId}`, undefined, await bearer(caller('provider', 'PROV-BETA')))).status).toBe(200);
  });
});

describe('the audit trail', () => {
  const { sys, db } = useJourneySystem();
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it('records every action and every read with actor, organisation, member, action, time, the server’s request ID and the client’s beside it', async () => {
    const at = iso(await sys().now());
    const alice = { subject: 'alice', role: 'plan', organisation: 'LA-CARE' } as const;
    const referral = await sys().request('POST', '/v1/referrals', referralBody(at), { ...(await bearer(alice)), 'x-request-id': 'req-refer-1' });
    expect(referral.status).toBe(202);
    const memberId = referral.body.memberId as string;
    const act = await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: at }, { ...(await bearer(alice)), 'x-request-id': 'req-act-1' });
    const read = await sys().request('GET', `/v1/members/${memberId}`, undefined, { ...(await bearer(alice)), 'x-request-id': 'req-read-1' });
    const list = await sys().request('GET', '/v1/members', undefined, { ...(await bearer(alice)), 'x-request-id': 'req-list-1' });
    const served = [referral, act, read, list].map((answer) => answer.headers.get('x-request-id'));
    // The answer carries the server's own ID, never the one the client sent.
    for (const id of served) expect(id).toMatch(UUID);
    const { rows } = await sys().pool.query(
      `SELECT request_id, client_request_id, actor_id, actor_role, actor_org, member_id, action, outcome, occurred_at FROM audit_events WHERE actor_id = 'alice' ORDER BY id`,
    );
    expect(rows.map(({ occurred_at: _t, ...r }) => r)).toEqual([
      { request_id: served[0], client_request_id: 'req-refer-1', actor_id: 'alice', actor_role: 'plan', actor_org: 'LA-CARE', member_id: memberId, action: 'createReferral', outcome: 'allowed' },
      { request_id: served[1], client_request_id: 'req-act-1', actor_id: 'alice', actor_role: 'plan', actor_org: 'LA-CARE', member_id: memberId, action: 'decideAuthorization', outcome: 'allowed' },
      { request_id: served[2], client_request_id: 'req-read-1', actor_id: 'alice', actor_role: 'plan', actor_org: 'LA-CARE', member_id: memberId, action: 'getMember', outcome: 'allowed' },
      { request_id: served[3], client_request_id: 'req-list-1', actor_id: 'alice', actor_role: 'plan', actor_org: 'LA-CARE', member_id: memberId, action: 'listMembers', outcome: 'allowed' },
    ]);
    expect(rows.every((r) => r.occurred_at instanceof Date)).toBe(true);
    // The log line of a request names both IDs.
    const line = sys().logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request' && l.requestId === served[2]);
    expect(line).toMatchObject({ requestId: served[2], clientRequestId: 'req-read-1' });
  });

  it('two organisations sending the same X-Request-Id get different audit request IDs', async () => {
    const at = iso(await sys().now());
    const headersOf = async (plan: string) => ({ ...(await bearer(caller('plan', plan))), 'x-request-id': 'same-id-from-both' });
    const laCare = await sys().request('POST', '/v1/referrals', referralBody(at), await headersOf('LA-CARE'));
    const other = await sys().request('POST', '/v1/referrals', referralBody(at, { plan: 'OTHER-PLAN' }), await headersOf('OTHER-PLAN'));
    expect([laCare.status, other.status]).toEqual([202, 202]);
    const { rows } = await sys().pool.query(`SELECT request_id, actor_org FROM audit_events WHERE client_request_id = 'same-id-from-both' ORDER BY id`);
    expect(rows).toEqual([
      { request_id: laCare.headers.get('x-request-id'), actor_org: 'LA-CARE' },
      { request_id: other.headers.get('x-request-id'), actor_org: 'OTHER-PLAN' },
    ]);
    expect(rows[0].request_id).not.toBe(rows[1].request_id);
    // A malformed client ID is not kept at all.
    const odd = await sys().request('GET', '/v1/members', undefined, { ...(await bearer(PLAN)), 'x-request-id': 'has spaces in it' });
    const kept = await sys().pool.query(`SELECT client_request_id FROM audit_events WHERE request_id = $1`, [odd.headers.get('x-request-id')]);
    expect(kept.rows.length).toBeGreaterThan(0);
    expect(kept.rows.every((r) => r.client_request_id === null)).toBe(true);
  });

  it('an attempt to update, delete or truncate audit_events fails at the database, as the app role and as the owner, and leaves every row', async () => {
    const memberId = await referAt(sys(), iso(await sys().now()));
    await sys().request('GET', `/v1/members/${memberId}`, undefined, await bearer(PLAN));
    const count = async () => (await sys().pool.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n as number;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    // The app's role lacks the privilege (test/audit/audit-tamper.test.ts tries every path)...
    await expect(sys().pool.query(`UPDATE audit_events SET actor_id = 'someone-else'`)).rejects.toThrow(/permission denied/);
    await expect(sys().pool.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
    await expect(sys().pool.query('TRUNCATE audit_events')).rejects.toThrow(/permission denied/);
    // ...and the triggers refuse even the owner.
    const owner = createPool(db().ownerUrl, { max: 1 });
    try {
      await expect(owner.query(`UPDATE audit_events SET actor_id = 'someone-else'`)).rejects.toThrow(/append-only/);
      await expect(owner.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      await expect(owner.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
    expect(await count()).toBe(before);
    const { rows } = await sys().pool.query(`SELECT count(*)::int AS n FROM audit_events WHERE actor_id = 'someone-else'`);
    expect(rows[0].n).toBe(0);
  });
});

describe('GET /v1/members', () => {
  const { sys } = useJourneySystem();

  it('lists from the care record, filtered by plan, provider, stage and overdue, paginated, for the caller’s organisation only', async () => {
    const at = iso(await sys().now());
    const referred = await referAt(sys(), at);
    const acme = await assignedJourney(sys(), at, at, 'PROV-ACME');
    const beta = await assignedJourney(sys(), at, at, 'PROV-BETA');
    const activeOne = await active(sys(), at, 'LCM-LIST');
    const otherPlan = await referAt(sys(), at, { plan: 'OTHER-PLAN' });
    const list = async (query: string, who = PLAN) => {
      const res = await sys().request('GET', `/v1/members${query}`, undefined, await bearer(who));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    const ids = (body: { members: { memberId: string }[] }) => body.members.map((m) => m.memberId).sort();

    expect(ids(await list(''))).toEqual([referred, acme, beta, activeOne].sort());
    expect(ids(await list('', caller('plan', 'OTHER-PLAN')))).toEqual([otherPlan]);
    expect(ids(await list('', caller('ops', 'OPS')))).toEqual([referred, acme, beta, activeOne, otherPlan].sort());
    expect(ids(await list('?plan=OTHER-PLAN', caller('ops', 'OPS')))).toEqual([otherPlan]);
    expect(ids(await list('', caller('provider', 'PROV-BETA')))).toEqual([beta]);
    expect(ids(await list('?provider=PROV-ACME'))).toEqual([acme, activeOne].sort());
    expect(ids(await list('?stage=ACTIVE'))).toEqual([activeOne]);
    expect(ids(await list('?stage=REFERRED'))).toEqual([referred]);
    // A journey nobody has acted on yet already shows the clock its referral started.
    await expect.poll(async () => (await list('?stage=REFERRED')).members[0].nextDeadline?.rule, { timeout: 10_000 }).toBe('R-AUTH-ROUTINE');
    const opened = await sys().pool.query(`SELECT rule, status FROM deadlines d JOIN referrals r USING (referral_key) WHERE r.member_id = $1 ORDER BY rule`, [referred]);
    expect(opened.rows).toEqual([{ rule: 'R-ASSIGN', status: 'open' }, { rule: 'R-AUTH-ROUTINE', status: 'open' }]);
    expect(ids(await list('?overdue=true'))).toEqual([]);
    const row = (await list('?stage=ACTIVE')).members[0];
    expect(row).toMatchObject({ memberId: activeOne, plan: 'LA-CARE', stage: 'ACTIVE', providerId: 'PROV-ACME', leadCareManagerId: 'LCM-LIST', overdue: false, ended: false });
    const assigned = (await list('?provider=PROV-BETA')).members[0];
    expect(assigned).toMatchObject({ memberId: beta, stage: 'ASSIGNED', providerId: 'PROV-BETA', overdue: false });
    expect(['R-DECLINE-1BD', 'R-LCM-72H']).toContain(assigned.nextDeadline.rule);
    expect(JSON.stringify(row)).not.toMatch(/Rosalind|Quintero|1961-04-17/);

    // Pages of 2 walk all four without repeating one.
    const first = await list('?limit=2');
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeUndefined();
    expect([...ids(first), ...ids(second)].sort()).toEqual([referred, acme, beta, activeOne].sort());

    // Asking for another organisation's members is refused, not silently emptied.
    const foreign = await sys().request('GET', '/v1/members?plan=OTHER-PLAN', undefined, await bearer(PLAN));
    expect([foreign.status, foreign.body.code]).toEqual([403, 'organisation_not_allowed']);
    const bad = await sys().request('GET', '/v1/members?stage=SLEEPING&limit=0', undefined, await bearer(PLAN));
    expect([bad.status, bad.body.errors.map((e: { path: string }) => e.path).sort()]).toEqual([400, ['limit', 'stage']]);
  });

  it('shows a breached deadline as overdue (R-LCM-72H) without asking Temporal', async () => {
    const at = iso(await sys().now());
    const memberId = await assignedJourney(sys(), at, at, 'PROV-ACME');
    await ok(sys(), memberId, '/assignment/response', at, { response: 'accepted', at });
    await sys().skipTo(Date.parse(at) + 5 * 86_400_000);
    await expect.poll(async () => (await sys().request('GET', '/v1/members?overdue=true', undefined, await bearer(PLAN))).body.members.map((m: { memberId: string }) => m.memberId), { timeout: 15_000 }).toEqual([memberId]);
    const metrics = await (await fetch(`${sys().baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/ecm_deadlines_breached\{rule="R-LCM-72H",state="waiting"\} 1/);
  });
});

describe('rate limits', () => {
  const { sys } = useJourneySystem({ rateLimitPerMinute: 3 });

  it('answers 429 with Retry-After once an organisation is over its rate, without slowing another organisation', async () => {
    const plan = await bearer(PLAN);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await sys().request('GET', '/v1/members', undefined, plan)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await sys().request('GET', '/v1/members', undefined, plan);
    expect([limited.status, limited.body.code]).toEqual([429, 'rate_limited']);
    // 3 per minute, in a window of one minute (shared by every replica, issue 16 §5): the window
    // that began with the first request ends within the minute.
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await sys().request('GET', '/v1/members', undefined, await bearer(caller('plan', 'OTHER-PLAN')))).status).toBe(200);
    // Health checks are never limited.
    for (let i = 0; i < 5; i++) expect((await fetch(`${sys().baseUrl}/healthz`)).status).toBe(200);
  });
});
