/**
 * Issue 16 §1: intake in the fewest round trips, on real PostgreSQL and a real Temporal server.
 * The common path is one care-record statement and one start (no describe); what that statement
 * wrote, refused or found, and how the journey then opens, is what these tests hold it to.
 */
import { describe, expect, it } from 'vitest';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { deriveMemberId, deriveReferralKey, fingerprint } from '../../src/infra/identity';
import { receiveReferral } from '../../src/infra/care-record/intake';
import { referralBody as referralSchema } from '../../api/routes/post-referral';
import { eventually, iso, useJourneySystem } from '../support/journey-test';
import { referralBody } from '../support/referrals';
import { TEST_MEMBER_ID_KEY, type TestSystem } from '../support/test-system';

/** The activity types the journey's history scheduled, in order. */
async function activitiesOf(sys: TestSystem, memberId: string): Promise<string[]> {
  const history = await sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId)).fetchHistory();
  return (history.events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
}

async function auditRowsOf(sys: TestSystem, requestId: string | null) {
  const { rows } = await sys.pool.query('SELECT member_id, action, outcome FROM audit_events WHERE request_id = $1', [requestId]);
  return rows;
}

describe('intake in one statement and one start', () => {
  const { sys } = useJourneySystem();

  it('a new referral writes the member, the referral, its journey row and the request’s one audit row; its journey writes only the opening event, never the referral again', async () => {
    const body = referralBody(iso(await sys().now()));
    const res = await sys().request('POST', '/v1/referrals', body);
    expect(res.status).toBe(202);
    const memberId = res.body.memberId as string;
    expect(await auditRowsOf(sys(), res.headers.get('x-request-id'))).toEqual([{ member_id: memberId, action: 'createReferral', outcome: 'allowed' }]);
    const { rows } = await sys().pool.query(
      `SELECT (SELECT given_name FROM members WHERE member_id = $1) AS given,
              (SELECT count(*)::int FROM referrals WHERE member_id = $1) AS referrals,
              (SELECT stage FROM member_journeys WHERE member_id = $1) AS stage`,
      [memberId],
    );
    expect(rows[0]).toEqual({ given: 'Rosalind', referrals: 1, stage: 'REFERRED' });
    // R-AUTH-ROUTINE's clock is in the care record from the start, by the journey's one activity.
    await eventually(async () => {
      const opening = await sys().pool.query(`SELECT d.rule FROM journey_events e JOIN deadlines d USING (referral_key) WHERE e.member_id = $1 AND e.kind = 'referral-received'`, [memberId]);
      expect(opening.rows.map((r) => r.rule)).toContain('R-AUTH-ROUTINE');
    });
    expect(await activitiesOf(sys(), memberId)).toEqual(['recordJourneyEvent']);
  });

  it('a new referral for a member whose journey is open is refused 409 journey_open and changes nothing in the care record: no referral row, the member’s demographics as they were', async () => {
    const first = referralBody(iso(await sys().now()));
    const a = await sys().request('POST', '/v1/referrals', first);
    expect(a.status).toBe(202);
    const memberId = a.body.memberId as string;
    const renamed = { ...referralBody(first.receivedAt as string), member: { ...(first.member as object), name: { given: 'Other', family: 'Name' } } };
    const b = await sys().request('POST', '/v1/referrals', renamed);
    expect([b.status, b.body.code, b.body.memberId]).toEqual([409, 'journey_open', memberId]);
    const { rows } = await sys().pool.query(
      `SELECT (SELECT given_name FROM members WHERE member_id = $1) AS given,
              (SELECT count(*)::int FROM referrals WHERE member_id = $1) AS referrals,
              (SELECT count(*)::int FROM member_journeys WHERE member_id = $1) AS journeys`,
      [memberId],
    );
    expect(rows[0]).toEqual({ given: 'Rosalind', referrals: 1, journeys: 1 });
    // The refusal is audited once, like any request.
    expect(await auditRowsOf(sys(), b.headers.get('x-request-id'))).toEqual([{ member_id: memberId, action: 'createReferral', outcome: 'allowed' }]);
  });

  it('a referral on record whose journey never started (the API stopped between its write and its start) is started by its redelivery, with the referral written once and its opening event', async () => {
    const body = referralBody(iso(await sys().now()));
    const parsed = referralSchema.parse(body);
    const memberId = deriveMemberId(TEST_MEMBER_ID_KEY, parsed.plan, parsed.member.cin);
    const referralKey = deriveReferralKey(TEST_MEMBER_ID_KEY, parsed.plan, parsed.referralId);
    const record = {
      referralKey, receivedAt: parsed.receivedAt, source: parsed.source, expedited: parsed.expedited, presumptive: parsed.presumptive,
      populationsOfFocus: parsed.populationsOfFocus, memberId, plan: parsed.plan, referralId: parsed.referralId, member: parsed.member,
    };
    // Exactly what the first delivery committed before it stopped.
    const written = await receiveReferral(sys().pool, { ...record, fingerprint: fingerprint(TEST_MEMBER_ID_KEY, parsed) }, { requestId: 'first-delivery', actorId: 'plan-user', actorRole: 'plan', actorOrg: 'LA-CARE', action: 'createReferral' });
    expect(written).toEqual({ kind: 'new' });

    const again = await sys().request('POST', '/v1/referrals', body);
    expect([again.status, again.body.memberId]).toEqual([202, memberId]);
    await eventually(async () => {
      const opening = await sys().pool.query(`SELECT count(*)::int AS n FROM journey_events WHERE referral_key = $1 AND kind = 'referral-received'`, [referralKey]);
      expect(opening.rows[0].n).toBe(1);
    });
    const { rows } = await sys().pool.query('SELECT count(*)::int AS n FROM referrals WHERE member_id = $1', [memberId]);
    expect(rows[0].n).toBe(1);
    // A changed body under that referral ID is still the conflict it always was.
    const changed = await sys().request('POST', '/v1/referrals', { ...body, expedited: true });
    expect([changed.status, changed.body.code]).toEqual([409, 'referral_conflict']);
  });

  it('when the care record still shows a journey open that Temporal has ended (terminated by hand), a new referral for the member starts a new journey', async () => {
    const first = referralBody(iso(await sys().now()));
    const a = await sys().request('POST', '/v1/referrals', first);
    expect(a.status).toBe(202);
    const memberId = a.body.memberId as string;
    await sys().client.workflow.getHandle(memberJourneyWorkflowId(memberId)).terminate('ended by ops, outside the journey');
    const open = await sys().pool.query('SELECT count(*)::int AS n FROM member_journeys WHERE member_id = $1 AND NOT ended', [memberId]);
    expect(open.rows[0].n).toBe(1);

    const next: Record<string, unknown> = { ...referralBody(iso(await sys().now())), member: first.member };
    const b = await sys().request('POST', '/v1/referrals', next);
    expect([b.status, b.body.memberId]).toEqual([202, memberId]);
    const described = await sys().client.workflow.getHandle(memberJourneyWorkflowId(memberId)).describe();
    expect([described.status.name, (described.memo as { referralKey?: string }).referralKey]).toEqual(['RUNNING', deriveReferralKey(TEST_MEMBER_ID_KEY, 'LA-CARE', String(next.referralId))]);
    const { rows } = await sys().pool.query('SELECT count(*)::int AS n FROM referrals WHERE member_id = $1', [memberId]);
    expect(rows[0].n).toBe(2);
  });
});
