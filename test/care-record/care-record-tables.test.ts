/**
 * The care record's detail tables (migrations/1795421400000_care-record-detail.sql), written by
 * recordJourneyEvent through projectCareRecord against a real PostgreSQL. The events are made the
 * way the workflows make them: the journey's and the episode's pure transitions, with the
 * snapshot taken after each write counter step, so the rows prove what production writes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { recordJourneyEvent } from '../../activities/care-record/record-journey-event';
import { recordReferral } from '../../activities/care-record/record-referral';
import type { JourneyEventRecord, ReferralRecord } from '../../activities/care-record/types';
import * as actions from '../../src/core/domain/actions';
import type { ActionEnvelope, Transition } from '../../src/core/domain/actions';
import { episodeSnapshot, journeySnapshot, nextRecordSequence } from '../../src/core/domain/care-record-snapshot';
import { OUTREACH_METHODS, OUTREACH_RESULTS, type JourneyState } from '../../src/core/domain/journey-state';
import { defaultPlanPolicy } from '../../src/core/domain/plan-policy';
import { applyAdtEvent, newEpisode } from '../../src/core/domain/transitional-care/apply-adt-event';
import { completeTask, type TaskCompletionInput } from '../../src/core/domain/transitional-care/complete-task';
import type { EpisodeAdtEvent, EpisodeState } from '../../src/core/domain/transitional-care/episode-state';
import { DEFAULT_MIGRATIONS_DIR, migrateDatabase } from '../../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool, dropDatabaseIfExists, withDatabase } from '../../src/infra/db/pool';

const PLAN = 'LA-CARE';
const policy = defaultPlanPolicy(PLAN);
/** "Now" for the pure checks: after every act below, so none is refused as in the future. */
const NOW = Date.parse('2032-06-01T00:00:00Z');

// A routine referral, Wed 2030-11-13, Pacific time; every act below follows it.
const RECEIVED = '2030-11-13T09:00:00.000-08:00';
const AUTHORIZED = '2030-11-14T10:00:00.000-08:00';
const ASSIGNED_ACME = '2030-11-14T11:00:00.000-08:00';
const DECLINED = '2030-11-15T09:00:00.000-08:00';
const ASSIGNED_BETA = '2030-11-15T10:00:00.000-08:00';
const NAMED = '2030-11-19T09:00:00.000-08:00';
const PHONED = '2030-11-19T13:30:00.000-08:00';
const VISITED = '2030-11-21T14:00:00.000-08:00';
const ENROLLED = '2030-11-21T14:30:00.000-08:00';
const DELAY_ASKED = '2030-11-22T10:00:00.000-08:00';
const ASSESSED = '2030-11-25T10:00:00.000-08:00';
const PLANNED = '2030-12-02T10:00:00.000-08:00';
const ASSESSMENT_DONE = '2030-12-10T10:00:00.000-08:00';
const REVISED = '2030-12-15T10:00:00.000-08:00';
const OPTED_OUT = '2031-01-10T10:00:00.000-08:00';
// Transitional care: admitted Fri 2030-12-20, discharged Mon 2030-12-23.
const ADMITTED = '2030-12-20T08:00:00.000-08:00';
const DISCHARGED = '2030-12-23T12:00:00.000-08:00';
const CONTACTED = '2030-12-20T16:00:00.000-08:00';
const RISK_ASSESSED = '2030-12-23T15:00:00.000-08:00';
const NO_RIDE_NEEDED = '2030-12-23T16:00:00.000-08:00';

/** Every table this change adds, with how to find one journey's rows in it. */
const TABLES = {
  authorizations: 'referral_key = $1',
  authorization_periods: 'referral_key = $1',
  provider_assignments: 'referral_key = $1',
  lead_care_manager_namings: 'referral_key = $1',
  outreach_attempts: 'referral_key = $1',
  consents: 'referral_key = $1',
  assessments: 'referral_key = $1',
  assessment_delays: 'referral_key = $1',
  care_plan_revisions: 'referral_key = $1',
  care_plan_goals: 'referral_key = $1',
  transitional_care_episodes: 'referral_key = $1',
  transitional_care_visits: 'episode_key IN (SELECT episode_key FROM transitional_care_episodes WHERE referral_key = $1)',
  transitional_care_tasks: 'episode_key IN (SELECT episode_key FROM transitional_care_episodes WHERE referral_key = $1)',
} as const;
type Table = keyof typeof TABLES;

