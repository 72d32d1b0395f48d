/**
 * Member contact and lookup (issue 14 §2, Guide §8.1, §8.1.2, §8.6): the plan and the assigned
 * provider read the member's contact (a PHI read, audited); the provider records preferences, the
 * authorized representative and data-sharing authorization; members are found by CIN or referral
 * ID sent in the body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, caller, createTestDatabase, startTestSystem, type TestDatabase, type TestSystem } from '../support/test-system';
import { eventually, iso } from '../support/journey-test';
import { referralBody } from '../support/referrals';
import type { Principal } from '../../src/infra/auth/principal';

const PLAN = caller('plan', 'LA-CARE');
const PROVIDER = caller('provider', 'PROV-CONTACT');

describe('member contact and lookup', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  let memberId: string;
  let referral: { referralId: string; member: { cin: string } };

  const as = async (principal: Principal, method: 'GET' | 'POST', path: string, body?: unknown, extra: Record<string, string> = {}) =>
    sys.request(method, path, body, { ...(await bearer(principal)), ...extra });
  const audit = async (action: string) =>
    (await db.pool.query('SELECT actor_org, member_id, outcome, reason FROM audit_events WHERE action = $1 ORDER BY id', [action])).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    sys = await startTestSystem(db);
    const at = iso(await sys.now());
    const body = referralBody(at, { member: { ...(referralBody(at).member as object), contact: { phone: '+1-213-555-0199', address: '1200 W 7th St, Los Angeles, CA 90017' } } });
    referral = body as unknown as typeof referral;
    // The referral as the plan posts it: its demographics are what the contact answers.
    await sys.skipTo(Date.parse(at));
    const res = await sys.request('POST', '/v1/referrals', body);
    expect(res.status).toBe(202);
    memberId = res.body.memberId;
    expect((await sys.request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: at })).status).toBe(200);
    expect((await sys.request('POST', `/v1/members/${memberId}/assignment`, { providerId: PROVIDER.organisation, assignedAt: at })).status).toBe(200);
    await eventually(async () => expect((await db.pool.query('SELECT provider_id FROM member_journeys WHERE member_id = $1', [memberId])).rows[0]?.provider_id).toBe(PROVIDER.organisation));
  });
  afterAll(async () => {
    await sys?.close();
    await db?.close();
  });

  it('the plan and the assigned provider read name, phone, address and language; each read is audited as a PHI read', async () => {
    for (const who of [PLAN, PROVIDER]) {
      const res = await as(who, 'GET', `/v1/members/${memberId}/contact`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ memberId, name: { given: 'Rosalind', family: 'Quintero-Vasquez' }, phone: '+1-213-555-0199', address: '1200 W 7th St, Los Angeles, CA 90017', language: 'Spanish' });
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect((await audit('getMemberContact')).filter((r) => r.outcome === 'allowed')).toEqual([
      { actor_org: 'LA-CARE', member_id: memberId, outcome: 'allowed', reason: null },
      { actor_org: 'PROV-CONTACT', member_id: memberId, outcome: 'allowed', reason: null },
    ]);
  });

  it('another provider gets 404 and ops 403, both audited as denials', async () => {
    const other = await as(caller('provider', 'PROV-OTHER'), 'GET', `/v1/members/${memberId}/contact`);
    expect([other.status, other.body.code]).toEqual([404, 'member_not_found']);
    const ops = await as(caller('ops', 'ECM-OPS'), 'GET', `/v1/members/${memberId}/contact`);
    expect([ops.status, ops.body.code]).toEqual([403, 'role_not_allowed']);
    const denied = (await audit('getMemberContact')).filter((r) => r.outcome === 'denied');
    expect(denied.map((r) => [r.actor_org, r.reason])).toEqual([['PROV-OTHER', 'member_not_visible'], ['ECM-OPS', 'role_not_allowed']]);
  });

  it('Guide §8.1, §8.1.2, §8.6: the provider records preferences, representative and data sharing, with who and when; a repeat is one recording', async () => {
    const at = iso(await sys.now());
    const body = {
      at,
      preferences: { methods: ['text', 'in_person'], doNotUse: ['mail'], bestTimes: 'weekday evenings', language: 'Spanish', inPersonLocation: 'the clinic on 3rd St' },
      authorizedRepresentative: { name: 'Marisol Quintero', relationship: 'family_member', phone: '+1-213-555-0111', mayDiscussCare: true },
      dataSharing: { authorized: true, with: ['plan', 'community_supports'], method: 'written', requiredByFederalLaw: true },
    };
    const key = { 'idempotency-key': 'contact-prefs-0001' };
    const first = await as(PROVIDER, 'POST', `/v1/members/${memberId}/contact-preferences`, body, key);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.recorded).toMatchObject({ at, recordedBy: PROVIDER.subject, recordedByOrganisation: 'PROV-CONTACT' });
    const again = await as(PROVIDER, 'POST', `/v1/members/${memberId}/contact-preferences`, body, key);
    expect(again.body).toEqual(first.body);
    const reused = await as(PROVIDER, 'POST', `/v1/members/${memberId}/contact-preferences`, { ...body, preferences: { methods: ['phone'] } }, key);
    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM member_contact_records WHERE member_id = $1', [memberId])).rows[0].n).toBe(1);

    const read = await as(PLAN, 'GET', `/v1/members/${memberId}/contact`);
    expect(read.body.contactPreferences).toMatchObject({ ...body.preferences, at, recordedBy: PROVIDER.subject, recordedByOrganisation: 'PROV-CONTACT' });
    expect(read.body.authorizedRepresentative).toMatchObject({ name: 'Marisol Quintero', relationship: 'family_member', mayDiscussCare: true });
    expect(read.body.dataSharingAuthorization).toMatchObject({ authorized: true, with: ['plan', 'community_supports'], method: 'written', requiredByFederalLaw: true });

    // A later recording of one piece changes that piece only; null says there is no representative any more.
    const later = await as(PROVIDER, 'POST', `/v1/members/${memberId}/contact-preferences`, { at, authorizedRepresentative: null });
    expect(later.status).toBe(200);
    const after = await as(PROVIDER, 'GET', `/v1/members/${memberId}/contact`);
    expect(after.body.authorizedRepresentative).toBeNull();
    expect(after.body.contactPreferences).toMatchObject({ methods: ['text', 'in_person'] });
  });

  it('refuses the plan, unknown fields, control characters, empty recordings and future instants', async () => {
    const at = iso(await sys.now());
    const path = `/v1/members/${memberId}/contact-preferences`;
    expect((await as(PLAN, 'POST', path, { at, preferences: { methods: ['phone'] } })).status).toBe(403);
    const cases: [unknown, number, string][] = [
      [{ at, preferences: { methods: ['phone'], favouriteColour: 'blue' } }, 400, 'invalid_body'],
      [{ at, preferences: { notes: 'call\u0007me' } }, 400, 'invalid_body'],
      [{ at, preferences: { methods: ['carrier_pigeon'] } }, 400, 'invalid_body'],
      [{ at }, 400, 'invalid_body'],
      [{ at: '2031-13-01T00:00:00Z', preferences: { methods: ['phone'] } }, 400, 'invalid_body'],
      [{ at: iso((await sys.now()) + 3_600_000), preferences: { methods: ['phone'] } }, 422, 'timestamp_in_future'],
    ];
    for (const [body, status, code] of cases) {
      const res = await as(PROVIDER, 'POST', path, body);
      expect([JSON.stringify(body), res.status, res.body.code]).toEqual([JSON.stringify(body), status, code]);
    }
  });

  it('finds a member by CIN or by the plan’s referral ID, identifiers in the body; only those the caller may see; audited', async () => {
    const byCin = await as(PLAN, 'POST', '/v1/members/search', { plan: 'LA-CARE', cin: referral.member.cin.toLowerCase() });
    expect(byCin.status, JSON.stringify(byCin.body)).toBe(200);
    expect(byCin.body.members).toEqual([expect.objectContaining({ memberId, plan: 'LA-CARE', providerId: 'PROV-CONTACT', links: { journey: `/v1/members/${memberId}`, contact: `/v1/members/${memberId}/contact` } })]);
    const byReferral = await as(PROVIDER, 'POST', '/v1/members/search', { plan: 'LA-CARE', referralId: referral.referralId });
    expect(byReferral.body.members.map((m: { memberId: string }) => m.memberId)).toEqual([memberId]);
    // Not theirs looks like not there.
    expect((await as(caller('provider', 'PROV-OTHER'), 'POST', '/v1/members/search', { plan: 'LA-CARE', cin: referral.member.cin })).body).toEqual({ members: [] });
    expect((await as(PLAN, 'POST', '/v1/members/search', { plan: 'LA-CARE', cin: '00000000Z' })).body).toEqual({ members: [] });
    expect((await as(caller('plan', 'OTHER-PLAN'), 'POST', '/v1/members/search', { plan: 'LA-CARE', cin: referral.member.cin })).status).toBe(403);
    for (const body of [{ plan: 'LA-CARE' }, { plan: 'LA-CARE', cin: referral.member.cin, referralId: referral.referralId }, { plan: 'LA-CARE', cin: 'x' }, { plan: 'LA-CARE', cin: referral.member.cin, dob: '1961-04-17' }]) {
      expect((await as(PLAN, 'POST', '/v1/members/search', body)).status).toBe(400);
    }
    const trail = await audit('searchMembers');
    expect(trail.filter((r) => r.member_id === memberId).map((r) => r.actor_org)).toEqual(['LA-CARE', 'PROV-CONTACT']);
    // The CIN never reaches the logs.
    expect(sys.logLines.join('\n')).not.toContain(referral.member.cin);
  });
});
