/**
 * Issue 9 §2 and §4 end to end (real time-skipping Temporal server, worker, API, PostgreSQL):
 * members acting with byte-identical bodies and no Idempotency-Key each keep their own Notice of
 * Action (R-DENIAL-NOA) and their own plan report (R-UNREACHABLE). The action key is then a
 * fingerprint of route + body, the same for every member, so only the journey can tell them apart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useJourneySystem } from '../support/journey-test';
import { referralBody } from '../support/referrals';
import { requestRetrying503 } from '../support/test-system';

// Received Wed 2030-11-13 09:00 Pacific; decided the next morning, all at the same minute.
const RECEIVED = '2030-11-13T09:00:00.000-08:00';
const DECIDED = '2030-11-14T10:00:00.000-08:00';
const DENIAL = { decision: 'denied', decidedAt: DECIDED, reason: 'Does not meet any Population of Focus' };

// R-OUTREACH-30D without contact: five attempts, five methods, five days, three times of day, one in person.
const ATTEMPTS = [
  { at: '2030-11-14T11:00:00-08:00', method: 'phone', result: 'no_answer', minutes: 5 },
  { at: '2030-11-15T18:30:00-08:00', method: 'text', result: 'no_answer', minutes: 2 },
  { at: '2030-11-18T14:00:00-08:00', method: 'in_person', result: 'not_found', minutes: 45 },
  { at: '2030-11-20T09:00:00-08:00', method: 'mail', result: 'no_answer', minutes: 10 },
  { at: '2030-11-22T19:00:00-08:00', method: 'email', result: 'no_answer', minutes: 3 },
];
const CLOSE = { outcome: 'unreachable', at: '2030-11-23T10:00:00-08:00' };

/** Runs `task` for each item, `width` at a time (the API and the worker are real; 50 at once would only queue). */
async function inBatches<T, R>(items: readonly T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...(await Promise.all(items.slice(i, i + width).map(task))));
  return results;
}

