/**
 * The events existing activities emit, built from what they already hold: a breach and its
 * withdrawal (deadline_escalations), a Notice of Action, a transitional-care episode opened. Each
 * names the journey's plan and its assigned provider, read from the care record.
 */
import type { Pool } from 'pg';
import type { DeadlineEscalation, EscalationWithdrawal, JourneyEventRecord } from '../care-record/types';
import type { OrganisationEvent } from './emit-organisation-event';

type Audience = OrganisationEvent['organisations'];

function audienceOf(plan: string, providerId: string | null | undefined): Audience {
  return [{ role: 'plan', organisation: plan }, ...(providerId ? [{ role: 'provider' as const, organisation: providerId }] : [])];
}

async function journeyAudience(pool: Pool, referralKey: string): Promise<{ plan: string; audience: Audience } | undefined> {
  const { rows } = await pool.query<{ plan: string; provider_id: string | null }>('SELECT plan, provider_id FROM member_journeys WHERE referral_key = $1', [referralKey]);
  const row = rows[0];
  return row ? { plan: row.plan, audience: audienceOf(row.plan, row.provider_id) } : undefined;
}

/** `deadline.breached`, keyed by the breach (a re-counted clock that runs out again is a new one). */
export function breachEvent(e: DeadlineEscalation): OrganisationEvent {
  const d = e.deadline;
  const breachedAt = d.breachedAt ?? d.dueAt;
  return {
    type: 'deadline.breached',
    eventKey: `deadline.breached:${e.referralKey}:${d.key}:${Date.parse(breachedAt)}`,
    occurredAt: new Date(Date.parse(breachedAt)).toISOString(),
    organisations: audienceOf(e.plan, e.providerId),
    data: { memberId: e.memberId, plan: e.plan, providerId: e.providerId ?? null, rule: d.rule, deadlineKey: d.key, responsibleParty: d.party, dueAt: d.dueAt, breachedAt },
  };
}

/** `deadline.breach_withdrawn`, from the withdrawn escalation row (none: nothing was withdrawn). */
export async function withdrawalEvent(pool: Pool, w: EscalationWithdrawal): Promise<OrganisationEvent | undefined> {
  const { rows } = await pool.query<{ plan: string; provider_id: string | null; breached_at: Date; due_at: Date; withdrawn_at: Date; withdrawal_reason: string | null }>(
    `SELECT plan, provider_id, breached_at, due_at, withdrawn_at, withdrawal_reason FROM deadline_escalations
      WHERE referral_key = $1 AND deadline_key = $2 AND member_id = $3 AND withdrawn_at IS NOT NULL`,
    [w.referralKey, w.deadline.key, w.memberId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    type: 'deadline.breach_withdrawn',
    eventKey: `deadline.breach_withdrawn:${w.referralKey}:${w.deadline.key}:${row.breached_at.getTime()}`,
    occurredAt: row.withdrawn_at.toISOString(),
    organisations: audienceOf(row.plan, row.provider_id),
    data: {
      memberId: w.memberId, plan: row.plan, providerId: row.provider_id, rule: w.deadline.rule, deadlineKey: w.deadline.key,
      dueAt: row.due_at.toISOString(), breachedAt: row.breached_at.toISOString(), reason: row.withdrawal_reason,
    },
  };
}

/** `notice_of_action.issued` (R-DENIAL-NOA): the notice's opaque ID, type and decision date. */
export async function noticeEvent(pool: Pool, notice: { memberId: string; referralKey: string; noticeType: string; decidedAt: string }, noticeId: string): Promise<OrganisationEvent | undefined> {
  const journey = await journeyAudience(pool, notice.referralKey);
  if (!journey) return undefined;
  return {
    type: 'notice_of_action.issued',
    eventKey: `notice_of_action.issued:${noticeId}`,
    occurredAt: new Date(Date.parse(notice.decidedAt)).toISOString(),
    organisations: journey.audience,
    data: { memberId: notice.memberId, plan: journey.plan, noticeId, noticeType: notice.noticeType, decidedAt: notice.decidedAt },
  };
}

/** `transitional_care.started` (R-TCS-24H): an episode opened, with its clocks' opaque keys. */
export async function transitionalCareEvent(pool: Pool, event: JourneyEventRecord): Promise<OrganisationEvent | undefined> {
  if (event.kind !== 'transitional-care:opened' || !event.episode) return undefined;
  const journey = await journeyAudience(pool, event.referralKey);
  if (!journey) return undefined;
  return {
    type: 'transitional_care.started',
    eventKey: `transitional_care.started:${event.episode.episodeKey}`,
    occurredAt: new Date(Date.parse(event.occurredAt)).toISOString(),
    organisations: journey.audience,
    data: { memberId: event.memberId, plan: journey.plan, episodeKey: event.episode.episodeKey, status: event.episode.status, deadlineKeys: event.deadlines.map((d) => d.key) },
  };
}