let adminUrl: string;
let databaseName: string;
let pool: Pool;
let counter = 0;

beforeAll(async () => {
  // A database of this file's own, migrated like production (test-system.ts does the same, with the whole system).
  adminUrl = inject('postgresAdminUrl');
  databaseName = `ecm_care_record_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await createDatabaseIfMissing(adminUrl, databaseName);
  const url = withDatabase(adminUrl, databaseName);
  await migrateDatabase(url);
  pool = createPool(url);
});
afterAll(async () => {
  await pool?.end();
  if (databaseName) await dropDatabaseIfExists(adminUrl, databaseName);
});

/** A journey driven by the real pure transitions, making the events its workflow would record. */
class JourneyDriver {
  readonly referral: ReferralRecord;
  state: JourneyState;

  constructor() {
    counter += 1;
    const tag = `${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
    this.referral = {
      memberId: `mbr_care_${tag}`,
      plan: PLAN,
      referralId: `REF-${tag}`,
      referralKey: `rk_${tag}`,
      receivedAt: RECEIVED,
      source: 'community',
      expedited: false,
      presumptive: false,
      populationsOfFocus: ['1a'],
      member: { cin: `9${String(counter).padStart(7, '0')}C`, name: { given: 'Rosalind', family: 'Quintero-Vasquez' }, dateOfBirth: '1961-04-17' },
    };
    const { member: _m, memberId, plan: _p, referralId: _r, ...facts } = this.referral;
    this.state = actions.startJourney({ memberId, policy, referral: facts });
  }

  get referralKey(): string {
    return this.referral.referralKey;
  }

  /** Applies an action as the workflow's handler does and returns the event its commit records. */
  act<I extends ActionEnvelope>(kind: string, transition: (s: JourneyState, i: I, nowMs: number) => Transition, input: I): JourneyEventRecord {
    return this.commit(transition(this.state, input, NOW), input.actionKey, kind, { ...input } as Record<string, unknown>);
  }

  /** A deadline's timer firing, as the workflow records it. */
  breach(rule: string): JourneyEventRecord {
    const deadline = this.state.deadlines.find((d) => d.rule === rule && d.status === 'open');
    if (!deadline) throw new Error(`no open ${rule}`);
    return this.commit(actions.deadlineBreached(this.state, deadline.key), `breach:${deadline.key}`, 'deadline-breached', { rule, deadlineKey: deadline.key });
  }

  private commit(transition: Transition, eventKey: string, kind: string, detail: Record<string, unknown>): JourneyEventRecord {
    const before = this.state;
    this.state = nextRecordSequence(transition.state);
    const { memberId, referralKey } = this.referral;
    return {
      memberId, referralKey, eventKey, kind, stage: this.state.stage, occurredAt: transition.result.at, detail,
      deadlines: this.state.deadlines.filter((d) => !before.deadlines.includes(d)),
      journey: journeySnapshot(this.state),
    };
  }
}

/** A transitional-care episode driven by the real pure transitions, making the events its workflow would record. */
class EpisodeDriver {
  state: EpisodeState;

  constructor(
    private readonly journey: JourneyDriver,
    readonly episodeKey: string,
  ) {
    this.state = newEpisode({ memberId: journey.referral.memberId, episodeKey, parentWorkflowId: 'member-journey-x', policy });
  }

  adt(event: EpisodeAdtEvent, kind = `adt:${event.eventType}`): JourneyEventRecord {
    return this.record(applyAdtEvent(this.state, event), kind, `adt:${event.messageKey}`, event.notifiedAt, { eventType: event.eventType, visitKey: event.visitKey });
  }

  task(input: TaskCompletionInput): JourneyEventRecord {
    return this.record(completeTask(this.state, input, NOW), `task:${input.task}`, `task:${input.actionKey}`, input.at, { task: input.task, outcome: input.outcome });
  }

  private record(next: EpisodeState, kind: string, eventKey: string, at: string, detail: Record<string, unknown>): JourneyEventRecord {
    const before = this.state;
    this.state = nextRecordSequence(next);
    return {
      memberId: this.state.memberId,
      referralKey: this.journey.referralKey,
      eventKey: `${this.episodeKey}:${eventKey}`,
      kind: `transitional-care:${kind}`,
      stage: 'TRANSITIONAL_CARE',
      occurredAt: at,
      detail: { episodeKey: this.episodeKey, status: this.state.status, ...detail },
      deadlines: this.state.deadlines.filter((d) => !before.deadlines.includes(d)).map((d) => ({ ...d, key: `${this.episodeKey}/${d.key}` })),
      episode: episodeSnapshot(this.state),
    };
  }
}

const GOALS_V1 = [
  { description: 'Attend every dialysis session', measure: 'sessions attended / scheduled', targetDate: '2031-03-01' },
  { description: 'Move into stable housing', measure: 'signed lease', targetDate: '2031-06-01' },
];
const GOALS_V2 = [...GOALS_V1, { description: 'Reconnect with primary care', measure: 'PCP visit completed', targetDate: '2031-02-01' }];

/** Authorization, a declined and a deemed-accepted assignment, and the Lead Care Manager's naming. */
function throughNaming(j: JourneyDriver): JourneyEventRecord[] {
  return [
    j.act('authorization', actions.decideAuthorization, { actionKey: 'auth-1', decision: 'approved', decidedAt: AUTHORIZED }),
    j.act('assignment', actions.assignProvider, { actionKey: 'assign-acme', providerId: 'PROV-ACME', assignedAt: ASSIGNED_ACME }),
    j.act('assignment-response', actions.respondToAssignment, { actionKey: 'acme-declines', response: 'declined', reason: 'at_capacity', at: DECLINED }),
    j.act('assignment', actions.assignProvider, { actionKey: 'assign-beta', providerId: 'PROV-BETA', assignedAt: ASSIGNED_BETA }),
    // PROV-BETA stays silent: R-DECLINE-1BD's timer takes silence as acceptance.
    j.breach('R-DECLINE-1BD'),
    j.act('lead-care-manager', actions.nameLeadCareManager, { actionKey: 'lcm-7', careManagerId: 'LCM-7', at: NAMED, actor: 'beta-intake' }),
  ];
}

/** The journey from referral to opt-out, through every action the detail tables keep. */
function wholeJourney(j: JourneyDriver): JourneyEventRecord[] {
  return [
    ...throughNaming(j),
    j.act('outreach-attempt', actions.logOutreachAttempt, { actionKey: 'try-1', at: PHONED, method: 'phone', result: 'no_answer', minutes: 5, actor: 'LCM-7' }),
    j.act('outreach-attempt', actions.logOutreachAttempt, { actionKey: 'try-2', at: VISITED, method: 'in_person', result: 'reached', minutes: 40, actor: 'LCM-7' }),
    j.act('enrollment', actions.enrollMember, { actionKey: 'opt-in', consent: 'verbal', recordedBy: 'LCM-7', at: ENROLLED }),
    j.act('assessment-delay', actions.delayAssessment, { actionKey: 'delay-1', requestedAt: DELAY_ASKED, reason: 'member travelling to family', agreedDate: '2031-01-31' }),
    j.act('assessment', actions.recordAssessment, { actionKey: 'assess-start', action: 'start', at: ASSESSED }),
    j.act('care-plan', actions.recordCarePlan, {
      actionKey: 'plan-1', at: PLANNED, goals: GOALS_V1, problems: ['missed dialysis', 'housing instability'],
      interventions: ['transport to dialysis', 'housing navigator referral'], barriers: ['no phone'], acuity: 'high',
    }),
    j.act('assessment', actions.recordAssessment, { actionKey: 'assess-done', action: 'complete', at: ASSESSMENT_DONE }),
    j.act('care-plan', actions.recordCarePlan, {
      actionKey: 'plan-2', at: REVISED, goals: GOALS_V2, problems: ['missed dialysis', 'housing instability', 'no PCP'],
      interventions: ['transport to dialysis', 'housing navigator referral', 'PCP appointment'], barriers: [], acuity: 'medium',
      revisionReason: 'assessment completed',
    }),
    j.act('opt-out', actions.optOut, { actionKey: 'opt-out', at: OPTED_OUT, reason: 'moving out of county', actor: 'LCM-7' }),
  ];
}

const ADMIT: EpisodeAdtEvent = {
  messageKey: 'msg-a01', eventType: 'A01', visitKey: 'visit-k1', facilityId: 'FAC-GOOD-SAMARITAN', patientClass: 'I',
  admitAt: ADMITTED, notifiedAt: ADMITTED,
};
const DISCHARGE: EpisodeAdtEvent = {
  messageKey: 'msg-a03', eventType: 'A03', visitKey: 'visit-k1', facilityId: 'FAC-GOOD-SAMARITAN', patientClass: 'I',
  admitAt: ADMITTED, dischargeAt: DISCHARGED, notifiedAt: DISCHARGED,
};
/** The facility's update with the discharge disposition (the episode takes disposition from A08). */
const UPDATE: EpisodeAdtEvent = {
  messageKey: 'msg-a08', eventType: 'A08', visitKey: 'visit-k1', facilityId: 'FAC-GOOD-SAMARITAN', patientClass: 'I',
  disposition: '01', notifiedAt: NO_RIDE_NEEDED,
};

/** An admission, contact, discharge, a high-risk Modified LACE, a task marked not applicable, and the disposition. */
function wholeEpisode(e: EpisodeDriver): JourneyEventRecord[] {
  return [
    e.adt(ADMIT, 'opened'),
    e.task({ actionKey: 'contact', task: 'facility_and_member_contacted', outcome: 'done', at: CONTACTED, by: 'LCM-7' }),
    e.adt(DISCHARGE),
    e.task({
      actionKey: 'dra', task: 'discharge_risk_assessment', outcome: 'done', at: RISK_ASSESSED, by: 'LCM-7',
      lace: { admitDate: '2030-12-20', dischargeDate: '2030-12-30', emergent: true, charlsonScore: 4, edVisitsPrior6Months: 4 },
    }),
    e.task({ actionKey: 'ride', task: 'transportation', outcome: 'not_applicable', at: NO_RIDE_NEEDED, by: 'LCM-7', reason: 'family drives the member' }),
    e.adt(UPDATE),
  ];
}

async function recordAll(events: readonly JourneyEventRecord[]): Promise<void> {
  for (const event of events) await recordJourneyEvent(pool, event);
}

async function countOf(table: Table | 'journey_events', referralKey: string): Promise<number> {
  const where = table === 'journey_events' ? 'referral_key = $1' : TABLES[table];
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, [referralKey]);
  return rows[0]!.n;
}

