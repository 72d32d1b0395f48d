/**
 * Issue 12 §1: a plan's Member Information File of 1,000 rows, generated here with bad rows,
 * duplicates, a provider change, an ineligible flag and a member missing from the file, imports
 * with an exact report; the same file again changes nothing. Real time-skipping Temporal, real
 * worker and activities, real PostgreSQL, real HTTP.
 */
import { describe, expect, it } from 'vitest';
import { addDaysToDate, localDateOf, startOfLocalDate } from '../../src/core/calendar';
import { deriveMemberId } from '../../src/infra/identity';
import { useJourneySystem } from '../support/journey-test';
import { iso, referralBody, uniqueCin } from '../support/referrals';
import { bearer, caller, TEST_MEMBER_ID_KEY, type TestSystem } from '../support/test-system';
import { completedReport, csvLine, memberRow, mifFile, PLAN, postMif, usDate } from './mif-fixtures';

const TZ = 'America/Los_Angeles';
const { sys } = useJourneySystem();

/** A journey the plan started through the API, authorized and assigned three days ago. */
async function existingMember(s: TestSystem, cin: string, providerId: string, nowMs: number): Promise<string> {
  const receivedAt = iso(nowMs - 3 * 86_400_000);
  const referral = await s.request('POST', '/v1/referrals', referralBody(receivedAt, { member: { ...(referralBody(receivedAt).member as object), cin } }));
  expect(referral.status, JSON.stringify(referral.body)).toBe(202);
  const memberId = referral.body.memberId as string;
  expect((await s.request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: receivedAt })).status).toBe(200);
  expect((await s.request('POST', `/v1/members/${memberId}/assignment`, { providerId, assignedAt: iso(Date.parse(receivedAt) + 3_600_000) })).status).toBe(200);
  return memberId;
}

async function countRows(s: TestSystem, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await s.pool.query<{ n: string }>(sql, params);
  return Number(rows[0]!.n);
}

