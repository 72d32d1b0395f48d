/**
 * Issue 12 §2: 200 members already in ECM, at mixed stages, come in as JSON Lines; their past acts
 * are replayed through the journeys' own Updates, dated as they happened. Each member's stage and
 * deadline outcomes are what the hand-written rules below say, computed from the acts' dates (not
 * copied from any output): R-AUTH-ROUTINE 5 business days from the referral, R-LCM-72H 72 hours
 * from the acceptance (ECM-RULES §1: an act dated on time meets it, whenever it is documented).
 */
import { describe, expect, it, vi } from 'vitest';
import { deriveMemberId } from '../../src/infra/identity';
import { useJourneySystem } from '../support/journey-test';
import { iso, referralBody, uniqueCin } from '../support/referrals';
import { bearer, TEST_MEMBER_ID_KEY } from '../support/test-system';
import { completedReport, PLAN } from './mif-fixtures';

// The dev server (the one `npm start` runs): the acts are in the past, so their timers are already
// due and fire at once in real time; nothing here needs time skipped.
const { sys } = useJourneySystem({ server: 'dev' });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Group = 'referred' | 'assigned' | 'lcmOnTime' | 'lcmLate' | 'enrolled' | 'refused';
const GROUPS: readonly Group[] = ['referred', 'assigned', 'lcmOnTime', 'lcmLate', 'enrolled'];

interface Member {
  readonly cin: string;
  readonly group: Group;
  readonly receivedMs: number;
  readonly acceptedMs?: number;
  readonly namedMs?: number;
}

/** The hand-written expectation: the stage the acts lead to, and how each deadline ended. */
function expected(m: Member, nowMs: number) {
  const stage = { referred: 'REFERRED', assigned: 'ASSIGNED', lcmOnTime: 'OUTREACH', lcmLate: 'OUTREACH', enrolled: 'ENROLLED', refused: 'OUTREACH' }[m.group];
  // R-AUTH-ROUTINE: decided at the referral's own instant, else 20 calendar days (over 5 business days) have passed.
  const auth = m.group === 'referred' ? 'breached' : 'met';
  // R-LCM-72H: met when the naming is within 72 hours of the acceptance; with no naming, breached once 72 hours have passed.
  const lcm = m.acceptedMs === undefined ? undefined : m.namedMs !== undefined && m.namedMs - m.acceptedMs <= 72 * HOUR ? 'met' : nowMs - m.acceptedMs > 72 * HOUR ? 'breached' : 'open';
  return { stage, auth, lcm };
}

function lineOf(m: Member, i: number): string {
  const at = (ms: number) => iso(ms);
  const r = m.receivedMs;
  const acts: { action: string; body: Record<string, unknown> }[] = [];
  if (m.group !== 'referred') {
    acts.push({ action: 'decideAuthorization', body: { decision: 'approved', decidedAt: at(r) } });
    acts.push({ action: 'assignProvider', body: { providerId: 'PROV-ACME', assignedAt: at(r + HOUR) } });
    acts.push({ action: 'respondToAssignment', body: { response: 'accepted', at: at(m.acceptedMs!) } });
  }
  if (m.namedMs !== undefined) acts.push({ action: 'nameLeadCareManager', body: { careManagerId: `LCM-IMP-${i}`, at: at(m.namedMs) } });
  if (m.group === 'enrolled') acts.push({ action: 'enrollMember', body: { consent: 'verbal', recordedBy: `LCM-IMP-${i}`, at: at(r + 5 * DAY) } });
  // Dated before the referral: the rules refuse it (ECM-RULES §1), and the row says which act.
  if (m.group === 'refused') acts.push({ action: 'enrollMember', body: { consent: 'verbal', recordedBy: `LCM-IMP-${i}`, at: at(r - DAY) } });
  const referral = referralBody(at(r), { referralId: `LEGACY-${m.cin}`, member: { ...(referralBody(at(r)).member as object), cin: m.cin } });
  return JSON.stringify({ referral, acts });
}

describe('members import (issue 12 §2)', () => {
  it('200 members at mixed stages arrive at the stages and deadline outcomes (R-AUTH-ROUTINE, R-LCM-72H) their acts’ dates give; a row the rules refuse is reported and skipped', { timeout: 300_000 }, async () => {
    const s = sys();
    const nowMs = await s.now();
    const receivedMs = nowMs - 20 * DAY;
    const members: Member[] = Array.from({ length: 200 }, (_, i) => {
      const group: Group = i % 20 === 19 ? 'refused' : GROUPS[i % GROUPS.length]!;
      const acceptedMs = group === 'referred' ? undefined : receivedMs + 2 * HOUR;
      const namedMs = group === 'lcmOnTime' || group === 'enrolled' || group === 'refused' ? acceptedMs! + 71 * HOUR : group === 'lcmLate' ? acceptedMs! + 73 * HOUR : undefined;
      return { cin: uniqueCin(), group, receivedMs, ...(acceptedMs !== undefined ? { acceptedMs } : {}), ...(namedMs !== undefined ? { namedMs } : {}) };
    });
    const file = `${members.map(lineOf).join('\n')}\n`;
    const res = await fetch(`${s.baseUrl}/v1/imports/members?batchSize=25`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...(await bearer(PLAN)) }, body: file });
    const posted = (await res.json()) as { importId: string };
    expect(res.status, JSON.stringify(posted)).toBe(202);

    const report = await completedReport(s, `/v1/imports/members/${posted.importId}`);
    const refused = members.flatMap((m, i) => (m.group === 'refused' ? [i + 1] : []));
    expect(report).toMatchObject({ totalRows: 200, created: 200 - refused.length, rejected: refused.length });
    expect(report.rejectedRows.map((r: any) => r.line)).toEqual(refused);
    for (const r of report.rejectedRows) expect(r.reason).toMatch(/^acts\.4 \(enrollMember\): timestamp_before_journey: /);

    for (const m of members) {
      const memberId = deriveMemberId(TEST_MEMBER_ID_KEY, 'LA-CARE', m.cin);
      const want = expected(m, nowMs);
      // Timers already due fire as the journey starts; wait until the journey shows their outcome.
      await vi.waitFor(async () => {
        const state = (await s.request('GET', `/v1/members/${memberId}`)).body;
        const latest = (rule: string) => [...state.deadlines].reverse().find((d: any) => d.rule === rule)?.status;
        expect({ group: m.group, stage: state.stage, auth: latest('R-AUTH-ROUTINE'), lcm: latest('R-LCM-72H') }).toEqual({ group: m.group, ...want });
      }, { timeout: 30_000, interval: 250 });
    }
  });
});
