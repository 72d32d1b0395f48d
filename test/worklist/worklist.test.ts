/**
 * GET /v1/worklist (issue 14 §1): the open and breached deadlines of the caller's members, soonest
 * first, from the care record; filters, cursor paging, and who sees what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, caller, createTestDatabase, startTestSystem, type TestDatabase, type TestSystem } from '../support/test-system';
import { seedJourney } from '../support/care-record-seed';
import { referralBody } from '../support/referrals';
import type { Principal } from '../../src/infra/auth/principal';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Providers and Lead Care Managers of this file only, so seeded rows never meet another test's.
const PROVIDER = 'PROV-WORK';
const LCM = 'LCM-WORK-A';

describe('GET /v1/worklist', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  let now: number;
  const seeded: Record<string, string> = {};

  async function worklist(principal: Principal, query = '') {
    return sys.request('GET', `/v1/worklist${query}`, undefined, await bearer(principal));
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    sys = await startTestSystem(db);
    // A Wednesday 09:00 Pacific, so business days are plain to count.
    now = Date.parse('2031-03-12T09:00:00-07:00');
    await sys.skipTo(now);
    const a1 = await seedJourney(db.pool, {
      providerId: PROVIDER, careManagerId: LCM, stage: 'OUTREACH',
      deadlines: [
        { key: 'R-OUTREACH-30D', rule: 'R-OUTREACH-30D', party: 'provider', dueAt: now + 20 * DAY },
        // The plan's own clock on the same member: the plan's work, not the provider's.
        { key: 'R-AUTH-LAPSE', rule: 'R-AUTH-LAPSE', party: 'plan', dueAt: now + 2 * HOUR },
        { key: 'R-LCM-72H', rule: 'R-LCM-72H', party: 'provider', dueAt: now - 5 * HOUR, status: 'breached' },
      ],
    });
    const a2 = await seedJourney(db.pool, {
      providerId: PROVIDER, careManagerId: LCM, stage: 'ENROLLED',
      deadlines: [
        { key: 'R-ASSESS-START', rule: 'R-ASSESS-START', party: 'provider', dueAt: now + 6 * HOUR },
        // Met: no longer anyone's work.
        { key: 'R-DECLINE-1BD', rule: 'R-DECLINE-1BD', party: 'provider', dueAt: now - DAY, status: 'met' },
        // Breached and then done late: not on the worklist either.
        { key: 'R-LCM-72H', rule: 'R-LCM-72H', party: 'provider', dueAt: now - 2 * DAY, status: 'breached', fulfilledAt: now - DAY },
        { key: 'ep1/R-TCS-24H', rule: 'R-TCS-24H', party: 'lead_care_manager', dueAt: now + 30 * HOUR },
      ],
    });
    const b = await seedJourney(db.pool, {
      providerId: PROVIDER, careManagerId: 'LCM-WORK-B',
      deadlines: [{ key: 'R-OUTREACH-30D', rule: 'R-OUTREACH-30D', party: 'provider', dueAt: now + 10 * DAY }],
    });
    const other = await seedJourney(db.pool, {
      providerId: 'PROV-ELSEWHERE', careManagerId: 'LCM-ELSEWHERE',
      deadlines: [{ key: 'R-OUTREACH-30D', rule: 'R-OUTREACH-30D', party: 'provider', dueAt: now + 3 * DAY }],
    });
    const otherPlan = await seedJourney(db.pool, {
      plan: 'OTHER-PLAN', providerId: PROVIDER, careManagerId: LCM,
      deadlines: [{ key: 'R-CAREPLAN-14D', rule: 'R-CAREPLAN-14D', party: 'provider', dueAt: now + 4 * DAY }],
    });
    Object.assign(seeded, { a1: a1.memberId, a2: a2.memberId, b: b.memberId, other: other.memberId, otherPlan: otherPlan.memberId });
    await db.pool.query(
      `INSERT INTO transitional_care_episodes (episode_key, member_id, referral_key, status, opened_at, sequence) VALUES ('ep1', $1, $2, 'discharged', now(), 1)`,
      [a2.memberId, a2.referralKey],
    );
    await db.pool.query(
      `INSERT INTO transitional_care_tasks (episode_key, task, status, sequence)
       VALUES ('ep1', 'facility_and_member_contacted', 'pending', 1), ('ep1', 'medication_reconciliation', 'pending', 1)`,
    );
  });
  afterAll(async () => {
    await sys?.close();
    await db?.close();
  });

  it('R-LCM-72H, R-ASSESS-START, R-TCS-24H: a Lead Care Manager’s token gets their members’ work, soonest first, naming each rule and its act', async () => {
    const res = await worklist(caller('provider', PROVIDER, LCM));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const items = res.body.items as Record<string, any>[];
    expect(items.map((i) => [i.memberId, i.rule, i.status])).toEqual([
      [seeded.a1, 'R-LCM-72H', 'overdue'],
      [seeded.a2, 'R-ASSESS-START', 'due_soon'],
      [seeded.a2, 'R-TCS-24H', 'open'],
      [seeded.otherPlan, 'R-CAREPLAN-14D', 'open'],
      [seeded.a1, 'R-OUTREACH-30D', 'open'],
    ]);
    expect(items[0]).toMatchObject({
      act: 'Lead Care Manager assigned and outreach begun', responsibleParty: 'provider', stage: 'OUTREACH',
      leadCareManagerId: LCM, providerId: PROVIDER, dueAt: '2031-03-12T04:00:00.000-07:00', links: { journey: `/v1/members/${seeded.a1}` },
    });
    // R-TCS-TASKS: the contact task still pending is what meets R-TCS-24H.
    expect(items[2]).toMatchObject({ responsibleParty: 'lead_care_manager', pendingTasks: ['facility_and_member_contacted'] });
    // The read is audited, naming each member shown.
    const { rows } = await db.pool.query(`SELECT DISTINCT member_id FROM audit_events WHERE action = 'listWorklist' AND actor_org = $1`, [PROVIDER]);
    expect(rows.map((r) => r.member_id).sort()).toEqual([seeded.a1, seeded.a2, seeded.otherPlan].sort());
  });

  it('a Lead Care Manager’s token may not ask for another Lead Care Manager’s worklist', async () => {
    const res = await worklist(caller('provider', PROVIDER, LCM), '?leadCareManager=LCM-WORK-B');
    expect([res.status, res.body.code]).toEqual([403, 'not_lead_care_manager']);
  });

  it('R-AUTH-LAPSE: the plan sees its members’ items, its own rules included; the provider sees its members’ but not the plan’s', async () => {
    const plan = (await worklist(caller('plan', 'LA-CARE'), `?provider=${PROVIDER}`)).body.items as Record<string, any>[];
    expect(plan.map((i) => i.rule)).toEqual(['R-LCM-72H', 'R-AUTH-LAPSE', 'R-ASSESS-START', 'R-TCS-24H', 'R-OUTREACH-30D', 'R-OUTREACH-30D']);
    expect(plan.find((i) => i.rule === 'R-AUTH-LAPSE')).toMatchObject({ responsibleParty: 'plan', status: 'due_soon', act: 'Reauthorization decided before the authorization period ends' });
    expect(plan.map((i) => i.memberId)).not.toContain(seeded.otherPlan);
    const provider = (await worklist(caller('provider', PROVIDER))).body.items as Record<string, any>[];
    expect(provider.map((i) => i.rule)).not.toContain('R-AUTH-LAPSE');
    expect(new Set(provider.map((i) => i.memberId))).toEqual(new Set([seeded.a1, seeded.a2, seeded.b, seeded.otherPlan]));
    // Another provider sees none of them, and may not ask for them.
    const elsewhere = (await worklist(caller('provider', 'PROV-ELSEWHERE'))).body.items as Record<string, any>[];
    expect(elsewhere.map((i) => i.memberId)).toEqual([seeded.other]);
    expect((await worklist(caller('provider', 'PROV-ELSEWHERE'), `?provider=${PROVIDER}`)).status).toBe(403);
    expect((await worklist(caller('plan', 'OTHER-PLAN'), '?plan=LA-CARE')).status).toBe(403);
    const otherPlan = (await worklist(caller('plan', 'OTHER-PLAN'))).body.items as Record<string, any>[];
    expect(otherPlan.map((i) => i.memberId)).toEqual([seeded.otherPlan]);
  });

  it('filters by rule, status, dueBefore, Lead Care Manager and plan', async () => {
    const ops = caller('ops', 'ECM-OPS');
    const rules = async (q: string) => ((await worklist(ops, `?provider=${PROVIDER}&${q}`)).body.items as { rule: string; memberId: string }[]).map((i) => `${i.rule}@${i.memberId}`);
    expect(await rules('rule=R-OUTREACH-30D')).toEqual([`R-OUTREACH-30D@${seeded.b}`, `R-OUTREACH-30D@${seeded.a1}`]);
    expect(await rules('status=overdue')).toEqual([`R-LCM-72H@${seeded.a1}`]);
    expect(await rules('status=due_soon')).toEqual([`R-AUTH-LAPSE@${seeded.a1}`, `R-ASSESS-START@${seeded.a2}`]);
    expect(await rules(`dueBefore=${encodeURIComponent(new Date(now + 6 * HOUR).toISOString())}`)).toEqual([`R-LCM-72H@${seeded.a1}`, `R-AUTH-LAPSE@${seeded.a1}`]);
    expect(await rules('leadCareManager=LCM-WORK-B')).toEqual([`R-OUTREACH-30D@${seeded.b}`]);
    expect(await rules('plan=OTHER-PLAN')).toEqual([`R-CAREPLAN-14D@${seeded.otherPlan}`]);
  });

  it('refuses unknown parameters, unknown rules and statuses, absurd dates and forged cursors', async () => {
    const ops = caller('ops', 'ECM-OPS');
    for (const q of ['?overdue=true', '?rule=R-NOPE', '?status=late', '?dueBefore=2031-03-12', '?dueBefore=9999-01-01T00:00:00Z', '?cursor=not-a-cursor', `?cursor=${Buffer.from('[1,"x","y"]').toString('base64url')}`, '?limit=201']) {
      const res = await worklist(ops, q);
      expect([q, res.status, res.body.code]).toEqual([q, 400, 'invalid_body']);
    }
  });

  it('pages by cursor, stable through a run of equal due instants', async () => {
    const due = now + 40 * DAY;
    const members = [];
    for (let i = 0; i < 5; i++) {
      members.push((await seedJourney(db.pool, { providerId: 'PROV-PAGES', deadlines: [{ key: 'R-CAREPLAN-14D', rule: 'R-CAREPLAN-14D', party: 'provider', dueAt: due }] })).memberId);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await worklist(caller('provider', 'PROV-PAGES'), `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: { memberId: string }) => i.memberId));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(members.sort());
  });

  it('R-AUTH-ROUTINE: a real referral’s first deadline is on the plan’s worklist, due in five business days', async () => {
    const body = referralBody(new Date(now).toISOString());
    const res = await sys.request('POST', '/v1/referrals', body);
    expect(res.status).toBe(202);
    const memberId = res.body.memberId as string;
    await expect.poll(async () => ((await worklist(caller('plan', 'LA-CARE'), '?rule=R-AUTH-ROUTINE')).body.items as { memberId: string }[]).map((i) => i.memberId), { timeout: 15_000 }).toContain(memberId);
    const item = ((await worklist(caller('plan', 'LA-CARE'), '?rule=R-AUTH-ROUTINE')).body.items as Record<string, any>[]).find((i) => i.memberId === memberId);
    expect(item).toMatchObject({ status: 'open', responsibleParty: 'plan', stage: 'REFERRED', act: 'Benefit determination on a routine referral', dueAt: '2031-03-19T23:59:59.999-07:00' });
  });
});
