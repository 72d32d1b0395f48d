/**
 * How intake decides, with the fewest round trips on the common path (issue 16 §1): one statement
 * to the care record (referral, member, journey row and audit row, see
 * src/infra/care-record/intake.ts), then one Temporal start. Temporal's own start semantics (one
 * open journey per workflow ID, conflict policy FAIL) catch the rest; a describe is asked only
 * on the rare paths: a redelivery, a race between deliveries, an open journey.
 */
import type { Pool } from 'pg';
import type { MemberJourneyInput } from '../../src/contracts/member-journey';
import type { ReferralRecord } from '../../src/core/domain/referral-record';
import { receiveReferral, type IntakeOutcome } from '../../src/infra/care-record/intake';
import { recordReferral, referralOnRecord, withdrawReferral } from '../../src/infra/care-record/referrals';
import type { JourneyGateway } from '../journey-gateway';
import type { ApiError } from '../problem';
import type { IntakeAudit } from './referral-audit';

/** One referral, as intake has prepared it. */
export interface PreparedReferral {
  readonly memberId: string;
  readonly referralKey: string;
  readonly fingerprint: string;
  readonly record: ReferralRecord;
  /** The journey's input without the referral record: the start and its findings. */
  readonly start: MemberJourneyInput['start'];
  readonly memo: { readonly referralKey: string; readonly referralFingerprint: string };
}

/** How the referral was answered: `started` when this request started its journey. */
export type IntakeAnswer = 'started' | 'accepted';

/** Errors intake answers with, built by the route (they carry the journey's link). */
export interface IntakeRefusals {
  readonly journeyOpen: () => ApiError;
  readonly conflict: () => ApiError;
}

/**
 * Records and starts the referral. Durable before it answers: the referral row commits before
 * the start is asked for, and the start is acknowledged by Temporal before the 202.
 */
export async function takeInReferral(pool: Pool, journeys: JourneyGateway, r: PreparedReferral, audit: IntakeAudit, refuse: IntakeRefusals): Promise<IntakeAnswer> {
  let outcome: IntakeOutcome = await receiveReferral(pool, { ...r.record, fingerprint: r.fingerprint }, audit.row);
  audit.recorded();
  for (let attempt = 0; attempt < 3; attempt++) {
    switch (outcome.kind) {
      case 'new':
        return startWritten(pool, journeys, r, refuse);
      case 'seen':
        return redelivered(journeys, r, outcome, refuse);
      case 'open-elsewhere': {
        // The care record may lag Temporal (a journey ended by hand): Temporal decides.
        const existing = await journeys.describe(r.memberId);
        if (existing?.running && existing.referralKey !== r.referralKey) throw refuse.journeyOpen();
        if (await recordReferral(pool, { ...r.record, fingerprint: r.fingerprint })) return startWritten(pool, journeys, r, refuse);
        break;
      }
      case 'being-written':
        break;
    }
    // A concurrent delivery of this referral wrote its row: decide again on what is on record.
    const known = await referralOnRecord(pool, r.referralKey);
    outcome = known ? { kind: 'seen', ...known } : { kind: 'being-written' };
  }
  throw refuse.journeyOpen();
}

/** The input of a journey whose referral row this request wrote: the workflow need not write it again. */
function onRecordInput(r: PreparedReferral): MemberJourneyInput {
  return { start: r.start, referralOnRecord: true };
}

/**
 * The input of a journey started for a referral found on record: the workflow writes the referral
 * (a no-op) and its opening event, which a row written by an earlier release may lack.
 */
function legacyInput(r: PreparedReferral): MemberJourneyInput {
  return { start: r.start, referralRecord: r.record };
}

async function startWritten(pool: Pool, journeys: JourneyGateway, r: PreparedReferral, refuse: IntakeRefusals): Promise<IntakeAnswer> {
  if (await journeys.start(onRecordInput(r), r.memo)) return 'started';
  // A concurrent delivery of this referral started its journey first: the same answer.
  if ((await journeys.describe(r.memberId))?.referralKey === r.referralKey) return 'accepted';
  // Another referral's journey for this member started between our write and our start: this
  // referral is refused, and the rows it wrote are taken back, so the refusal changes nothing.
  await withdrawReferral(pool, r.referralKey, r.memberId);
  throw refuse.journeyOpen();
}

async function redelivered(journeys: JourneyGateway, r: PreparedReferral, known: { readonly memberId: string; readonly fingerprint: string | null }, refuse: IntakeRefusals): Promise<IntakeAnswer> {
  // A referral ID is the plan's and names one member: the same ID for another member, or with
  // other content, is refused before anything starts or is written.
  if (known.memberId !== r.memberId) throw refuse.conflict();
  if (known.fingerprint !== null && known.fingerprint !== r.fingerprint) throw refuse.conflict();
  const existing = await journeys.describe(r.memberId);
  // Rows recorded before fingerprints were kept: the journey's memo still knows the content.
  if (known.fingerprint === null && existing?.referralKey === r.referralKey && existing.referralFingerprint !== r.fingerprint) throw refuse.conflict();
  // A first delivery that stopped between writing its row and starting is completed by this one.
  if (!existing && (await journeys.start(legacyInput(r), r.memo))) return 'started';
  return 'accepted';
}
