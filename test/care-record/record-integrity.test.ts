/**
 * No member's record is lost to, or taken over by, another's: keys derived from a request or an
 * external ID are scoped to their member or journey, and concurrent acts on one member are applied
 * in order everywhere they are kept.
 */
import { describe, expect, it } from 'vitest';
import { deriveMemberId } from '../../src/infra/identity';
import { inOutreach, ok } from '../support/journey-driver';
import { eventually, stateOf, useJourneySystem } from '../support/journey-test';
import { referralBody, uniqueCin } from '../support/referrals';
import { requestRetrying503, TEST_MEMBER_ID_KEY, type TestSystem } from '../support/test-system';

const iso = (ms: number) => new Date(ms).toISOString();

describe('referral IDs belong to one member', () => {
  const { sys } = useJourneySystem();

  it('a referral ID already on record for another member is 409 referral_conflict, checked in the care record before anything starts; the first member keeps its provider', async () => {
    const at = iso(await sys().now());
    const first = referralBody(at);
    const a = await sys().request('POST', '/v1/referrals', first);
    expect(a.status).toBe(202);
    const memberA = a.body.memberId as string;
    await ok(sys(), memberA, '/authorization', at, { decision: 'approved', decidedAt: at });
    await ok(sys(), memberA, '/assignment', at, { providerId: 'PROV-ONE', assignedAt: at });

    // The same referral ID for another CIN, as a presumptive E-Form naming another provider.
    const cinB = uniqueCin();
    const takeover = { ...referralBody(at, { presumptive: true, providerId: 'PROV-TWO', source: 'provider' }), referralId: first.referralId, member: { ...(first.member as object), cin: cinB } };
    const b = await sys().request('POST', '/v1/referrals', takeover);
    expect([b.status, b.body.code]).toEqual([409, 'referral_conflict']);

    const memberB = deriveMemberId(TEST_MEMBER_ID_KEY, 'LA-CARE', cinB);
    expect((await sys().request('GET', `/v1/members/${memberB}`)).status).toBe(404);
    const { rows } = await sys().pool.query('SELECT member_id, provider_id FROM member_journeys WHERE member_id IN ($1, $2)', [memberA, memberB]);
    expect(rows).toEqual([{ member_id: memberA, provider_id: 'PROV-ONE' }]);
    const members = await sys().pool.query('SELECT count(*)::int AS n FROM members WHERE member_id = $1', [memberB]);
    expect(members.rows[0].n).toBe(0);
    expect((await stateOf(sys(), memberA)).assignment.providerId).toBe('PROV-ONE');
  });

  it('a care-record write that files one member’s facts under another member’s journey fails at the database', async () => {
    const at = iso(await sys().now());
    const a = (await sys().request('POST', '/v1/referrals', referralBody(at))).body.memberId as string;
    const b = (await sys().request('POST', '/v1/referrals', referralBody(at))).body.memberId as string;
    const { rows } = await sys().pool.query<{ referral_key: string }>('SELECT referral_key FROM referrals WHERE member_id = $1', [a]);
    await expect(
      sys().pool.query(`INSERT INTO journey_events (member_id, referral_key, event_key, kind, stage, occurred_at) VALUES ($1, $2, 'forged', 'x', 'REFERRED', now())`, [b, rows[0]!.referral_key]),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('every care-record table that names a journey and a member keys them together to the referral, tables added later too', async () => {
    const { rows } = await sys().pool.query<{ table_name: string; keyed: boolean }>(`
      SELECT t.table_name,
             EXISTS (SELECT 1 FROM pg_constraint k
                      WHERE k.conrelid = (quote_ident(t.table_name))::regclass AND k.contype = 'f' AND k.confrelid = 'referrals'::regclass
                        AND (SELECT array_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)) = ARRAY['member_id', 'referral_key']) AS keyed
        FROM information_schema.tables t
       WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND t.table_name <> 'referrals'
         AND EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'referral_key')
         AND EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name AND c.column_name = 'member_id')
       ORDER BY t.table_name`);
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['community_referrals', 'ecm_services', 'journey_events']));
    expect(rows.filter((r) => !r.keyed).map((r) => r.table_name)).toEqual([]);
  });
});

let seq = 0;
function admission(cin: string, facility: string, visitId: string, admitAt: string) {
  seq += 1;
  return { messageId: `MSG-${Date.now()}-${seq}`, eventType: 'A01', plan: 'LA-CARE', member: { cin }, facility: { id: facility }, visitId, patientClass: 'I', admitAt };
}

async function memberInOutreach(sys: TestSystem, at: string) {
  const cin = uniqueCin();
  const memberId = await inOutreach(sys, at, `LCM-${cin}`, { member: { ...(referralBody(at).member as object), cin } });
  return { cin, memberId };
}

describe('visit numbers are unique within a facility, not within a plan', () => {
  const { sys } = useJourneySystem();

  it('two members admitted at two hospitals that both use visit number V1001 get an episode each', async () => {
    const at = iso(await sys().now());
    const one = await memberInOutreach(sys(), at);
    const two = await memberInOutreach(sys(), at);
    const res = await sys().request('POST', '/v1/adt', { events: [admission(one.cin, 'HOSP-NORTH', 'V1001', at), admission(two.cin, 'HOSP-SOUTH', 'V1001', at)] });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    const episodes = await eventually(async () => {
      const { rows } = await sys().pool.query('SELECT member_id, episode_key FROM transitional_care_episodes WHERE member_id IN ($1, $2) ORDER BY member_id', [one.memberId, two.memberId]);
      expect(rows).toHaveLength(2);
      return rows;
    });
    expect(new Set(episodes.map((e) => e.episode_key)).size).toBe(2);
    expect(episodes.map((e) => e.member_id).sort()).toEqual([one.memberId, two.memberId].sort());
  });

  it('two hospitals that number their messages alike (control ID 1) are two messages, not a duplicate', async () => {
    const at = iso(await sys().now());
    const one = await memberInOutreach(sys(), at);
    const two = await memberInOutreach(sys(), at);
    const res = await sys().request('POST', '/v1/adt', {
      events: [
        { ...admission(one.cin, 'HOSP-ALPHA', 'VA-1', at), messageId: '1' },
        { ...admission(two.cin, 'HOSP-BETA', 'VB-1', at), messageId: '1' },
      ],
    });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'accepted']);
    const again = await sys().request('POST', '/v1/adt', { events: [{ ...admission(one.cin, 'HOSP-ALPHA', 'VA-1', at), messageId: '1' }] });
    expect(again.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate']);
  });

  it('one member with the same visit number at two facilities: the two visits stay apart (one readmission episode), and a task may name the facility', async () => {
    const at = iso(await sys().now());
    const { cin, memberId } = await memberInOutreach(sys(), at);
    await sys().request('POST', '/v1/adt', { events: [admission(cin, 'HOSP-EAST', 'V2002', at)] });
    const state = await eventually(async () => {
      const s = await stateOf(sys(), memberId);
      expect(s.episodes).toHaveLength(1);
      return s;
    });
    expect(state.episodes[0].visitKeys).toHaveLength(1);
    // Admitted elsewhere under the same number while the episode is open: a readmission, kept as a second visit.
    await sys().request('POST', '/v1/adt', { events: [admission(cin, 'HOSP-WEST', 'V2002', at)] });
    const extended = await eventually(async () => {
      const s = await stateOf(sys(), memberId);
      expect(s.episodes[0].visitKeys).toHaveLength(2);
      return s;
    });
    // Both visits are in the one open episode, so the number alone finds it, as does the facility.
    expect(extended.episodes).toHaveLength(1);
    const body = { outcome: 'done', at, by: 'LCM-1' };
    const plain = await sys().request('POST', `/v1/members/${memberId}/transitions/V2002/tasks/facility_and_member_contacted`, body);
    expect(plain.status, JSON.stringify(plain.body)).toBe(200);
    const named = await sys().request('POST', `/v1/members/${memberId}/transitions/V2002/tasks/transportation?facility=HOSP-WEST`, { ...body, outcome: 'not_applicable', reason: 'walked home' });
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    const unknown = await sys().request('POST', `/v1/members/${memberId}/transitions/V2002/tasks/transportation?facility=HOSP-NOWHERE`, body);
    expect(unknown.status).toBe(404);
    const hostile = await sys().request('POST', `/v1/members/${memberId}/transitions/V2002/tasks/transportation?facility=%00`, body);
    expect([hostile.status, hostile.body.code]).toEqual([400, 'invalid_body']);
  });
});

