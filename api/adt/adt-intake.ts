/**
 * Takes one ADT event in, exactly once: store it, match it to the member's open journey, hand it
 * to the journey (which starts or feeds the transitional-care child), and record the outcome.
 * A message already seen answers `duplicate` (with its first outcome's reason); of concurrent
 * deliveries of one message exactly one answers its outcome. One for a member with no open journey
 * is kept as `unmatched` for reconciliation, never dropped.
 */
import type { Pool } from 'pg';
import { deriveAdtMessageKey, deriveLegacyVisitKey, deriveMemberId, deriveVisitKey } from '../../src/infra/identity';
import type { EpisodeAdtEvent } from '../../src/core/domain/transitional-care/episode-state';
import { journeyUpdates } from '../../src/contracts/member-journey';
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

/**
 * How long one delivery may hold a message. Another delivery of the same message waits for it
 * rather than answering too early; a delivery whose process died is taken over once it lapses.
 */
export const ADT_DELIVERY_LEASE_MS = 20_000;
const WAIT_STEP_MS = 100;

/** Where an HL7 event came from, kept with the stored event: its feed, and which field gave its admission time. */
export interface AdtProvenance {
  readonly feed?: string;
  readonly admitTimeSource?: 'PV1-44' | 'EVN-6' | 'EVN-2';
}

/**
 * Intake of one validated event, received at `receivedMs`. Concurrent deliveries of one message
 * have one winner: the INSERT that creates its row (or, when that delivery died, the one that takes
 * over its lapsed lease) delivers it and answers its outcome; every other answers `duplicate`.
 */
export async function takeInAdtEvent(
  deps: AdtIntakeDependencies,
  body: AdtEventBody,
  format: 'json' | 'hl7v2',
  receivedMs: number,
  provenance: AdtProvenance = {},
): Promise<AdtIntakeResult> {
  const messageKey = deriveAdtMessageKey(deps.memberIdKey, body.plan, body.facility.id, body.messageId);
  const memberId = deriveMemberId(deps.memberIdKey, body.plan, body.member.cin);
  // Scoped to facility and member: visit numbers are unique only within a facility.
  const visitKey = deriveVisitKey(deps.memberIdKey, { plan: body.plan, facilityId: body.facility.id, memberId, visitNumber: body.visitId });
  const receivedAt = new Date(receivedMs).toISOString();
  const inserted = await deps.pool.query(
    `INSERT INTO adt_messages (message_key, plan, control_id, event_type, format, member_id, visit_key, facility_id, status, event, received_at, delivering_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $9, $10, now() + make_interval(secs => $11))
     ON CONFLICT (message_key) DO NOTHING
     RETURNING message_key`,
    [messageKey, body.plan, body.messageId, body.eventType, format, memberId, visitKey, body.facility.id, { ...body, ...provenance }, receivedAt, ADT_DELIVERY_LEASE_MS / 1000],
  );
  if (inserted.rowCount) return deliverHoldingLease(deps, body, messageKey, memberId, visitKey, receivedMs);
  for (;;) {
    // A first delivery that never finished and no longer holds its lease is delivered now, under its first receipt time.
    const takenOver = await deps.pool.query<{ received_at: Date }>(
      `UPDATE adt_messages SET delivering_until = now() + make_interval(secs => $2)
       WHERE message_key = $1 AND status = 'received' AND (delivering_until IS NULL OR delivering_until < now())
       RETURNING received_at`,
      [messageKey, ADT_DELIVERY_LEASE_MS / 1000],
    );
    const lapsed = takenOver.rows[0];
    if (lapsed) return deliverHoldingLease(deps, body, messageKey, memberId, visitKey, lapsed.received_at.getTime());
    const { rows } = await deps.pool.query<{ status: string; reason: string | null }>('SELECT status, reason FROM adt_messages WHERE message_key = $1', [messageKey]);
    const first = rows[0];
    if (first?.status !== 'received') return { messageId: body.messageId, status: 'duplicate', memberId, ...(first?.reason ? { reason: first.reason } : {}) };
    // Another delivery holds it: its outcome, or its lapse, is at most one lease away.
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

/** Delivers under this caller's lease; a failure gives the lease up, so a retry need not wait for it. */
async function deliverHoldingLease(deps: AdtIntakeDependencies, body: AdtEventBody, messageKey: string, memberId: string, visitKey: string, receivedMs: number): Promise<AdtIntakeResult> {
  try {
    return await deliver(deps, body, messageKey, memberId, visitKey, receivedMs);
  } catch (err) {
    await deps.pool.query(`UPDATE adt_messages SET delivering_until = NULL WHERE message_key = $1 AND status = 'received'`, [messageKey]).catch(() => undefined);
    throw err;
  }
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
      await deps.journeys.act(memberId, journeyUpdates.recordAdtEvent, { actionKey: messageKey, event }, `adt:${messageKey}`);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      status = 'unmatched';
      reason = `${err.code}: ${err.detail}`;
    }
  }
  await deps.pool.query('UPDATE adt_messages SET status = $2, reason = $3, delivering_until = NULL, updated_at = now() WHERE message_key = $1', [messageKey, status, reason ?? null]);
  return { messageId: body.messageId, status: status === 'delivered' ? 'accepted' : 'unmatched', memberId, ...(reason ? { reason } : {}) };
}
