/**
 * Reads the member's latest journey (the one whose parties the access check judged) from the care
 * record, for the FHIR export. PostgreSQL only, never Temporal: the care record is the system of
 * record for what happened, and an export must not depend on a workflow still running.
 */
import type { Pool } from 'pg';
import type { MemberDemographics, MemberRecord, RecordEpisode } from '../../../src/core/fhir/member-record';

type Stamp = Date | null;
interface JourneyRow { referral_key: string; referral_id: string; plan: string; stage: string; ended: boolean; received_at: Date; provider_id: string | null; care_manager_id: string | null; populations_of_focus: string[] }
interface PeriodRow { number: number; kind: 'initial' | 'reauthorization'; start_date: string; end_date: string }
interface DeadlineRow { deadline_key: string; rule: string; party: string; started_at: Date; due_at: Date; status: 'open' | 'met' | 'breached' | 'cancelled'; fulfilled_at: Stamp; cancelled_at: Stamp }
interface RevisionRow { version: number; at: Date; acuity: 'low' | 'medium' | 'high'; problems: string[]; interventions: string[]; barriers: string[] }
interface GoalRow { ordinal: number; description: string; measure: string; target_date: string }
interface ConsentRow { kind: 'opt_in' | 'opt_out'; method: 'verbal' | 'written' | null; at: Date }
interface EpisodeRow { episode_key: string; status: RecordEpisode['status']; opened_at: Date; closed_at: Stamp }
interface VisitRow { episode_key: string; visit_key: string; facility_id: string; patient_class: string; admitted_at: Stamp; discharged_at: Stamp; disposition: string | null; cancelled: boolean }
interface TaskRow { episode_key: string; task: string; status: 'pending' | 'done' | 'not_applicable'; at: Stamp; reason: string | null }
interface NoticeRow { notice_id: string; notice_type: 'denial' | 'discontinuation'; reason: string; decided_at: Date; recipients: string[]; delivery_status: 'pending' | 'sent' | 'failed'; sent_at: Stamp; delivery_error: string | null }
interface MemberRow { cin: string; given_name: string; family_name: string; date_of_birth: string; contact: Record<string, unknown> | null }

const iso = (d: Date | null | undefined): string | undefined => (d ? d.toISOString() : undefined);
/** Leaves out keys whose value is undefined, so optional fields are absent rather than `undefined`. */
const present = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

