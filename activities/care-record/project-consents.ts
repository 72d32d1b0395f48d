/**
 * The member's consents: the opt-in that starts ECM ('enrollment') and any opt-out ('opt-out'),
 * one row per event. R-OPT-IN asks for documented consent — how it was given, who recorded it and
 * when — and lets the member opt out at any time, so both are kept side by side, never overwritten.
 */
import type { PoolClient } from 'pg';
import { actedAt, stringField } from './project-detail';
import type { JourneyEventRecord } from './types';

async function insertConsent(
  client: PoolClient,
  event: JourneyEventRecord,
  consent: { kind: 'opt_in' | 'opt_out'; method: string | null; recordedBy: string | null; reason: string | null },
): Promise<void> {
  await client.query(
    `INSERT INTO consents (referral_key, event_key, member_id, kind, method, recorded_by, at, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (referral_key, event_key) DO NOTHING`,
    [event.referralKey, event.eventKey, event.memberId, consent.kind, consent.method, consent.recordedBy, actedAt(event), consent.reason],
  );
}

/** Writes the `consents` opt-in of an 'enrollment' event (R-OPT-IN: verbal or written, recorded by whom, when). */
export async function projectOptIn(client: PoolClient, event: JourneyEventRecord): Promise<void> {
  const method = stringField(event.detail, 'consent');
  const recordedBy = stringField(event.detail, 'recordedBy');
  if (!method || !recordedBy) return;
  await insertConsent(client, event, { kind: 'opt_in', method, recordedBy, reason: null });
}

/** Writes the `consents` opt-out of an 'opt-out' event (R-OPT-IN: at any time), with who recorded it when known. */
export async function projectOptOut(client: PoolClient, event: JourneyEventRecord): Promise<void> {
  await insertConsent(client, event, {
    kind: 'opt_out',
    method: null,
    recordedBy: stringField(event.detail, 'actor') ?? null,
    reason: stringField(event.detail, 'reason') ?? null,
  });
}
