/**
 * One journey-year as a care team lives it, dated act by act: referral, authorization, assignment,
 * acceptance and a Lead Care Manager on day 0; three outreach attempts; consent; assessment and a
 * care plan; then every month four services and every quarter a care-plan review; the PCQ in its
 * window and the reauthorization (which continues the journey as new). Optionally one hospital
 * stay: admission, discharge, the eight transitional-care tasks, and the episode's 30 days.
 */

const DAY = 86_400_000;
/** A Tuesday in Pacific time, far from any holiday edge; R-AUTH-12M then ends 2031-01-14. */
export const YEAR_STARTS = Date.parse('2030-01-15T10:00:00.000-08:00');
/** The year's end: a day after the first authorization ends, after the reauthorization. */
export const YEAR_ENDS = YEAR_STARTS + 366 * DAY;

/** One act of the year, for one member. */
export interface YearAct {
  readonly at: number;
  readonly what: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  /** Posted at `/v1/...` directly, not under the member. */
  readonly global?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

function carePlan(at: number, revisionReason?: string): Record<string, unknown> {
  return {
    at: iso(at),
    goals: [
      { description: 'Stable housing', measure: 'Signed lease', targetDate: date(at + 180 * DAY) },
      { description: 'Diabetes control', measure: 'HbA1c below 8%', targetDate: date(at + 90 * DAY) },
    ],
    problems: ['Homelessness', 'Uncontrolled diabetes'],
    interventions: ['Housing navigation referral', 'PCP visit every month'],
    barriers: ['No phone'],
    acuity: 'high',
    ...(revisionReason ? { revisionReason } : {}),
  };
}

/** The referral that opens the year, for a member of this CIN. */
export function referralOf(cin: string, n: number): Record<string, unknown> {
  return {
    referralId: `REF-SIZING-${process.pid}-${n}`,
    receivedAt: iso(YEAR_STARTS),
    plan: 'LA-CARE',
    member: { cin, name: { given: 'Rosalind', family: 'Quintero-Vasquez' }, dateOfBirth: '1961-04-17', language: 'Spanish', contact: { phone: '+1-213-555-0142' } },
    source: 'community',
    populationsOfFocus: ['1a', '2'],
    expedited: false,
    presumptive: false,
  };
}

const SERVICES = [
  { service: 'care_coordination', minutes: 60, inPerson: true },
  { service: 'health_promotion', minutes: 30, inPerson: false, placeOfService: '10' },
  { service: 'care_coordination', minutes: 45, inPerson: false },
  { service: 'outreach', minutes: 20, inPerson: true },
] as const;

/** A hospital stay in month 6: admitted Sun 2030-07-07, discharged Thu 2030-07-11. */
export const ADMIT = Date.parse('2030-07-07T08:00:00.000-07:00');
export const DISCHARGE = Date.parse('2030-07-11T10:00:00.000-07:00');
export const VISIT_ID = 'V-SIZING-1';
const TCS_TASKS: Record<string, Record<string, unknown>> = {
  facility_and_member_contacted: {},
  discharge_risk_assessment: { lace: { admitDate: '2030-07-07', dischargeDate: '2030-07-11', emergent: true, charlsonScore: 1, edVisitsPrior6Months: 0 } },
  discharge_summary_shared: { sharedWith: ['PCP-77'] },
  medication_reconciliation: { licensed: true },
  closed_loop_referrals: { referrals: [{ referral: 'cardiology', outcome: 'appointment 2030-07-20' }] },
  transportation: {},
  post_discharge_follow_up: {},
  pcp_connection: {},
};

function hospitalStay(cin: string, n: number): YearAct[] {
  const adt = (eventType: string, at: number, extra: Record<string, unknown>): YearAct => ({
    at,
    what: `adt-${eventType}`,
    path: '/v1/adt',
    global: true,
    body: { events: [{ messageId: `MSG-SIZING-${process.pid}-${n}-${eventType}`, eventType, plan: 'LA-CARE', member: { cin }, facility: { id: 'HOSP-1' }, visitId: VISIT_ID, patientClass: 'I', ...extra }] },
  });
  const tasksAt = DISCHARGE + 2 * 3_600_000;
  return [
    adt('A01', ADMIT, { admitAt: iso(ADMIT) }),
    adt('A03', DISCHARGE, { admitAt: iso(ADMIT), dischargeAt: iso(DISCHARGE) }),
    ...Object.entries(TCS_TASKS).map(([task, body]) => ({
      at: tasksAt,
      what: `tcs-${task}`,
      path: `/transitions/${VISIT_ID}/tasks/${task}`,
      body: { outcome: 'done', at: iso(tasksAt), by: 'LCM-0001', ...body },
    })),
    { at: DISCHARGE + 20 * DAY, what: 'care-plan-after-stay', path: '/care-plan', body: carePlan(DISCHARGE + 20 * DAY, 'after hospital stay') },
  ];
}

/** Every act of one member's year after the referral, in time order. */
export function yearOf(cin: string, n: number, withHospitalStay: boolean): YearAct[] {
  const t0 = YEAR_STARTS;
  const acts: YearAct[] = [
    { at: t0, what: 'authorization', path: '/authorization', body: { decision: 'approved', decidedAt: iso(t0) } },
    { at: t0, what: 'assignment', path: '/assignment', body: { providerId: 'PROV-ACME', assignedAt: iso(t0) } },
    { at: t0, what: 'assignment-response', path: '/assignment/response', body: { response: 'accepted', at: iso(t0) } },
    { at: t0, what: 'lead-care-manager', path: '/lead-care-manager', body: { careManagerId: 'LCM-0001', at: iso(t0) } },
  ];
  for (const [i, method] of (['phone', 'text', 'in_person'] as const).entries()) {
    const at = t0 + (1 + 2 * i) * DAY;
    acts.push({ at, what: 'outreach-attempt', path: '/outreach-attempts', body: { at: iso(at), method, result: 'no_answer', minutes: 10 } });
  }
  const enrolled = t0 + 8 * DAY;
  acts.push({ at: enrolled, what: 'enrollment', path: '/enrollment', body: { consent: 'verbal', recordedBy: 'LCM-0001', at: iso(enrolled) } });
  acts.push({ at: t0 + 10 * DAY, what: 'assessment-start', path: '/assessment', body: { action: 'start', at: iso(t0 + 10 * DAY) } });
  acts.push({ at: t0 + 20 * DAY, what: 'care-plan', path: '/care-plan', body: carePlan(t0 + 20 * DAY) });
  acts.push({ at: t0 + 20 * DAY, what: 'assessment-complete', path: '/assessment', body: { action: 'complete', at: iso(t0 + 20 * DAY) } });
  for (let month = 1; month <= 11; month++) {
    SERVICES.forEach((s, week) => {
      const at = t0 + (month * 30 + week * 7 + 1) * DAY;
      acts.push({ at, what: 'service', path: '/services', body: { ...s, at: iso(at), providedBy: 'LCM-0001' } });
    });
    if (month % 3 === 0) acts.push({ at: t0 + (month * 30 + 25) * DAY, what: 'care-plan-review', path: '/care-plan', body: carePlan(t0 + (month * 30 + 25) * DAY, 'quarterly review') });
  }
  // R-PCQ-WINDOW opens 2030-12-15; the plan decides on 2030-12-20 (R-REAUTH-6M: a new run).
  const pcq = Date.parse('2030-12-16T10:00:00.000-08:00');
  acts.push({ at: pcq, what: 'pcq', path: '/pcq', body: { submittedAt: iso(pcq), recommendation: 'continue' } });
  const reauth = Date.parse('2030-12-20T10:00:00.000-08:00');
  acts.push({ at: reauth, what: 'reauthorization', path: '/reauthorization', body: { decision: 'reauthorize', decidedAt: iso(reauth) } });
  if (withHospitalStay) acts.push(...hospitalStay(cin, n));
  return acts.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i).map(({ a }) => a);
}