describe('MIF import (issue 12)', () => {
  it('imports 1,000 rows with an exact report: created, reconciled (R-PROVIDER-CHANGE-30D, R-DISCONTINUE), unchanged, rejected by line; the same file again changes nothing', { timeout: 300_000 }, async () => {
    const s = sys();
    const nowMs = await s.now();
    const today = localDateOf(nowMs, TZ);
    const twoDaysAgo = addDaysToDate(today, -2);

    // Members already in ECM with PROV-ACME.
    const same = { cin: uniqueCin() };
    const changing = { cin: uniqueCin() };
    const ineligible = { cin: uniqueCin() };
    const missing = { cin: uniqueCin() };
    const unasked = { cin: uniqueCin() };
    const ids = {
      same: await existingMember(s, same.cin, 'PROV-ACME', nowMs),
      changing: await existingMember(s, changing.cin, 'PROV-ACME', nowMs),
      ineligible: await existingMember(s, ineligible.cin, 'PROV-ACME', nowMs),
      missing: await existingMember(s, missing.cin, 'PROV-ACME', nowMs),
      unasked: await existingMember(s, unasked.cin, 'PROV-ACME', nowMs),
    };
    // The member asked to change provider: the file's new provider is the plan's reassignment.
    const asked = await s.request('POST', `/v1/members/${ids.changing}/provider-change`, { requestedAt: iso(nowMs - 2 * 86_400_000) });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);

    const rows: string[] = [];
    const expectedRejected: { line: number; reason: string }[] = [];
    const line = () => rows.length + 2; // the header is line 1
    const reject = (cells: string, reason: string) => {
      expectedRejected.push({ line: line(), reason });
      rows.push(cells);
    };
    const newCins: string[] = [];
    rows.push(csvLine(memberRow(same.cin, 'PROV-ACME', usDate(twoDaysAgo), usDate(today))));
    rows.push(csvLine(memberRow(changing.cin, 'PROV-BETA', usDate(twoDaysAgo), usDate(today))));
    rows.push(csvLine(memberRow(ineligible.cin, 'PROV-ACME', usDate(twoDaysAgo), usDate(today), { eligibility: 'N' })));
    // No change was asked for: the rules refuse moving the member, and the row says so.
    reject(csvLine(memberRow(unasked.cin, 'PROV-BETA', twoDaysAgo, today)), 'wrong_stage: Assigning a provider is not allowed while the journey is ASSIGNED; it needs AUTHORIZED');
    reject(csvLine(memberRow('X1', 'PROV-ACME', twoDaysAgo, today)), 'Member CIN: not a Medi-Cal CIN (8 to 14 letters and digits)');
    reject(csvLine(memberRow(uniqueCin(), 'PROV-ACME', '02/30/2026', today)), 'ECM Authorization Date: not a date (MM/DD/YYYY or YYYY-MM-DD)');
    reject(csvLine(memberRow(uniqueCin(), 'PROV-ACME', twoDaysAgo, addDaysToDate(today, 2))), 'ECM Assignment Date: in the future');
    reject(csvLine(memberRow(uniqueCin(), 'PROV-ACME', twoDaysAgo, today, { familyName: '' })), 'Member Last Name: missing');
    reject(csvLine(memberRow(uniqueCin(), 'PROV-ACME', twoDaysAgo, today, { populationsOfFocus: '42' })), 'Populations of Focus: unknown code');
    reject(`${csvLine(memberRow(uniqueCin(), 'PROV-ACME', twoDaysAgo, today))},extra`, 'expected 11 columns, found 12');
    reject(csvLine(memberRow(uniqueCin(), 'PROV-ACME', twoDaysAgo, today, { eligibility: 'N' })), 'flagged no longer eligible, and the member has no open journey to reconcile');
    while (rows.length < 1000) {
      const n = rows.length;
      if (n % 200 === 0 && newCins.length > 0) {
        // A duplicate of an earlier new member: the first line counts.
        const cin = newCins[newCins.length - 1]!;
        const first = rows.findIndex((r) => r.startsWith(`${cin},`)) + 2;
        reject(csvLine(memberRow(cin, 'PROV-ACME', twoDaysAgo, today)), `duplicate: the member is already on line ${first}`);
        continue;
      }
      const cin = uniqueCin();
      newCins.push(cin);
      // Half the file in MM/DD/YYYY, half ISO; two providers.
      const provider = n % 2 ? 'PROV-ACME' : 'PROV-BETA';
      rows.push(csvLine(n % 3 ? memberRow(cin, provider, usDate(twoDaysAgo), usDate(today)) : memberRow(cin, provider, twoDaysAgo, today)));
    }
    const csv = mifFile(rows);

    const posted = await postMif(s, csv, 100);
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    expect(posted.body.totalRows).toBe(1000);
    const report = await completedReport(s, `/v1/mif/${posted.body.importId}`);
    expect(report).toMatchObject({
      totalRows: 1000, processed: 1000,
      created: newCins.length, reconciled: 2, unchanged: 1, rejected: expectedRejected.length, missing: 1,
    });
    expect(newCins.length + 3 + expectedRejected.length).toBe(1000);
    expect(report.rejectedRows).toEqual(expectedRejected);
    // No value of the file in the report: names, CINs, dates of birth.
    expect(JSON.stringify(report)).not.toMatch(/Okafor|Chidi|1975|[0-9]{8}[A-K]/);

    // A created member: authorized and assigned on the file's dates, the decline window from the assignment.
    const created = deriveMemberId(TEST_MEMBER_ID_KEY, 'LA-CARE', newCins[0]!);
    const state = (await s.request('GET', `/v1/members/${created}`)).body;
    expect(state.stage).toBe('ASSIGNED');
    expect(Date.parse(state.assignment.assignedAt)).toBe(startOfLocalDate(today, TZ));
    expect(Date.parse(state.authorization.decidedAt)).toBe(startOfLocalDate(twoDaysAgo, TZ));
    const decline = state.deadlines.find((d: any) => d.rule === 'R-DECLINE-1BD');
    expect(Date.parse(decline.startedAt)).toBe(startOfLocalDate(today, TZ));
    // The reassignment went through assignProvider as the change the member asked for.
    const moved = (await s.request('GET', `/v1/members/${ids.changing}`)).body;
    expect(moved.assignment.providerId).toBe('PROV-BETA');
    expect(moved.deadlines.find((d: any) => d.rule === 'R-PROVIDER-CHANGE-30D').status).toBe('met');

    // R-DISCONTINUE: the ineligible member and the missing one are the provider's to reconcile, not discontinued.
    const items = await s.request('GET', '/v1/reconciliation-items?provider=PROV-ACME', undefined, await bearer(caller('provider', 'PROV-ACME')));
    expect(items.status).toBe(200);
    expect(items.body.items.map((i: any) => [i.memberId, i.reason, i.resolvedAt]).sort()).toEqual([[ids.ineligible, 'no_longer_eligible', null], [ids.missing, 'missing_from_mif', null]].sort());
    expect((await s.request('GET', `/v1/members/${ids.missing}`)).body.stage).toBe('ASSIGNED');
    expect(await countRows(s, `SELECT count(*) AS n FROM webhook_events WHERE event_type = 'reconciliation.opened'`)).toBe(2);
    // Another provider sees none of them, and may not ask for them.
    const other = await s.request('GET', '/v1/reconciliation-items?provider=PROV-ACME', undefined, await bearer(caller('provider', 'PROV-BETA')));
    expect(other.status).toBe(403);

    // The same file again: the same import, nothing new anywhere.
    const before = {
      journeys: await countRows(s, 'SELECT count(*) AS n FROM member_journeys'),
      events: await countRows(s, 'SELECT count(*) AS n FROM journey_events'),
      items: await countRows(s, 'SELECT count(*) AS n FROM reconciliation_items'),
    };
    const again = await postMif(s, csv, 100);
    expect(again.status).toBe(202);
    expect(again.body.importId).toBe(posted.body.importId);
    expect(await completedReport(s, `/v1/mif/${posted.body.importId}`)).toEqual(report);
    expect({
      journeys: await countRows(s, 'SELECT count(*) AS n FROM member_journeys'),
      events: await countRows(s, 'SELECT count(*) AS n FROM journey_events'),
      items: await countRows(s, 'SELECT count(*) AS n FROM reconciliation_items'),
    }).toEqual(before);

    // Another plan cannot read the report (404, as if none existed), and the refusal is audited.
    const foreign = await s.request('GET', `/v1/mif/${posted.body.importId}`, undefined, await bearer(caller('plan', 'OTHER-PLAN')));
    expect(foreign.status).toBe(404);
    expect(await countRows(s, `SELECT count(*) AS n FROM audit_events WHERE action = 'getMifImport' AND outcome = 'denied' AND actor_org = 'OTHER-PLAN'`)).toBe(1);
    expect(PLAN.organisation).toBe('LA-CARE');
  });
});