describe('concurrent Lead Care Manager namings on one member (dev server)', () => {
  const { sys } = useJourneySystem({ server: 'dev' });

  it('R-ONE-LCM, R-CASELOAD-50: in 100 trials of three concurrent namings, the active caseload slot, the journey and member_journeys always name the same Lead Care Manager', async () => {
    const trials = 100;
    const concurrent = 20;
    const mismatches: string[] = [];
    const trial = async (n: number): Promise<void> => {
      const at = iso(await sys().now());
      const body = referralBody(at);
      const referred = await sys().request('POST', '/v1/referrals', body);
      expect(referred.status, JSON.stringify(referred.body)).toBe(202);
      const memberId = referred.body.memberId as string;
      // Posted straight away: on the dev server the clock is real, there is nothing to skip to.
      // A 503 (the API's call deadline on a loaded machine) is retried with the same request, as a client would.
      const act = async (path: string, b: Record<string, unknown>) => expect((await requestRetrying503(sys(), 'POST', `/v1/members/${memberId}${path}`, b)).status).toBe(200);
      await act('/authorization', { decision: 'approved', decidedAt: at });
      await act('/assignment', { providerId: 'PROV-RACE', assignedAt: at });
      await act('/assignment/response', { response: 'accepted', at });
      const names = ['A', 'B', 'C'].map((x) => `LCM-R${n}-${x}`);
      const answers = await Promise.all(names.map((careManagerId) => sys().request('POST', `/v1/members/${memberId}/lead-care-manager`, { careManagerId, at })));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      const journey = (await stateOf(sys(), memberId)).leadCareManager.careManagerId as string;
      const slot = await sys().pool.query<{ care_manager_id: string }>(
        'SELECT care_manager_id FROM lead_care_manager_caseloads WHERE member_id = $1 AND confirmed_at IS NOT NULL AND released_at IS NULL',
        [memberId],
      );
      const record = await sys().pool.query<{ care_manager_id: string }>('SELECT care_manager_id FROM member_journeys WHERE member_id = $1', [memberId]);
      const named = [journey, ...slot.rows.map((r) => r.care_manager_id), record.rows[0]?.care_manager_id];
      if (slot.rowCount !== 1 || new Set(named).size !== 1) mismatches.push(`trial ${n}: journey ${journey}, slots ${JSON.stringify(slot.rows)}, record ${record.rows[0]?.care_manager_id}`);
    };
    for (let batch = 0; batch < trials; batch += concurrent) {
      await Promise.all(Array.from({ length: concurrent }, (_, i) => trial(batch + i)));
    }
    expect(mismatches).toEqual([]);
  }, 600_000);
});