describe('per-member notices and reports', () => {
  const { sys, db } = useJourneySystem();

  /**
   * Posts an action dated `at` without moving the clock: many members act at one instant, which
   * the clock (running on in real time) has already passed; the API accepts a past act.
   */
  async function post(memberId: string, path: string, body: Record<string, unknown>) {
    // Many members at once on a loaded machine: a 503 is retried with the same request, which must still have one effect.
    const res = await requestRetrying503(sys(), 'POST', `/v1/members/${memberId}${path}`, body);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
    return res.body;
  }

  /** `n` members referred at `at` (the clock already there). */
  async function referMany(n: number, at: string): Promise<string[]> {
    return inBatches(Array.from({ length: n }), 10, async () => {
      const res = await sys().request('POST', '/v1/referrals', referralBody(at));
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      return res.body.memberId as string;
    });
  }

  /** `n` members authorized, assigned, accepted and given a Lead Care Manager at `at`: in outreach. */
  async function inOutreachMany(n: number, at: string, careManagerId: string): Promise<string[]> {
    const members = await referMany(n, at);
    await inBatches(members, 10, async (m) => {
      await post(m, '/authorization', { decision: 'approved', decidedAt: at });
      await post(m, '/assignment', { providerId: 'PROV-ACME', assignedAt: at });
      await post(m, '/assignment/response', { response: 'accepted', at });
      await post(m, '/lead-care-manager', { careManagerId, at });
    });
    return members;
  }

  async function noticeCounts(memberIds: readonly string[]) {
    const { rows } = await db().pool.query<{ member_id: string; n: number }>(
      `SELECT member_id, count(*)::int AS n FROM notices_of_action WHERE member_id = ANY($1) GROUP BY member_id`,
      [memberIds],
    );
    return Object.fromEntries(rows.map((r) => [r.member_id, r.n]));
  }

  async function reportCounts(memberIds: readonly string[]) {
    const { rows } = await db().pool.query<{ member_id: string; n: number }>(
      `SELECT member_id, count(*)::int AS n FROM plan_reports WHERE member_id = ANY($1) AND report = 'outreach_outcome' AND outcome = 'unreachable' GROUP BY member_id`,
      [memberIds],
    );
    return Object.fromEntries(rows.map((r) => [r.member_id, r.n]));
  }

  /** Denies every member with one and the same body, no Idempotency-Key. */
  async function denyAll(members: readonly string[]) {
    await sys().skipTo(Date.parse(DECIDED));
    await inBatches(members, 10, (m) => post(m, '/authorization', DENIAL));
  }

  /** Five attempts and the closing, each one body for every member, no Idempotency-Key. */
  async function closeAllUnreachable(members: readonly string[]) {
    for (const a of ATTEMPTS) {
      await sys().skipTo(Date.parse(a.at));
      await inBatches(members, 10, (m) => post(m, '/outreach-attempts', a));
    }
    await sys().skipTo(Date.parse(CLOSE.at));
    await inBatches(members, 10, async (m) => expect((await post(m, '/outreach/close', CLOSE)).stage).toBe('UNREACHABLE'));
  }

  const one = (members: readonly string[]) => Object.fromEntries(members.map((m) => [m, 1]));

  it('R-DENIAL-NOA: two members denied with byte-identical bodies and no Idempotency-Key each get their own Notice of Action, sent as their own letter', async () => {
    await sys().skipTo(Date.parse(RECEIVED));
    const members = await referMany(2, RECEIVED);
    await denyAll(members);
    // R-DENIAL-NOA: one notice per denied member, to the member and the requester, with appeal rights.
    expect(await noticeCounts(members)).toEqual(one(members));
    const { rows } = await db().pool.query(
      `SELECT member_id, notice_id, notice_type, reason, recipients, delivery_status, delivery_attempts, delivery_reference, appeal_rights
       FROM notices_of_action WHERE member_id = ANY($1)`,
      [members],
    );
    expect(new Set(rows.map((r) => r.notice_id)).size).toBe(2);
    for (const r of rows) {
      expect(r).toMatchObject({ notice_type: 'denial', reason: DENIAL.reason, recipients: ['member', 'requester'], delivery_status: 'sent', delivery_attempts: 1 });
      expect(r.appeal_rights).toContain('60 days');
      const letter = readFileSync(join(sys().dataDir, r.delivery_reference), 'utf8');
      expect(letter).toContain(`Member ID: ${r.member_id}`);
      // Decided Thu 2030-11-14 10:00 Pacific.
      expect(letter).toContain('Date of the decision: 2030-11-14');
    }
    // None of the delivery's details reach the logs: no name, no letter.
    expect(sys().logLines.join('\n')).not.toContain('Quintero');
  });

  it('R-UNREACHABLE: two members closed as unreachable with byte-identical bodies and no Idempotency-Key each get their own plan report', async () => {
    await sys().skipTo(Date.parse(RECEIVED));
    const members = await inOutreachMany(2, RECEIVED, 'LCM-NOTICES-2');
    await closeAllUnreachable(members);
    expect(await reportCounts(members)).toEqual(one(members));
  });

  it('R-DENIAL-NOA, R-UNREACHABLE: 50 members acting with byte-identical bodies each end with exactly one notice and one plan report of their own', async () => {
    const N = 50;
    await sys().skipTo(Date.parse(RECEIVED));
    const denied = await referMany(N, RECEIVED);
    // The same for reports: 50 members in outreach, every action body byte-identical (the Lead
    // Care Manager's too: 50 is within R-CASELOAD-50), closed as unreachable.
    const unreachable = await inOutreachMany(N, RECEIVED, 'LCM-NOTICES-50');
    await denyAll(denied);
    await closeAllUnreachable(unreachable);

    expect(await noticeCounts(denied)).toEqual(one(denied));
    const { rows: sent } = await db().pool.query(`SELECT delivery_reference FROM notices_of_action WHERE member_id = ANY($1) AND delivery_status = 'sent'`, [denied]);
    expect(new Set(sent.map((r) => r.delivery_reference)).size).toBe(N);
    expect(sent.every((r) => existsSync(join(sys().dataDir, r.delivery_reference)))).toBe(true);
    expect(await reportCounts(unreachable)).toEqual(one(unreachable));
  });
});
