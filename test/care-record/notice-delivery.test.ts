/**
 * R-DENIAL-NOA: a Notice of Action as the sendNoticeOfAction activity records and delivers it,
 * against a real PostgreSQL and the real filesystem: what the notice carries, its per-journey key,
 * its delivery status and attempts, and the letter file (written once, whatever the retries).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordReferral } from '../../activities/care-record/record-referral';
import { reportToPlan } from '../../activities/care-record/report-to-plan';
import { sendNoticeOfAction } from '../../activities/care-record/send-notice-of-action';
import type { NoticeOfActionRecord, ReferralRecord } from '../../activities/care-record/types';
import { deliverNoticeOfAction } from '../../activities/notices/deliver-notice-of-action';
import { letterFileTransport } from '../../activities/notices/letter-file-transport';
import type { NoticeDelivery } from '../../activities/notices/notice-transport';
import { deriveMemberId, deriveReferralKey } from '../../src/infra/identity';
import { createLogger } from '../../src/infra/logger';
import type { PlanPolicies } from '../../src/core/plan-policies';
import { uniqueCin } from '../support/referrals';
import { createTestDatabase, type TestDatabase } from '../support/test-system';

const KEY = 'notice-test-key-0123456789';
const PLAN = 'LA-CARE';
const NAME = { given: 'Rosalind', family: 'Quintero-Vasquez' };
const ADDRESS = '1200 W 7th St, Los Angeles, CA 90017';

let db: TestDatabase;
const logLines: string[] = [];
const log = createLogger('info', { write: (line: string) => void logLines.push(line) });
const dirs: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-notices-'));
  dirs.push(dir);
  return dir;
}

/** A member with one journey in the care record, as the referral activity writes it. */
async function journey(overrides: Partial<ReferralRecord> = {}): Promise<{ memberId: string; referralKey: string }> {
  const cin = uniqueCin();
  const referralId = `REF-${randomUUID()}`;
  const referral: ReferralRecord = {
    memberId: deriveMemberId(KEY, PLAN, cin),
    plan: PLAN,
    referralId,
    referralKey: deriveReferralKey(KEY, PLAN, referralId),
    receivedAt: '2030-11-13T09:00:00-08:00',
    source: 'provider',
    referringProviderId: 'PROV-REFERRER',
    expedited: false,
    presumptive: false,
    populationsOfFocus: ['1a'],
    member: { cin, name: NAME, dateOfBirth: '1961-04-17', language: 'Spanish', contact: { phone: '+1-213-555-0142', address: ADDRESS } },
    ...overrides,
  };
  await recordReferral(db.pool, referral);
  return { memberId: referral.memberId, referralKey: referral.referralKey };
}

function denial(j: { memberId: string; referralKey: string }, noticeKey = 'auto:0123456789abcdef0123456789abcdef:notice'): NoticeOfActionRecord {
  return { ...j, noticeKey, noticeType: 'denial', reason: 'Does not meet any Population of Focus', decidedAt: '2030-11-14T10:00:00-08:00', recipients: ['member', 'requester'] };
}

async function noticesOf(memberId: string) {
  const { rows } = await db.pool.query('SELECT * FROM notices_of_action WHERE member_id = $1 ORDER BY seq', [memberId]);
  return rows;
}

function delivery(dir: string, plans: PlanPolicies = {}): NoticeDelivery {
  return { plans, transport: letterFileTransport(dir) };
}

