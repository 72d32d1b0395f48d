/**
 * Issue 12 §3: the RTF, OTF and Staffing and Capacity files of a month, fetched through the API,
 * parsed back with csv-parse and checked cell by cell against the care record; journeys driven
 * through the API to different stages (outreach attempts, a care plan, a discontinuation, a
 * closed-loop referral). Month bounds in the plan's zone; another provider's request is 404 and audited.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysInMonth, localDateOf, zonedInstant } from '../../src/core/calendar';
import { formatInstant as formatZoned } from '../../src/core/domain/deadline';
import { formatReportMonth, nextMonth } from '../../src/core/reports/report-month';
import { RTF_COLUMNS } from '../../src/core/reports/report-columns';
import { active, enrolled, inOutreach, ok } from '../support/journey-driver';
import { bearer, caller, createTestDatabase, startTestSystem, type TestDatabase, type TestSystem } from '../support/test-system';

const TZ = 'America/Los_Angeles';
const PLAN = caller('plan', 'LA-CARE');
const ACME = caller('provider', 'PROV-ACME');
const OTHER = caller('provider', 'PROV-OTHER');
const providers = {
  'PROV-ACME': { name: 'Acme Community Health', npi: '1234567893', tin: '123456789', phone: '+1-213-555-0199', providerType: 'CBO',
    leadCareManagers: { 'LCM-R1': { name: 'Dana Park', phone: '+1-213-555-0101', email: 'dana@acme.example' }, 'LCM-R2': { name: 'Lee Chan' } } },
  'PROV-OTHER': { name: 'Other Clinic', npi: '1245319599', tin: '987654321', leadCareManagers: {} },
};
const plans = { 'LA-CARE': { reports: { mcpId: 'LACARE-306', mcpName: 'L.A. Care Health Plan' } } };

describe('the monthly files from the care record', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  let month: { year: number; month: number };
  let at: (day: number, time: string) => string;
  const members: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    sys = await startTestSystem(db, { providers, plans });
    const today = localDateOf(await sys.now(), TZ);
    month = nextMonth({ year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) });
    const ym = formatReportMonth(month);
    at = (day, time) => formatZoned(zonedInstant(`${ym}-${String(day).padStart(2, '0')}`, time.slice(0, 5), TZ), TZ);
    const last = daysInMonth(month.year, month.month);

    // The harness's clock only moves forward, so every act below is dated in order.
    // Active: assessed, a care plan, a case conference and a closed-loop referral whose loop closed.
    members.active = await active(sys, at(2, '09:00:00'), 'LCM-R1');
    members.outreach = await inOutreach(sys, at(3, '09:00:00'), 'LCM-R1');
    members.discontinued = await enrolled(sys, at(3, '09:00:00'), at(3, '12:00:00'), 'LCM-R2');
    // In outreach: a reached phone call, an attempt at 23:30 Pacific on the last day (already next month in UTC), one just after midnight.
    await ok(sys, members.outreach, '/outreach-attempts', at(4, '11:00:00'), { at: at(4, '11:00:00'), method: 'phone', result: 'reached', minutes: 12 });
    await ok(sys, members.active, '/case-conference', at(5, '10:00:00'), { at: at(5, '10:00:00'), participants: ['LCM-R1', 'PCP-1'] });
    await ok(sys, members.active, '/community-referrals', at(6, '10:00:00'), { referredTo: 'Housing Navigators', serviceType: 'housing', at: at(6, '10:00:00') });
    await ok(sys, members.active, '/community-referrals/clr-1/status', at(8, '10:00:00'), { status: 'closed', closureReason: 'member_declined', at: at(8, '10:00:00') });
    // Enrolled, then discontinued in the month.
    await ok(sys, members.discontinued, '/discontinuation', at(20, '15:00:00'), { reason: 'unable_to_connect', at: at(20, '15:00:00') });
    await ok(sys, members.outreach, '/outreach-attempts', at(last, '23:30:00'), { at: at(last, '23:30:00'), method: 'in_person', result: 'no_answer', minutes: 30 });
    const next = nextMonth(month);
    const firstOfNext = formatZoned(zonedInstant(`${formatReportMonth(next)}-01`, '00:10', TZ), TZ);
    await ok(sys, members.outreach, '/outreach-attempts', firstOfNext, { at: firstOfNext, method: 'mail', result: 'no_answer', minutes: 3 });
  }, 120_000);
  afterAll(async () => {
    await sys?.close();
    await db?.close();
  });

  const fetchFile = async (kind: string, who = ACME, provider = 'PROV-ACME', requestId?: string) =>
    sys.request('GET', `/v1/reports/${kind}?provider=${provider}&month=${formatReportMonth(month)}`, undefined, { ...(await bearer(who)), ...(requestId ? { 'x-request-id': requestId } : {}) });
  const rowsOf = (csv: string) => parse<Record<string, string>>(csv, { columns: true, skip_empty_lines: true });
  const localDate = (d: Date | null) => (d ? localDateOf(d.getTime(), TZ) : '');

  it('RTF: one row per assigned member, each cell as the care record holds it', async () => {
    const res = await fetchFile('rtf');
    expect(res.status, String(res.body)).toBe(200);
    const mm = String(month.month).padStart(2, '0');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename=RTF_1234567893_${mm}${month.year}.csv`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = rowsOf(res.body);
    expect(Object.keys(rows[0]!)).toEqual(RTF_COLUMNS.map(([, header]) => header));
    expect(rows).toHaveLength(3);
    for (const [name, memberId] of Object.entries(members)) {
      const { rows: [m] } = await db.pool.query('SELECT cin, given_name, family_name, contact FROM members WHERE member_id = $1', [memberId]);
      const row = rows.find((r) => r['Member CIN'] === m.cin)!;
      expect(row, name).toBeDefined();
      const { rows: [facts] } = await db.pool.query(
        `SELECT (SELECT min(at) FROM consents WHERE member_id = $1 AND kind = 'opt_in') AS opted_in,
                (SELECT max(at) FROM care_plan_revisions WHERE member_id = $1) AS care_plan,
                (SELECT acuity FROM care_plan_revisions WHERE member_id = $1 ORDER BY version DESC LIMIT 1) AS acuity,
                (SELECT started_at FROM assessments WHERE member_id = $1) AS started, (SELECT completed_at FROM assessments WHERE member_id = $1) AS completed,
                (SELECT max(occurred_at) FROM journey_events WHERE member_id = $1 AND kind = 'case-conference') AS conference`, [memberId]);
      expect(row['Member Last Name']).toBe(m.family_name);
      expect(row['Member First Name']).toBe(m.given_name);
      expect(row['Member Phone']).toBe(m.contact.phone ?? '');
      expect(row['MCP Identifier']).toBe('LACARE-306');
      expect(row['MCP Name']).toBe('L.A. Care Health Plan');
      expect(row['ECM Enrollment Start Date']).toBe(localDate(facts.opted_in));
      expect(row['Date of Latest Care Plan Revision']).toBe(localDate(facts.care_plan));
      expect(row['Acuity']).toBe(facts.acuity ?? '');
      expect(row['Date Assessment Started']).toBe(localDate(facts.started));
      expect(row['Most Recent Completed Assessment Date']).toBe(localDate(facts.completed));
      expect(row['Most Recent Care Conference Date']).toBe(localDate(facts.conference));
      expect([row['ECM Provider Name'], row['ECM Provider NPI'], row['ECM Provider TIN'], row['ECM Provider Phone']]).toEqual(['Acme Community Health', '1234567893', '123456789', '+1-213-555-0199']);
      expect(row['MIF Reporting Period']).toBe(formatReportMonth(month));
      expect(row['RTF Production Date']).toBe(localDateOf(await sys.now(), TZ));
    }
    const byMember = (cin: string) => rows.find((r) => r['Member CIN'] === cin)!;
    const cinOf = async (memberId: string) => (await db.pool.query('SELECT cin FROM members WHERE member_id = $1', [memberId])).rows[0].cin as string;
    const activeRow = byMember(await cinOf(members.active!));
    expect(activeRow['Member ECM Status']).toBe('Enrolled');
    expect([activeRow['Lead Care Manager Name'], activeRow['Lead Care Manager Phone'], activeRow['Lead Care Manager Email']]).toEqual(['Dana Park', '+1-213-555-0101', 'dana@acme.example']);
    expect([activeRow['Closed Loop Referral Status'], activeRow['Date of Referral Status Update'], activeRow['Reason for Loop Closure']]).toEqual(['closed', at(8, '10:00:00').slice(0, 10), 'member_declined']);
    expect(activeRow['Most Recent Encounter Date']).toBe(at(5, '10:00:00').slice(0, 10));
    const outreachRow = byMember(await cinOf(members.outreach!));
    expect([outreachRow['Member ECM Status'], outreachRow['Contact Mode'], outreachRow['ECM Enrollment Start Date']]).toEqual(['Pending', 'Telephonic/Video', '']);
    const gone = byMember(await cinOf(members.discontinued!));
    expect([gone['Member ECM Status'], gone['ECM Discontinuation Date'], gone['Discontinuation Reason Code'], gone['ECM Enrollment End Date']])
      .toEqual(['Discontinued', at(20, '15:00:00').slice(0, 10), 'unable_to_connect', at(20, '15:00:00').slice(0, 10)]);
    expect(gone['Lead Care Manager Name']).toBe('Lee Chan');
  });

  it('OTF: one row per attempt in the month; an attempt at 23:30 Pacific on the last day belongs to that month, one after midnight does not', async () => {
    const res = await fetchFile('otf');
    expect(res.status).toBe(200);
    const rows = rowsOf(res.body);
    const { rows: attempts } = await db.pool.query(
      `SELECT o.at, o.method, o.result, o.minutes, m.cin, m.given_name, m.family_name FROM outreach_attempts o JOIN members m USING (member_id) ORDER BY o.at`);
    const inMonth = attempts.filter((a) => localDateOf(a.at.getTime(), TZ).startsWith(formatReportMonth(month)));
    expect(rows.map((r) => [r['Member CIN'], r['Client Name'], r['Outreach Attempt Date'], r['Outreach Attempt Method'], r['Outreach Attempt Successful'], r['Time Spent (minutes)']]))
      .toEqual(inMonth.map((a) => [a.cin, `${a.family_name}, ${a.given_name}`, localDateOf(a.at.getTime(), TZ), a.method, a.result === 'reached' ? 'Y' : 'N', String(a.minutes)]));
    const last = `${formatReportMonth(month)}-${String(daysInMonth(month.year, month.month)).padStart(2, '0')}`;
    expect(rows.filter((r) => r['Outreach Attempt Date'] === last).map((r) => r['Outreach Attempt Method'])).toEqual(['in_person']);
    expect(rows.some((r) => r['Outreach Attempt Method'] === 'mail')).toBe(false);
    expect(rows.every((r) => r['ECM Provider Type'] === 'CBO' && r['MCP Identifier'] === 'LACARE-306')).toBe(true);
  });

  it('R-CASELOAD-50: capacity per Lead Care Manager against the limit, and the provider total', async () => {
    const res = await fetchFile('capacity', PLAN);
    expect(res.status).toBe(200);
    const rows = rowsOf(res.body);
    const { rows: loads } = await db.pool.query(
      `SELECT care_manager_id, count(*)::int AS n FROM lead_care_manager_caseloads WHERE provider_id = 'PROV-ACME' AND confirmed_at IS NOT NULL AND released_at IS NULL GROUP BY 1`);
    const load = (id: string) => loads.find((l) => l.care_manager_id === id)?.n ?? 0;
    expect(rows.map((r) => [r['Row Type'], r['Lead Care Manager ID'], r['Current Caseload'], r['Caseload Limit (R-CASELOAD-50)'], r['Capacity Left']])).toEqual([
      ['LEAD_CARE_MANAGER', 'LCM-R1', String(load('LCM-R1')), '50', String(50 - load('LCM-R1'))],
      ['LEAD_CARE_MANAGER', 'LCM-R2', String(load('LCM-R2')), '50', String(50 - load('LCM-R2'))],
      ['PROVIDER_TOTAL', '', String(load('LCM-R1') + load('LCM-R2')), '100', String(100 - load('LCM-R1') - load('LCM-R2'))],
    ]);
    expect(load('LCM-R1')).toBe(2);
  });

  it('a provider cannot fetch another provider’s file: 404, and the attempt is audited; the own file audits each member read', async () => {
    const denied = await fetchFile('rtf', OTHER, 'PROV-ACME', 'report-denied-1');
    expect([denied.status, denied.body.code]).toEqual([404, 'not_found']);
    const { rows: audit } = await db.pool.query(`SELECT actor_org, action, outcome, reason, member_id FROM audit_events WHERE client_request_id = 'report-denied-1'`);
    expect(audit).toEqual([{ actor_org: 'PROV-OTHER', action: 'getReturnTransmissionFile', outcome: 'denied', reason: 'not_found', member_id: null }]);
    await fetchFile('rtf', ACME, 'PROV-ACME', 'report-allowed-1');
    const { rows: read } = await db.pool.query(`SELECT member_id FROM audit_events WHERE client_request_id = 'report-allowed-1' AND outcome = 'allowed'`);
    expect(read.map((r) => r.member_id).sort()).toEqual(Object.values(members).sort());
    const ops = await fetchFile('rtf', caller('ops', 'ECM-OPS'));
    expect([ops.status, ops.body.code]).toEqual([403, 'role_not_allowed']);
  });
});