async function countsOf(referralKey: string): Promise<Record<Table, number>> {
  const counts = {} as Record<Table, number>;
  for (const table of Object.keys(TABLES) as Table[]) counts[table] = await countOf(table, referralKey);
  return counts;
}

/** Every row of the journey in every detail table, without the write timestamps. */
async function contentsOf(referralKey: string): Promise<Record<Table, unknown[]>> {
  const contents = {} as Record<Table, unknown[]>;
  for (const [table, where] of Object.entries(TABLES) as [Table, string][]) {
    const { rows } = await pool.query<{ row: unknown }>(
      `SELECT to_jsonb(t) - 'updated_at' - 'recorded_at' AS row FROM ${table} t WHERE ${where} ORDER BY (to_jsonb(t) - 'updated_at' - 'recorded_at')::text`,
      [referralKey],
    );
    contents[table] = rows.map((r) => r.row);
  }
  return contents;
}

async function rowsOf(sql: string, referralKey: string): Promise<Record<string, unknown>[]> {
  return (await pool.query<Record<string, unknown>>(sql, [referralKey])).rows;
}

/** Drops the snapshots, as events of histories written before the care-record tables carry none. */
function withoutSnapshots(event: JourneyEventRecord): JourneyEventRecord {
  const { journey: _j, episode: _e, ...old } = event;
  return old;
}