describe('Notices of Action: recorded, delivered, kept', () => {
  it('R-DENIAL-NOA: the same notice key in two journeys (byte-identical denials, no Idempotency-Key) makes two notices, one per member', async () => {
    const dir = dataDir();
    const a = await journey();
    const b = await journey();
    // The key the workflow derives from an action key that is a fingerprint of route + body only.
    await sendNoticeOfAction(db.pool, log, delivery(dir), denial(a));
    await sendNoticeOfAction(db.pool, log, delivery(dir), denial(b));
    const [na] = await noticesOf(a.memberId);
    const [nb] = await noticesOf(b.memberId);
    expect(na).toBeDefined();
    expect(nb).toBeDefined();
    expect(na.notice_id).not.toBe(nb.notice_id);
    expect(readdirSync(join(dir, 'notices', PLAN)).sort()).toEqual([`${na.notice_id}.txt`, `${nb.notice_id}.txt`].sort());
  });

  it('R-UNREACHABLE: the same report key in two journeys makes two plan reports, one per member', async () => {
    const a = await journey();
    const b = await journey();
    const report = { reportKey: 'auto:0123456789abcdef0123456789abcdef:report', plan: PLAN, report: 'outreach_outcome', outcome: 'unreachable', at: '2030-12-14T10:00:00-08:00' } as const;
    await reportToPlan(db.pool, { ...a, ...report });
    await reportToPlan(db.pool, { ...b, ...report });
    // A redelivery within one journey still adds nothing.
    await reportToPlan(db.pool, { ...a, ...report });
    const { rows } = await db.pool.query('SELECT member_id, count(*)::int AS n FROM plan_reports WHERE member_id = ANY($1) GROUP BY member_id ORDER BY member_id', [[a.memberId, b.memberId]]);
    expect(rows).toEqual([a.memberId, b.memberId].sort().map((member_id) => ({ member_id, n: 1 })));
  });

  it('R-DENIAL-NOA: a notice carries type, reason, decision date, recipients and the default APL 21-011 appeal-rights statement, and is sent once as a letter file under DATA_DIR', async () => {
    const dir = dataDir();
    const j = await journey();
    const notice = denial(j);
    await sendNoticeOfAction(db.pool, log, delivery(dir), notice);
    // A retried activity (Temporal redelivers after a worker crash) leaves one row, one letter, one attempt.
    await sendNoticeOfAction(db.pool, log, delivery(dir), notice);
    const rows = await noticesOf(j.memberId);
    expect(rows).toHaveLength(1);
    const n = rows[0];
    expect(n).toMatchObject({
      plan: PLAN,
      notice_type: 'denial',
      reason: notice.reason,
      recipients: ['member', 'requester'],
      template: 'default',
      delivery_status: 'sent',
      delivery_attempts: 1,
      transport: 'letter-file',
      delivery_reference: join('notices', PLAN, `${n.notice_id}.txt`),
      delivery_error: null,
      failed_at: null,
    });
    expect(n.notice_id).toMatch(/^noa_[0-9a-f]{32}$/);
    expect(n.decided_at.toISOString()).toBe(new Date(notice.decidedAt).toISOString());
    expect(n.sent_at).toBeInstanceOf(Date);
    // APL 21-011 "Your Rights": appeal with the plan within 60 days, then a State Hearing, aid while appealing, free help.
    for (const right of ['60 days from the date of this notice', 'State Hearing', 'continue while you appeal', 'interpreter at no cost']) {
      expect(n.appeal_rights).toContain(right);
    }
    expect(n.appeal_rights).not.toContain('{{');

    const files = readdirSync(join(dir, 'notices', PLAN));
    expect(files).toEqual([`${n.notice_id}.txt`]);
    const letterPath = join(dir, n.delivery_reference);
    // The letter is addressed to the member (PHI), so only its owner may read it.
    expect(statSync(letterPath).mode & 0o777).toBe(0o600);
    const letter = readFileSync(letterPath, 'utf8');
    expect(letter).toContain(`To: ${NAME.given} ${NAME.family}`);
    expect(letter).toContain(ADDRESS);
    expect(letter).toContain('Copy to: ECM provider PROV-REFERRER');
    expect(letter).toContain(`Reason: ${notice.reason}`);
    // Decided Thu 2030-11-14 10:00 Pacific: the decision date is the plan's local date.
    expect(letter).toContain('Date of the decision: 2030-11-14');
    expect(letter).toContain(n.appeal_rights.trimEnd());
    // The logs name no member detail, and no letter text.
    expect(logLines.join('\n')).not.toContain(NAME.family);
  });

  it('R-DENIAL-NOA: a plan’s own template supplies the plan’s name, Member Services line and appeal-rights text', async () => {
    const dir = dataDir();
    const j = await journey();
    const plans: PlanPolicies = {
      [PLAN]: { notice: { planName: 'L.A. Care Health Plan', memberServices: '1-800-555-0199 (TTY 711)', appealRights: 'YOUR RIGHTS\nAsk {{planName}} for an appeal within 60 days: call {{memberServices}}.' } },
    };
    await sendNoticeOfAction(db.pool, log, delivery(dir, plans), denial(j));
    const [n] = await noticesOf(j.memberId);
    expect(n.template).toBe(PLAN);
    expect(n.appeal_rights).toBe('YOUR RIGHTS\nAsk L.A. Care Health Plan for an appeal within 60 days: call 1-800-555-0199 (TTY 711).');
    const letter = readFileSync(join(dir, n.delivery_reference), 'utf8');
    expect(letter.split('\n')[0]).toBe('L.A. Care Health Plan');
    expect(letter).toContain(n.appeal_rights);
  });

  it('R-DENIAL-NOA: a transport that cannot deliver leaves the notice failed, with when, a code and the attempt counted; the next run sends it', async () => {
    const dir = dataDir();
    // DATA_DIR/notices is a file, not a directory: the letter cannot be written.
    writeFileSync(join(dir, 'notices'), '');
    const j = await journey();
    const notice = denial(j);
    await sendNoticeOfAction(db.pool, log, delivery(dir), notice);
    let [n] = await noticesOf(j.memberId);
    expect(n).toMatchObject({ delivery_status: 'failed', delivery_attempts: 1, sent_at: null, transport: 'letter-file' });
    expect(n.failed_at).toBeInstanceOf(Date);
    expect(n.delivery_error).toMatch(/^file_e[a-z]+$/);
    expect(logLines.some((l) => l.includes(n.notice_id) && l.includes('not delivered'))).toBe(true);

    rmSync(join(dir, 'notices'));
    await sendNoticeOfAction(db.pool, log, delivery(dir), notice);
    [n] = await noticesOf(j.memberId);
    expect(n).toMatchObject({ delivery_status: 'sent', delivery_attempts: 2, delivery_error: null });
    expect(n.sent_at).toBeInstanceOf(Date);
    expect(readdirSync(join(dir, 'notices', PLAN))).toEqual([`${n.notice_id}.txt`]);
  });

  it('R-DENIAL-NOA: deliverNoticeOfAction throws (retryably, naming only the notice ID) while the notice cannot be sent, counting each try, and settles once it is sent', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, 'notices'), '');
    const j = await journey();
    const notice = denial(j);
    await sendNoticeOfAction(db.pool, log, delivery(dir), notice);
    const keys = { referralKey: j.referralKey, noticeKey: notice.noticeKey };
    const failure = await deliverNoticeOfAction(db.pool, log, delivery(dir), keys).then(() => undefined, (err: unknown) => err);
    const [failed] = await noticesOf(j.memberId);
    expect(failure).toMatchObject({ type: 'NoticeNotDelivered', nonRetryable: false, message: `notice ${failed.notice_id} not delivered yet` });
    expect(failed).toMatchObject({ delivery_status: 'failed', delivery_attempts: 2 });
    rmSync(join(dir, 'notices'));
    await deliverNoticeOfAction(db.pool, log, delivery(dir), keys);
    // Sent: a further run changes nothing.
    await deliverNoticeOfAction(db.pool, log, delivery(dir), keys);
    const [sent] = await noticesOf(j.memberId);
    expect(sent).toMatchObject({ delivery_status: 'sent', delivery_attempts: 3 });
    expect(readdirSync(join(dir, 'notices', PLAN))).toEqual([`${sent.notice_id}.txt`]);
  });

  it('R-DENIAL-NOA: a letter already written (the worker died before recording it) is not rewritten; the notice is then recorded as sent', async () => {
    const dir = dataDir();
    const j = await journey();
    const notice = denial(j);
    // First delivery attempt with no transport (outbox): the notice is recorded and stays pending.
    await sendNoticeOfAction(db.pool, log, { plans: {} }, notice);
    let [n] = await noticesOf(j.memberId);
    expect(n).toMatchObject({ delivery_status: 'pending', delivery_attempts: 0, sent_at: null });
    const path = join(dir, 'notices', PLAN, `${n.notice_id}.txt`);
    await letterFileTransport(dir).deliver({ noticeId: n.notice_id, plan: PLAN, text: 'the letter as first written' });
    await sendNoticeOfAction(db.pool, log, delivery(dir), notice);
    [n] = await noticesOf(j.memberId);
    expect(n).toMatchObject({ delivery_status: 'sent', delivery_attempts: 1 });
    expect(readFileSync(path, 'utf8')).toBe('the letter as first written');
    expect(readdirSync(join(dir, 'notices', PLAN))).toEqual([`${n.notice_id}.txt`]);
  });

  it('R-DENIAL-NOA: a notice is never filed under a journey of another member', async () => {
    const a = await journey();
    const b = await journey();
    await expect(sendNoticeOfAction(db.pool, log, delivery(dataDir()), denial({ memberId: a.memberId, referralKey: b.referralKey }))).rejects.toThrow(/another member/);
    expect(await noticesOf(a.memberId)).toEqual([]);
  });
});
