/**
 * Takes one ADT event in, exactly once: store it, match it to the member's open journey, hand it
 * to the journey (which starts or feeds the transitional-care child), and record the outcome.
 * A message already seen answers its first outcome; one for a member with no open journey is
 * kept as `unmatched` for reconciliation, never dropped.
 */
import type { Pool } from 'pg';
import { deriveAdtMessageKey, deriveLegacyVisitKey, deriveMemberId, deriveVisitKey } from '../../src/identity';
import type { EpisodeAdtEvent } from '../../src/domain/transitional-care/episode-state';
import { recordAdtEventUpdate } from '../../workflows/member-journey/definitions';
import type { JourneyGateway } from '../journey-gateway';
import { ApiError } from '../problem';
import type { AdtEventBody } from './adt-event-schema';

/** What happened to one event. */
export interface AdtIntakeResult {
  readonly messageId: string;
  readonly status: 'accepted' | 'duplicate' | 'unmatched';
  readonly memberId?: string;
  readonly reason?: string;
}

/** What intake needs. */
export interface AdtIntakeDependencies {
  readonly pool: Pool;
  readonly journeys: JourneyGateway;
  readonly memberIdKey: string;
}

/** Intake of one validated event, received at `receivedMs`. */
export async function takeInAdtEvent(deps: AdtIntakeDependencies, body: AdtEventBody, format: 'json' | 'hl7v2', receivedMs: number): Promise<AdtIntakeResult> {
  const messageKey = deriveAdtMessageKey(deps.memberIdKey, body.plan, body.messageId);
  const memberId = deriveMemberId(deps.memberIdKey, body.plan, body.member.cin);
  // Scoped to facility and member: visit numbers are unique only within a facility.
  const visitKey = deriveVisitKey(deps.memberIdKey, { plan: body.plan, facilityId: body.facility.id, memberId, visitNumber: body.visitId });
  const receivedAt = new Date(receivedMs).toISOString();
  const inserted = await deps.pool.query(
    `INSERT INTO adt_messages (message_key, plan, control_id, event_type, format, member_id, visit_key, facility_id, status, event, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $9, $10)
     ON CONFLICT (message_key) DO NOTHING`,
    [messageKey, body.plan, body.messageId, body.eventType, format, memberId, visitKey, body.facility.id, body, receivedAt],
  );
  if (!inserted.rowCount) {
    const { rows } = await deps.pool.query<{ status: string; reason: string | null; received_at: Date }>(
      'SELECT status, reason, received_at FROM adt_messages WHERE message_key = $1',
      [messageKey],
    );
    const first = rows[0];
    // A message whose first delivery never finished is delivered now, under its first receipt time.
    if (first?.status !== 'received') return { messageId: body.messageId, status: 'duplicate', memberId, ...(first?.reason ? { reason: first.reason } : {}) };
    return deliver(deps, body, messageKey, memberId, visitKey, first.received_at.getTime());
  }
  return deliver(deps, body, messageKey, memberId, visitKey, receivedMs);
}

async function deliver(deps: AdtIntakeDependencies, body: AdtEventBody, messageKey: string, memberId: string, visitKey: string, receivedMs: number): Promise<AdtIntakeResult> {
  const event: EpisodeAdtEvent = {
    messageKey,
    eventType: body.eventType,
    visitKey,
    legacyVisitKey: deriveLegacyVisitKey(deps.memberIdKey, body.plan, body.visitId),
    facilityId: body.facility.id,
    patientClass: body.patientClass,
    ...(body.admitAt ? { admitAt: body.admitAt } : {}),
    ...(body.dischargeAt ? { dischargeAt: body.dischargeAt } : {}),
    ...(body.dischargeDisposition ? { disposition: body.dischargeDisposition } : {}),
    notifiedAt: new Date(receivedMs).toISOString(),
  };
  let status: 'delivered' | 'unmatched' = 'delivered';
  let reason: string | undefined;
  const journey = await deps.journeys.describe(memberId);
  if (!journey?.running) {
    status = 'unmatched';
    reason = 'no open ECM journey for this member';
  } else {
    try {
      await deps.journeys.act(memberId, recordAdtEventUpdate, { actionKey: messageKey, event }, `adt:${messageKey}`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      status = 'unmatched';
      reason = `${err.code}: ${err.detail}`;
    }
  }
  await deps.pool.query('UPDATE adt_messages SET status = $2, reason = $3, updated_at = now() WHERE message_key = $1', [messageKey, status, reason ?? null]);
  return { messageId: body.messageId, status: status === 'delivered' ? 'accepted' : 'unmatched', memberId, ...(reason ? { reason } : {}) };
}