describe('care-record detail tables', () => {
  it('R-AUTH-12M, R-REAUTH-6M: the authorization is kept once, and each authorization period with its dates', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    await recordAll([
      j.act('authorization', actions.decideAuthorization, { actionKey: 'auth', decision: 'approved', decidedAt: AUTHORIZED }),
      j.act('assignment', actions.assignProvider, { actionKey: 'assign', providerId: 'PROV-ACME', assignedAt: ASSIGNED_ACME }),
      j.act('lead-care-manager', actions.nameLeadCareManager, { actionKey: 'lcm', careManagerId: 'LCM-1', at: NAMED }),
      j.act('enrollment', actions.enrollMember, { actionKey: 'opt-in', consent: 'written', recordedBy: 'LCM-1', at: ENROLLED }),
      // R-PCQ-WINDOW opens 30 days before the period ends (2031-11-13); the plan then reauthorizes.
      j.act('pcq', actions.submitPcq, { actionKey: 'pcq', submittedAt: '2031-10-20T10:00:00.000-07:00', recommendation: 'continue' }),
      j.act('reauthorization', actions.decideReauthorization, { actionKey: 'reauth', decision: 'reauthorize', decidedAt: '2031-10-27T10:00:00.000-07:00' }),
    ]);

    expect(await rowsOf(`SELECT decision, decided_at, presumptive, reason FROM authorizations WHERE referral_key = $1`, j.referralKey)).toEqual([
      { decision: 'approved', decided_at: new Date(AUTHORIZED), presumptive: false, reason: null },
    ]);
    expect(
      await rowsOf(`SELECT number, kind, start_date::text, end_date::text FROM authorization_periods WHERE referral_key = $1 ORDER BY number`, j.referralKey),
    ).toEqual([
      { number: 1, kind: 'initial', start_date: '2030-11-14', end_date: '2031-11-13' },
      { number: 2, kind: 'reauthorization', start_date: '2031-11-14', end_date: '2032-05-13' },
    ]);
  });

  it('R-ASSIGN, R-DECLINE-1BD: every assignment is kept with its answer — a decline with its reason, silence as deemed acceptance', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    await recordAll(throughNaming(j));

    expect(
      await rowsOf(
        `SELECT provider_id, assigned_at, response, responded_at, response_reason, deemed FROM provider_assignments WHERE referral_key = $1 ORDER BY assigned_at`,
        j.referralKey,
      ),
    ).toEqual([
      { provider_id: 'PROV-ACME', assigned_at: new Date(ASSIGNED_ACME), response: 'declined', responded_at: new Date(DECLINED), response_reason: 'at_capacity', deemed: false },
      // R-DECLINE-1BD: one business day after Fri 10:00 is the end of Mon 2030-11-18.
      { provider_id: 'PROV-BETA', assigned_at: new Date(ASSIGNED_BETA), response: 'accepted', responded_at: new Date('2030-11-18T23:59:59.999-08:00'), response_reason: null, deemed: true },
    ]);
  });

  it('R-LCM-72H, R-ONE-LCM: a Lead Care Manager naming is kept with the provider it was named for', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    await recordAll(throughNaming(j));

    expect(await rowsOf(`SELECT event_key, member_id, care_manager_id, provider_id, named_at FROM lead_care_manager_namings WHERE referral_key = $1`, j.referralKey)).toEqual([
      { event_key: 'lcm-7', member_id: j.referral.memberId, care_manager_id: 'LCM-7', provider_id: 'PROV-BETA', named_at: new Date(NAMED) },
    ]);
  });

  it('R-OUTREACH-30D: each attempt is kept with timestamp, method, result, minutes and who logged it — every method and result the journey knows', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    const events = throughNaming(j);
    // One attempt per method, cycling through the results, on successive days and hours.
    const attempts = OUTREACH_METHODS.map((method, i) => ({
      actionKey: `attempt-${method}`,
      at: new Date(Date.parse(PHONED) + i * 86_400_000 + i * 3_600_000).toISOString(),
      method,
      result: i < OUTREACH_RESULTS.length ? OUTREACH_RESULTS[i]! : 'no_answer',
      minutes: 10 + i,
      actor: 'LCM-7',
    }));
    events.push(...attempts.map((a) => j.act('outreach-attempt', actions.logOutreachAttempt, a)));
    await recordAll(events);

    const rows = await rowsOf(`SELECT event_key, at, method, result, minutes, actor FROM outreach_attempts WHERE referral_key = $1 ORDER BY at`, j.referralKey);
    expect(rows).toEqual(attempts.map((a) => ({ event_key: a.actionKey, at: new Date(a.at), method: a.method, result: a.result, minutes: a.minutes, actor: 'LCM-7' })));
    expect(new Set(rows.map((r) => r.result))).toEqual(new Set(OUTREACH_RESULTS));
  });

  it('R-OPT-IN: the opt-in keeps how consent was given, who recorded it and when; a later opt-out is kept beside it', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    await recordAll(wholeJourney(j));

    expect(await rowsOf(`SELECT event_key, kind, method, recorded_by, at, reason FROM consents WHERE referral_key = $1 ORDER BY at`, j.referralKey)).toEqual([
      { event_key: 'opt-in', kind: 'opt_in', method: 'verbal', recorded_by: 'LCM-7', at: new Date(ENROLLED), reason: null },
      { event_key: 'opt-out', kind: 'opt_out', method: null, recorded_by: 'LCM-7', at: new Date(OPTED_OUT), reason: 'moving out of county' },
    ]);
  });

  it('R-ASSESS-START, R-ASSESS-COMPLETE: the assessment keeps when it began and was completed, and the member-requested delay its reason and agreed date', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    const events = wholeJourney(j);
    const enrolledAt = events.findIndex((e) => e.kind === 'enrollment');
    await recordAll(events.slice(0, enrolledAt + 1));
    // Owed and not begun: the row is there from enrollment, with neither date.
    expect(await rowsOf(`SELECT started_at, completed_at FROM assessments WHERE referral_key = $1`, j.referralKey)).toEqual([{ started_at: null, completed_at: null }]);

    await recordAll(events.slice(enrolledAt + 1));
    expect(await rowsOf(`SELECT started_at, completed_at FROM assessments WHERE referral_key = $1`, j.referralKey)).toEqual([
      { started_at: new Date(ASSESSED), completed_at: new Date(ASSESSMENT_DONE) },
    ]);
    expect(await rowsOf(`SELECT event_key, requested_at, reason, agreed_date::text FROM assessment_delays WHERE referral_key = $1`, j.referralKey)).toEqual([
      { event_key: 'delay-1', requested_at: new Date(DELAY_ASKED), reason: 'member travelling to family', agreed_date: '2031-01-31' },
    ]);
  });

  it('R-CAREPLAN-14D: a care-plan revision keeps its SMART goals, problems, interventions, barriers and acuity, numbered as the journey numbers it', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    await recordAll(wholeJourney(j));

    expect(
      await rowsOf(
        `SELECT version, event_key, at, acuity, reason, problems, interventions, barriers FROM care_plan_revisions WHERE referral_key = $1 ORDER BY version`,
        j.referralKey,
      ),
    ).toEqual([
      {
        version: 1, event_key: 'plan-1', at: new Date(PLANNED), acuity: 'high', reason: null, problems: ['missed dialysis', 'housing instability'],
        interventions: ['transport to dialysis', 'housing navigator referral'], barriers: ['no phone'],
      },
      {
        version: 2, event_key: 'plan-2', at: new Date(REVISED), acuity: 'medium', reason: 'assessment completed',
        problems: ['missed dialysis', 'housing instability', 'no PCP'], interventions: ['transport to dialysis', 'housing navigator referral', 'PCP appointment'], barriers: [],
      },
    ]);
    const goals = await rowsOf(
      `SELECT version, ordinal, description, measure, target_date::text AS "targetDate" FROM care_plan_goals WHERE referral_key = $1 ORDER BY version, ordinal`,
      j.referralKey,
    );
    expect(goals).toEqual([
      ...GOALS_V1.map((g, i) => ({ version: 1, ordinal: i + 1, ...g })),
      ...GOALS_V2.map((g, i) => ({ version: 2, ordinal: i + 1, ...g })),
    ]);
  });

  it('R-TCS-TASKS, R-TCS-DRA: an episode keeps its status and Modified LACE band, its visit, and every task — done, pending, or not applicable with its reason', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    const e = new EpisodeDriver(j, 'ep-k1');
    await recordAll(wholeEpisode(e));

    expect(
      await rowsOf(`SELECT episode_key, member_id, status, risk_band, opened_at, closed_at, overdue FROM transitional_care_episodes WHERE referral_key = $1`, j.referralKey),
    ).toEqual([{ episode_key: 'ep-k1', member_id: j.referral.memberId, status: 'discharged', risk_band: 'high', opened_at: new Date(ADMITTED), closed_at: null, overdue: false }]);
    expect(await rowsOf(`SELECT visit_key, facility_id, patient_class, admitted_at, discharged_at, disposition, cancelled FROM transitional_care_visits WHERE ${TABLES.transitional_care_visits}`, j.referralKey)).toEqual([
      { visit_key: 'visit-k1', facility_id: 'FAC-GOOD-SAMARITAN', patient_class: 'I', admitted_at: new Date(ADMITTED), discharged_at: new Date(DISCHARGED), disposition: '01', cancelled: false },
    ]);
    const tasks = await rowsOf(`SELECT task, status, at, by, reason FROM transitional_care_tasks WHERE ${TABLES.transitional_care_tasks} ORDER BY task`, j.referralKey);
    expect(tasks).toHaveLength(8);
    expect(tasks.filter((t) => t.status !== 'pending')).toEqual([
      { task: 'discharge_risk_assessment', status: 'done', at: new Date(RISK_ASSESSED), by: 'LCM-7', reason: null },
      { task: 'facility_and_member_contacted', status: 'done', at: new Date(CONTACTED), by: 'LCM-7', reason: null },
      { task: 'transportation', status: 'not_applicable', at: new Date(NO_RIDE_NEEDED), by: 'LCM-7', reason: 'family drives the member' },
    ]);
  });

  it('a retried activity leaves exactly one row in every care-record table', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    const events = [...wholeJourney(j), ...wholeEpisode(new EpisodeDriver(j, `ep-retry-${counter}`))];
    // Each activity retried at once (its first attempt committed, its answer lost)…
    for (const event of events) {
      await recordJourneyEvent(pool, event);
      await recordJourneyEvent(pool, event);
    }
    const expected: Record<Table, number> = {
      authorizations: 1,
      authorization_periods: 1,
      provider_assignments: 2,
      lead_care_manager_namings: 1,
      outreach_attempts: 2,
      consents: 2,
      assessments: 1,
      assessment_delays: 1,
      care_plan_revisions: 2,
      care_plan_goals: GOALS_V1.length + GOALS_V2.length,
      transitional_care_episodes: 1,
      transitional_care_visits: 1,
      transitional_care_tasks: 8,
    };
    expect(await countsOf(j.referralKey)).toEqual(expected);
    expect(await countOf('journey_events', j.referralKey)).toBe(events.length);

    // …and the whole history redelivered later, in order and in reverse, changes no row at all.
    const before = await contentsOf(j.referralKey);
    await recordAll(events);
    await recordAll([...events].reverse());
    expect(await countsOf(j.referralKey)).toEqual(expected);
    expect(await contentsOf(j.referralKey)).toEqual(before);
  });

  it('an older journey snapshot delivered after a newer one does not overwrite it', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    const events = wholeJourney(j);
    const at = (key: string) => events.findIndex((e) => e.eventKey === key);
    const deemed = events[at('assign-beta') + 1]!;
    const assignBeta = events[at('assign-beta')]!;
    expect(deemed.kind).toBe('deadline-breached');

    // The R-DECLINE-1BD timer's write commits before the write of the assignment it answers.
    await recordAll(events.slice(0, at('assign-beta')));
    await recordAll([deemed, assignBeta]);
    expect(await rowsOf(`SELECT response, deemed, sequence::int FROM provider_assignments WHERE referral_key = $1 AND provider_id = 'PROV-BETA'`, j.referralKey)).toEqual([
      { response: 'accepted', deemed: true, sequence: deemed.journey!.sequence },
    ]);

    // The assessment's completion commits before its start.
    const started = events[at('assess-start')]!;
    const completed = events[at('assess-done')]!;
    await recordAll(events.slice(at('assign-beta') + 2, at('assess-start')));
    await recordAll([completed, started]);
    expect(await rowsOf(`SELECT started_at, completed_at, sequence::int FROM assessments WHERE referral_key = $1`, j.referralKey)).toEqual([
      { started_at: new Date(ASSESSED), completed_at: new Date(ASSESSMENT_DONE), sequence: completed.journey!.sequence },
    ]);
    expect(await rowsOf(`SELECT sequence::int FROM member_journeys WHERE referral_key = $1`, j.referralKey)).toEqual([{ sequence: completed.journey!.sequence }]);
  });

  it('an older episode snapshot delivered after a newer one does not overwrite it', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    const [opened, contacted, discharged, ...rest] = wholeEpisode(new EpisodeDriver(j, `ep-late-${counter}`));
    // The discharge's write commits first; the contact's and then the admission's arrive late.
    await recordAll([discharged!, contacted!, opened!]);

    expect(await rowsOf(`SELECT status, opened_at, sequence::int FROM transitional_care_episodes WHERE referral_key = $1`, j.referralKey)).toEqual([
      // Still discharged, yet opened when the admission's event says: the earliest event wins that one.
      { status: 'discharged', opened_at: new Date(ADMITTED), sequence: discharged!.episode!.sequence },
    ]);
    expect(await rowsOf(`SELECT discharged_at FROM transitional_care_visits WHERE ${TABLES.transitional_care_visits}`, j.referralKey)).toEqual([{ discharged_at: new Date(DISCHARGED) }]);
    // The admission's snapshot, older still, does not undo the task the newer ones carried.
    expect(await rowsOf(`SELECT status FROM transitional_care_tasks WHERE task = 'facility_and_member_contacted' AND ${TABLES.transitional_care_tasks}`, j.referralKey)).toEqual([
      { status: 'done' },
    ]);

    await recordAll(rest);
    expect(await rowsOf(`SELECT risk_band FROM transitional_care_episodes WHERE referral_key = $1`, j.referralKey)).toEqual([{ risk_band: 'high' }]);
  });

  it('an event without snapshots (a history written before them) is accepted and writes only the event-keyed tables', async () => {
    const j = new JourneyDriver();
    await recordReferral(pool, j.referral);
    const events = [...wholeJourney(j), ...wholeEpisode(new EpisodeDriver(j, `ep-old-${counter}`))].map(withoutSnapshots);
    await recordAll(events);
    await recordAll(events);

    expect(await countsOf(j.referralKey)).toEqual({
      // Event-keyed: one row per event, as ever.
      lead_care_manager_namings: 1,
      outreach_attempts: 2,
      consents: 2,
      assessment_delays: 1,
      // Snapshot-based, or numbered by the snapshot (care-plan versions): nothing to write.
      authorizations: 0,
      authorization_periods: 0,
      provider_assignments: 0,
      assessments: 0,
      care_plan_revisions: 0,
      care_plan_goals: 0,
      transitional_care_episodes: 0,
      transitional_care_visits: 0,
      transitional_care_tasks: 0,
    });
    expect(await countOf('journey_events', j.referralKey)).toBe(events.length);
    // Without the snapshot the naming's provider is unknown, not guessed.
    expect(await rowsOf(`SELECT care_manager_id, provider_id FROM lead_care_manager_namings WHERE referral_key = $1`, j.referralKey)).toEqual([
      { care_manager_id: 'LCM-7', provider_id: null },
    ]);
  });

  it('the migration\'s Down section drops every table its Up section adds, and Up applies again', async () => {
    const sql = readFileSync(join(DEFAULT_MIGRATIONS_DIR, '1795421400000_care-record-detail.sql'), 'utf8');
    const [up, down] = sql.replace('-- Up Migration', '').split('-- Down Migration') as [string, string];
    const tablesPresent = async (client: PoolClient): Promise<string[]> =>
      (await client.query<{ t: string }>(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY 1`, [Object.keys(TABLES)])).rows.map((r) => r.t);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      expect(await tablesPresent(client)).toEqual(Object.keys(TABLES).sort());
      await client.query(down);
      expect(await tablesPresent(client)).toEqual([]);
      await client.query(up);
      expect(await tablesPresent(client)).toEqual(Object.keys(TABLES).sort());
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
