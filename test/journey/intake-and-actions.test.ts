/**
 * Intake and action handling on the real Temporal dev server (the one `npm start` runs): refused
 * actions leave the history untouched, repeated requests have one effect, and what ops see in the
 * Web UI carries no PHI.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { inject, describe, expect, it } from 'vitest';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { referralBody } from '../support/referrals';
import { eventually, iso, searchAttributesOf, stateOf, useJourneySystem } from '../support/journey-test';
import { bearer, TEST_PAYLOAD_KEYS, type TestSystem } from '../support/test-system';
import { AesGcmPayloadCodec } from '../../src/infra/codec/aes-gcm-payload-codec';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { caseloadOf, confirmLeadCareManager, reserveLeadCareManager } from '../../src/infra/caseload';

async function referNow(sys: TestSystem, overrides: Record<string, unknown> = {}) {
  const body = referralBody(iso(await sys.now()), overrides);
  const res = await sys.request('POST', '/v1/referrals', body);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return { body, memberId: res.body.memberId as string };
}

describe('intake and actions on the dev server', () => {
  const { sys, db } = useJourneySystem({ server: 'dev' });

  it('R-ASSIGN: assigning a provider before authorization is refused as wrong_stage and leaves no event in the history', async () => {
    const { memberId } = await referNow(sys());
    const before = await sys().historyLength(memberId);
    const res = await sys().request('POST', `/v1/members/${memberId}/assignment`, { providerId: 'PROV-ACME', assignedAt: iso(await sys().now()) });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: '/problems/wrong_stage', code: 'wrong_stage', status: 409 });
    expect(res.body.detail).toContain('REFERRED');
    expect(await sys().historyLength(memberId)).toBe(before);
    expect((await stateOf(sys(), memberId)).stage).toBe('REFERRED');
  });

  it('refuses timestamps in the future, before the journey began, or before the act they follow, changing nothing', async () => {
    const { memberId, body } = await referNow(sys());
    const before = await sys().historyLength(memberId);
    const future = await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: iso((await sys().now()) + 3_600_000) });
    expect([future.status, future.body.code]).toEqual([422, 'timestamp_in_future']);
    const early = await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: iso(Date.parse(body.receivedAt as string) - 60_000) });
    expect([early.status, early.body.code]).toEqual([422, 'timestamp_before_journey']);
    const noOffset = await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: '2026-11-23T10:00:00' });
    expect([noOffset.status, noOffset.body.code]).toEqual([400, 'invalid_body']);
    expect(noOffset.body.errors).toContainEqual(expect.objectContaining({ path: 'decidedAt' }));
    expect(await sys().historyLength(memberId)).toBe(before);

    const authorizedAt = iso(Date.parse(body.receivedAt as string) + 1_000);
    const assignedAt = iso(Date.parse(body.receivedAt as string) + 2_000);
    await sys().skipTo(Date.parse(assignedAt));
    expect((await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: authorizedAt })).status).toBe(200);
    expect((await sys().request('POST', `/v1/members/${memberId}/assignment`, { providerId: 'P1', assignedAt })).status).toBe(200);
    const beforeAssignment = await sys().request('POST', `/v1/members/${memberId}/lead-care-manager`, { careManagerId: 'LCM-1', at: authorizedAt });
    expect([beforeAssignment.status, beforeAssignment.body.code]).toEqual([422, 'timestamp_out_of_order']);
    expect((await stateOf(sys(), memberId)).stage).toBe('ASSIGNED');
  });

  it('answers bad input with a problem document and machine-readable reasons', async () => {
    const { memberId } = await referNow(sys());
    const invalid = await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'maybe' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('invalid_body');
    expect(invalid.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['decidedAt', 'decision']);
    const notJson = await sys().request('POST', `/v1/members/${memberId}/authorization`, '{"decision":', { 'content-type': 'application/json' });
    expect([notJson.status, notJson.body.code]).toEqual([400, 'invalid_json']);
    const unknown = await sys().request('GET', `/v1/members/mbr_${'0'.repeat(32)}`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'member_not_found']);
    const malformed = await sys().request('GET', '/v1/members/not-a-member');
    expect([malformed.status, malformed.body.code]).toEqual([404, 'member_not_found']);
    const badReferral = await sys().request('POST', '/v1/referrals', { ...referralBody(iso(await sys().now())), source: 'fax', populationsOfFocus: ['11'] });
    expect(badReferral.status).toBe(400);
    expect(badReferral.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['source', 'populationsOfFocus.0']));
    const futureReferral = await sys().request('POST', '/v1/referrals', referralBody(iso((await sys().now()) + 3_600_000)));
    expect([futureReferral.status, futureReferral.body.code]).toEqual([422, 'timestamp_in_future']);
    // No error echoes member data back.
    expect(JSON.stringify([invalid.body, badReferral.body])).not.toMatch(/Quintero|Rosalind/);
  });

  it('an action delivered twice has one effect in the workflow and one row in the care record', async () => {
    const { memberId } = await referNow(sys());
    const body = { decision: 'approved', decidedAt: iso(await sys().now()) };
    const first = await sys().request('POST', `/v1/members/${memberId}/authorization`, body, { 'Idempotency-Key': 'auth-key-0001' });
    const length = await sys().historyLength(memberId);
    const second = await sys().request('POST', `/v1/members/${memberId}/authorization`, body, { 'Idempotency-Key': 'auth-key-0001' });
    expect(first.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await sys().historyLength(memberId)).toBe(length);
    const rows = await db().pool.query(`SELECT count(*)::int AS n FROM journey_events WHERE member_id = $1 AND kind = 'authorization'`, [memberId]);
    expect(rows.rows[0].n).toBe(1);
    const record = await db().pool.query(
      `SELECT (SELECT count(*)::int FROM authorizations a JOIN referrals r USING (referral_key) WHERE r.member_id = $1) AS authorizations,
              (SELECT count(*)::int FROM authorization_periods p JOIN referrals r USING (referral_key) WHERE r.member_id = $1) AS periods`,
      [memberId],
    );
    expect(record.rows[0]).toEqual({ authorizations: 1, periods: 1 });
    const reused = await sys().request('POST', `/v1/members/${memberId}/authorization`, { ...body, decision: 'denied', reason: 'x' }, { 'Idempotency-Key': 'auth-key-0001' });
    expect([reused.status, reused.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect((await stateOf(sys(), memberId)).stage).toBe('AUTHORIZED');
  });

  it('a referral delivered twice, even concurrently, starts one journey and writes the member and referral once', async () => {
    const body = referralBody(iso(await sys().now()));
    // Six at once: whichever writes the referral row or starts the journey first, all get the same answer.
    const concurrent = await Promise.all(Array.from({ length: 6 }, () => sys().request('POST', '/v1/referrals', body)));
    const a = concurrent[0]!;
    const c = await sys().request('POST', '/v1/referrals', body);
    expect([...concurrent, c].map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202, 202]);
    expect(new Set([...concurrent, c].map((r) => r.body.memberId)).size).toBe(1);
    const memberId = a.body.memberId as string;
    expect(a.headers.get('location')).toBe(`/v1/members/${memberId}`);
    const runs = [];
    for await (const w of sys().client.workflow.list({ query: `WorkflowId = '${memberJourneyWorkflowId(memberId)}'` })) runs.push(w.runId);
    expect(runs).toHaveLength(1);
    await eventually(async () => {
      const counts = await db().pool.query(
        `SELECT (SELECT count(*) FROM members WHERE member_id = $1)::int AS members,
                (SELECT count(*) FROM referrals WHERE member_id = $1)::int AS referrals`,
        [memberId],
      );
      expect(counts.rows[0]).toEqual({ members: 1, referrals: 1 });
    });
  });

  it('a new referral for a member whose journey is open answers 409 with the journey’s link; a changed body under the same referral ID is a conflict', async () => {
    const { memberId, body } = await referNow(sys());
    const another = await sys().request('POST', '/v1/referrals', { ...referralBody(body.receivedAt as string), member: body.member });
    expect(another.status).toBe(409);
    expect(another.body).toMatchObject({ code: 'journey_open', memberId, links: { journey: `/v1/members/${memberId}` } });
    const changed = await sys().request('POST', '/v1/referrals', { ...body, expedited: true });
    expect([changed.status, changed.body.code]).toEqual([409, 'referral_conflict']);
  });

  it('after a denial ends the journey, a new referral for the same member starts a new one', async () => {
    const { memberId, body } = await referNow(sys());
    const now = iso(await sys().now());
    expect((await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'denied', decidedAt: now, reason: 'not eligible' })).status).toBe(200);
    await sys().client.workflow.getHandle(memberJourneyWorkflowId(memberId)).result();
    const again = await sys().request('POST', '/v1/referrals', { ...referralBody(iso(await sys().now())), member: body.member });
    expect(again.status).toBe(202);
    expect(again.body.memberId).toBe(memberId);
    expect((await stateOf(sys(), memberId)).stage).toBe('REFERRED');
    // The first referral, redelivered, is still the one the plan sent: the same 202 as its first
    // delivery (the care record knows it), not a new referral, and it starts nothing.
    const redelivered = await sys().request('POST', '/v1/referrals', body);
    expect([redelivered.status, redelivered.body.memberId]).toEqual([202, memberId]);
    expect((await stateOf(sys(), memberId)).stage).toBe('REFERRED');
  });

  it('ops see stage, plan, next deadline and overdue as search attributes, filterable in visibility, with no PHI anywhere in them', async () => {
    const { memberId, body } = await referNow(sys());
    const state = await stateOf(sys(), memberId);
    const sa = await eventually(async () => {
      const attrs = await searchAttributesOf(sys(), memberId);
      expect(attrs.EcmNextDeadline).toBeDefined();
      return attrs;
    });
    expect(sa.EcmStage).toEqual(['REFERRED']);
    expect(sa.EcmPlan).toEqual(['LA-CARE']);
    expect(sa.EcmOverdue).toEqual([false]);
    expect((sa.EcmNextDeadline![0] as Date).getTime()).toBe(Date.parse(state.nextDeadline.dueAt));
    const found = [];
    for await (const w of sys().client.workflow.list({ query: `EcmStage = 'REFERRED' AND EcmOverdue = false AND WorkflowId = '${memberJourneyWorkflowId(memberId)}'` })) found.push(w.workflowId);
    expect(found).toEqual([memberJourneyWorkflowId(memberId)]);

    const member = body.member as { cin: string; name: { given: string; family: string }; dateOfBirth: string };
    const described = await sys().client.workflow.getHandle(memberJourneyWorkflowId(memberId)).describe();
    const visible = JSON.stringify([described.workflowId, described.searchAttributes, described.memo, memberId]);
    for (const phi of [member.cin, member.name.family, member.name.given, member.dateOfBirth, body.referralId as string]) {
      expect(visible).not.toContain(phi);
    }
  });

  it('R-AUTH-ROUTINE: the pending timers in the Web UI are summarised by rule ID and due instant, the due-soon warning’s too', async () => {
    const { memberId } = await referNow(sys());
    const state = await stateOf(sys(), memberId);
    const due = state.deadlines.find((d: { rule: string }) => d.rule === 'R-AUTH-ROUTINE').dueAt as string;
    const history = await sys().client.workflow.getHandle(memberJourneyWorkflowId(memberId)).fetchHistory();
    // Summaries are sealed like every payload; the Web UI reads them through the codec server.
    const codec = new AesGcmPayloadCodec(TEST_PAYLOAD_KEYS);
    const summaries = await Promise.all(
      history.events!
        .filter((e) => e.timerStartedEventAttributes)
        .map(async (e) => defaultPayloadConverter.fromPayload<string>((await codec.decode([e.userMetadata!.summary! as never]))[0]!)),
    );
    // Seconds precision: "…T23:59:59-08:00".
    expect(summaries).toContain(`R-AUTH-ROUTINE due ${due.slice(0, 19)}${due.slice(23)}`);
    expect(summaries.every((s) => /^R-[A-Z0-9-]+ due(-soon)? \d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?[+-]\d\d:\d\d$/.test(s))).toBe(true);
    // Issue 14: its due-soon warning is a timer of its own, named by the rule too, firing before the due instant.
    const warning = summaries.find((s) => s.startsWith('R-AUTH-ROUTINE due-soon '));
    expect(warning).toBeDefined();
    expect(Date.parse(warning!.slice('R-AUTH-ROUTINE due-soon '.length))).toBeLessThan(Date.parse(due));
  });

  it('replays a finished journey’s history deterministically with the current workflow code', async () => {
    const { memberId } = await referNow(sys());
    const now = iso(await sys().now());
    await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: now });
    await sys().request('POST', `/v1/members/${memberId}/assignment`, { providerId: 'P1', assignedAt: now });
    await sys().request('POST', `/v1/members/${memberId}/assignment/response`, { response: 'declined', reason: 'at_capacity', at: now });
    await sys().request('POST', `/v1/members/${memberId}/assignment`, { providerId: 'P2', assignedAt: now });
    await sys().request('POST', `/v1/members/${memberId}/lead-care-manager`, { careManagerId: 'LCM-1', at: now });
    const history = await sys().client.workflow.getHandle(memberJourneyWorkflowId(memberId)).fetchHistory();
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: encryptingDataConverter(TEST_PAYLOAD_KEYS) },
      history,
      memberJourneyWorkflowId(memberId),
    );
  });

  it('R-CASELOAD-50: naming a Lead Care Manager who already serves 50 members (across plans) is refused, and the journey’s history is unchanged', async () => {
    const { memberId } = await referNow(sys());
    const now = iso(await sys().now());
    await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: now });
    await sys().request('POST', `/v1/members/${memberId}/assignment`, { providerId: 'PROV-ACME', assignedAt: now });
    for (let i = 0; i < 50; i++) {
      const reservationKey = `seed:${memberId}:${i}`;
      await reserveLeadCareManager(db().pool, { reservationKey, memberId: `mbr_seed_${memberId}_${i}`, careManagerId: `LCM-FULL-${memberId}`, plan: i % 2 ? 'HEALTH-NET' : 'LA-CARE', providerId: 'PROV-ACME', at: now });
      await confirmLeadCareManager(db().pool, { reservationKey });
    }
    const before = await sys().historyLength(memberId);
    const res = await sys().request('POST', `/v1/members/${memberId}/lead-care-manager`, { careManagerId: `LCM-FULL-${memberId}`, at: now });
    expect([res.status, res.body.code, res.body.caseload, res.body.limit]).toEqual([409, 'caseload_full', 50, 50]);
    expect(await sys().historyLength(memberId)).toBe(before);
    expect((await stateOf(sys(), memberId)).stage).toBe('ASSIGNED');
    // Another Lead Care Manager is fine, and holds exactly one slot.
    expect((await sys().request('POST', `/v1/members/${memberId}/lead-care-manager`, { careManagerId: `LCM-FREE-${memberId}`, at: now })).status).toBe(200);
    expect(await caseloadOf(db().pool, `LCM-FREE-${memberId}`)).toBe(1);
  });

  it('R-PCQ-WINDOW: a PCQ months before the window opens is refused with its reason and leaves the history unchanged', async () => {
    const { memberId } = await referNow(sys());
    const now = iso(await sys().now());
    for (const [path, body] of [
      ['/authorization', { decision: 'approved', decidedAt: now }],
      ['/assignment', { providerId: 'PROV-ACME', assignedAt: now }],
      ['/lead-care-manager', { careManagerId: `LCM-PCQ-${memberId}`, at: now }],
      ['/enrollment', { consent: 'written', recordedBy: 'LCM-1', at: now }],
    ] as const) {
      expect((await sys().request('POST', `/v1/members/${memberId}${path}`, body)).status).toBe(200);
    }
    const before = await sys().historyLength(memberId);
    const res = await sys().request('POST', `/v1/members/${memberId}/pcq`, { submittedAt: now, recommendation: 'continue' });
    expect([res.status, res.body.code]).toEqual([422, 'pcq_window_not_open']);
    const bad = await sys().request('POST', `/v1/members/${memberId}/outreach-attempts`, { at: now, method: 'carrier pigeon', result: 'reached', minutes: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['method', 'minutes']);
    const wrongStage = await sys().request('POST', `/v1/members/${memberId}/outreach-attempts`, { at: now, method: 'phone', result: 'reached', minutes: 5 });
    expect([wrongStage.status, wrongStage.body.code]).toEqual([409, 'wrong_stage']);
    expect(await sys().historyLength(memberId)).toBe(before);
  });

  it('the stage history keeps who acted, as the verified token names them, not as a header claims', async () => {
    const { memberId } = await referNow(sys());
    const now = iso(await sys().now());
    const reviewer = { subject: 'plan-reviewer-7', role: 'plan', organisation: 'LA-CARE' } as const;
    const res = await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: now }, { ...(await bearer(reviewer)), 'X-Actor-Id': 'someone-else' });
    expect(res.status).toBe(200);
    expect((await stateOf(sys(), memberId)).stageHistory.at(-1)).toMatchObject({ stage: 'AUTHORIZED', action: 'authorization', actor: 'plan-reviewer-7' });
  });
});