/** The record, or undefined when the member has no journey. */
export async function readMemberRecord(pool: Pool, memberId: string): Promise<MemberRecord | undefined> {
  const { rows: journeys } = await pool.query<JourneyRow>(
    `SELECT mj.referral_key, r.referral_id, mj.plan, mj.stage, mj.ended, mj.received_at, mj.provider_id, mj.care_manager_id, r.populations_of_focus
     FROM member_journeys mj JOIN referrals r ON r.referral_key = mj.referral_key
     WHERE mj.member_id = $1 ORDER BY mj.received_at DESC, mj.referral_key LIMIT 1`,
    [memberId],
  );
  const j = journeys[0];
  if (!j) return undefined;
  const key = j.referral_key;
  const [periods, deadlines, revision, consents, episodes, visits, tasks, notices] = await Promise.all([
    pool.query<PeriodRow>(`SELECT number, kind, start_date::text AS start_date, end_date::text AS end_date FROM authorization_periods WHERE referral_key = $1 ORDER BY number`, [key]),
    pool.query<DeadlineRow>(`SELECT deadline_key, rule, party, started_at, due_at, status, fulfilled_at, cancelled_at FROM deadlines WHERE referral_key = $1 ORDER BY started_at, deadline_key`, [key]),
    pool.query<RevisionRow>(`SELECT version, at, acuity, problems, interventions, barriers FROM care_plan_revisions WHERE referral_key = $1 ORDER BY version DESC LIMIT 1`, [key]),
    pool.query<ConsentRow>(`SELECT kind, method, at FROM consents WHERE referral_key = $1 ORDER BY at, event_key`, [key]),
    pool.query<EpisodeRow>(`SELECT episode_key, status, opened_at, closed_at FROM transitional_care_episodes WHERE referral_key = $1 ORDER BY opened_at, episode_key`, [key]),
    pool.query<VisitRow>(
      `SELECT v.episode_key, v.visit_key, v.facility_id, v.patient_class, v.admitted_at, v.discharged_at, v.disposition, v.cancelled
       FROM transitional_care_visits v JOIN transitional_care_episodes e USING (episode_key) WHERE e.referral_key = $1 ORDER BY v.admitted_at, v.visit_key`,
      [key],
    ),
    pool.query<TaskRow>(
      `SELECT t.episode_key, t.task, t.status, t.at, t.reason FROM transitional_care_tasks t JOIN transitional_care_episodes e USING (episode_key)
       WHERE e.referral_key = $1 ORDER BY t.episode_key, t.task`,
      [key],
    ),
    pool.query<NoticeRow>(
      `SELECT notice_id, notice_type, reason, decided_at, recipients, delivery_status, sent_at, delivery_error FROM notices_of_action WHERE referral_key = $1 ORDER BY seq`,
      [key],
    ),
  ]);
  const plan = revision.rows[0];
  const goals = plan ? (await pool.query<GoalRow>(`SELECT ordinal, description, measure, target_date::text AS target_date FROM care_plan_goals WHERE referral_key = $1 AND version = $2 ORDER BY ordinal`, [key, plan.version])).rows : [];
  return {
    memberId,
    journey: present({
      referralId: j.referral_id, plan: j.plan, stage: j.stage, ended: j.ended, receivedAt: iso(j.received_at)!,
      providerId: j.provider_id ?? undefined, careManagerId: j.care_manager_id ?? undefined, populationsOfFocus: j.populations_of_focus,
    }),
    authorizationPeriods: periods.rows.map((p) => ({ number: p.number, kind: p.kind, startDate: p.start_date, endDate: p.end_date })),
    deadlines: deadlines.rows.map((d) => present({
      key: d.deadline_key, rule: d.rule, party: d.party, startedAt: iso(d.started_at)!, dueAt: iso(d.due_at)!, status: d.status,
      fulfilledAt: iso(d.fulfilled_at), cancelledAt: iso(d.cancelled_at),
    })),
    ...(plan ? {
      carePlan: {
        version: plan.version, at: iso(plan.at)!, acuity: plan.acuity, problems: plan.problems, interventions: plan.interventions, barriers: plan.barriers,
        goals: goals.map((g) => ({ ordinal: g.ordinal, description: g.description, measure: g.measure, targetDate: g.target_date })),
      },
    } : {}),
    consents: consents.rows.map((c) => present({ kind: c.kind, method: c.method ?? undefined, at: iso(c.at)! })),
    episodes: episodes.rows.map((e): RecordEpisode => present({
      episodeKey: e.episode_key, status: e.status, openedAt: iso(e.opened_at)!, closedAt: iso(e.closed_at),
      visits: visits.rows.filter((v) => v.episode_key === e.episode_key).map((v) => present({
        visitKey: v.visit_key, facilityId: v.facility_id, patientClass: v.patient_class, admittedAt: iso(v.admitted_at),
        dischargedAt: iso(v.discharged_at), disposition: v.disposition ?? undefined, cancelled: v.cancelled,
      })),
      tasks: tasks.rows.filter((t) => t.episode_key === e.episode_key).map((t) => present({ task: t.task, status: t.status, at: iso(t.at), reason: t.reason ?? undefined })),
    })),
    notices: notices.rows.map((n) => present({
      noticeId: n.notice_id, type: n.notice_type, reason: n.reason, decidedAt: iso(n.decided_at)!, recipients: n.recipients,
      deliveryStatus: n.delivery_status, sentAt: iso(n.sent_at), deliveryError: n.delivery_error ?? undefined,
    })),
  };
}

/** The member's demographics (PHI): read only for `?include=patient`, after the read is audited. */
export async function readMemberDemographics(pool: Pool, memberId: string): Promise<MemberDemographics | undefined> {
  const { rows } = await pool.query<MemberRow>(`SELECT cin, given_name, family_name, date_of_birth::text AS date_of_birth, contact FROM members WHERE member_id = $1`, [memberId]);
  const m = rows[0];
  if (!m) return undefined;
  const contact = m.contact ?? {};
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  return {
    cin: m.cin, givenName: m.given_name, familyName: m.family_name, dateOfBirth: m.date_of_birth,
    contact: present({ phone: text(contact.phone), email: text(contact.email), address: text(contact.address) }),
  };
}
