/**
 * The normalized ADT (admission, discharge, transfer) event. Both intake formats produce it: the JSON
 * batch of `POST /v1/adt` (validated by {@link adtBatchBodySchema}) and raw HL7 v2 (see hl7v2.ts).
 * ADT notifications start transitional care (Guide §8.5; ECM-RULES §6 "ADT feed"), and their receipt
 * starts the R-TCS-24H clock.
 *
 * The event carries identifiers needed to find the member and the visit, and nothing else about the
 * patient: no name, no date of birth, no address. Anything unknown is dropped here; the API's JSON
 * intake (api/adt/adt-event-schema.ts) refuses unknown fields before this point.
 */

import { z } from 'zod';
import { ORGANISATION_CODE_PATTERN } from '../identifier-patterns';
import { SAFE_TEXT_PATTERN, UNSAFE_TEXT_MESSAGE } from '../safe-text';

/** The HL7 v2 ADT trigger events transitional care understands. */
export const ADT_EVENT_TYPES = ['A01', 'A02', 'A03', 'A04', 'A06', 'A08', 'A11', 'A13'] as const;

export type AdtEventType = (typeof ADT_EVENT_TYPES)[number];

/**
 * What an event does to a transitional-care episode:
 * - `admit`: starts an episode, or extends the open one when it is the same stay;
 * - `transfer`: the stay continues elsewhere (another unit or facility); the episode is extended;
 * - `discharge`: the stay ends; the post-discharge clocks (R-TCS-7D, R-TCS-30D) start;
 * - `update`: corrects details of a visit already known; starts nothing;
 * - `cancel_admit` / `cancel_discharge`: the earlier admit or discharge was sent in error;
 * - `ignore`: not a transition of care (e.g. an outpatient registration).
 */
export type AdtEpisodeEffect = 'admit' | 'transfer' | 'discharge' | 'update' | 'cancel_admit' | 'cancel_discharge' | 'ignore';

/** The HL7 name of each event and what it does to an episode (see {@link episodeEffect} for A04). */
export const ADT_EVENTS = {
  A01: { name: 'admit/visit notification', effect: 'admit' },
  A02: { name: 'transfer a patient', effect: 'transfer' },
  A03: { name: 'discharge/end visit', effect: 'discharge' },
  // Only an ED registration (patient class E) is a transition; other A04s are clinic visits.
  A04: { name: 'register a patient', effect: 'admit' },
  A06: { name: 'change an outpatient to an inpatient', effect: 'admit' },
  A08: { name: 'update patient information', effect: 'update' },
  A11: { name: 'cancel admit/visit notification', effect: 'cancel_admit' },
  A13: { name: 'cancel discharge/end visit', effect: 'cancel_discharge' },
} as const satisfies Readonly<Record<AdtEventType, { readonly name: string; readonly effect: AdtEpisodeEffect }>>;

/**
 * Patient classes of HL7 table 0004: B obstetrics, C commercial account, E emergency, I inpatient,
 * N not applicable, O outpatient, P preadmit, R recurring patient, U unknown.
 */
export const PATIENT_CLASSES = ['B', 'C', 'E', 'I', 'N', 'O', 'P', 'R', 'U'] as const;

export type PatientClass = (typeof PATIENT_CLASSES)[number];

/** An identifier other than the CIN or the plan's member ID, e.g. a hospital MRN. */
export interface OtherIdentifier {
  /** Who issued it, e.g. `GOODSAM:MR` (assigning authority and identifier type). */
  readonly system: string;
  readonly value: string;
}

/** The identifiers that may find the member; at least one is present. */
export interface MemberIdentifiers {
  /** The Medi-Cal Client Index Number, the key members are known by (see src/infra/identity.ts). */
  readonly cin?: string;
  /** The health plan's own member number. */
  readonly planMemberId?: string;
  readonly other: readonly OtherIdentifier[];
}

/** The facility where the member is (or was) a patient. */
export interface AdtFacility {
  readonly id: string;
  readonly name?: string;
}

/** One ADT notification, normalized. Instants are ISO 8601 strings with an explicit offset. */
export interface AdtEvent {
  /** The sender's message control ID (HL7 MSH-10): what makes a resent message recognisable. */
  readonly messageId: string;
  readonly eventType: AdtEventType;
  /** The plan whose feed carried the event, when known. */
  readonly plan?: string;
  readonly memberIdentifiers: MemberIdentifiers;
  readonly facility: AdtFacility;
  /** The facility's visit (encounter) number (HL7 PV1-19): the stay the event is about. */
  readonly visitId: string;
  readonly patientClass: PatientClass;
  readonly admitAt?: string;
  readonly dischargeAt?: string;
  /** Discharge disposition code (HL7 table 0112, e.g. `01` home), as sent. */
  readonly dischargeDisposition?: string;
  /** When the sender created the message (HL7 MSH-7). */
  readonly sentAt?: string;
}

/**
 * What an event does to a transitional-care episode: A01 and A06 admit; A04 admits only as an ED
 * visit (patient class E) and is otherwise ignored; A02 transfers; A03 discharges; A08 updates;
 * A11 and A13 cancel an admit and a discharge.
 */
export function episodeEffect(event: Pick<AdtEvent, 'eventType' | 'patientClass'>): AdtEpisodeEffect {
  if (event.eventType === 'A04' && event.patientClass !== 'E') return 'ignore';
  return ADT_EVENTS[event.eventType].effect;
}

/** Most events a `POST /v1/adt` body may carry; a daily feed is sent in several batches. */
export const MAX_ADT_BATCH_EVENTS = 500;

/** A Medi-Cal CIN: the same rule as `POST /v1/referrals`, so both intakes derive the same member ID. */
export const CIN_PATTERN = /^[0-9A-Za-z]{8,14}$/;

/** A plan code: the same rule as `POST /v1/referrals`. */
export const PLAN_CODE_PATTERN = ORGANISATION_CODE_PATTERN;

/** Longest identifier kept (message, visit, facility, member IDs); HL7 v2.5+ allows 199 for MSH-10. */
export const MAX_IDENTIFIER_LENGTH = 199;

/**
 * An ISO 8601 instant with an explicit offset (`Z` or `±hh:mm`): without one a hospital's local time
 * would be read in the server's zone and every R-TCS clock would be off by hours.
 */
const instantSchema = z.iso.datetime({ offset: true, local: false });

/**
 * Text from a feed, refused when it carries a control character or a lone surrogate (a NUL in
 * MSH-10 cannot be stored, so the message is answered AE instead of failing the request).
 */
const safeText = () => z.string().regex(SAFE_TEXT_PATTERN, { message: UNSAFE_TEXT_MESSAGE, abort: true });

const identifierSchema = safeText().trim().min(1).max(MAX_IDENTIFIER_LENGTH);

const memberIdentifiersSchema = z
  .object({
    cin: z.string().trim().regex(CIN_PATTERN, 'a Medi-Cal CIN: 8 to 14 letters and digits').optional(),
    planMemberId: identifierSchema.optional(),
    other: z.array(z.object({ system: identifierSchema, value: identifierSchema })).max(20).default([]),
  })
  .refine((ids) => ids.cin !== undefined || ids.planMemberId !== undefined || ids.other.length > 0, {
    message: 'at least one member identifier (cin, planMemberId or other) is required',
  });

/** One event of a `POST /v1/adt` body; the same rules check events mapped from HL7 v2. */
export const adtEventSchema = z
  .object({
    messageId: identifierSchema,
    eventType: z.enum(ADT_EVENT_TYPES),
    plan: z.string().regex(PLAN_CODE_PATTERN, 'a plan code: letters, digits, "_", "." or "-"').optional(),
    memberIdentifiers: memberIdentifiersSchema,
    facility: z.object({ id: identifierSchema, name: safeText().trim().min(1).max(200).optional() }),
    visitId: identifierSchema,
    patientClass: z.enum(PATIENT_CLASSES),
    admitAt: instantSchema.optional(),
    dischargeAt: instantSchema.optional(),
    dischargeDisposition: safeText().trim().min(1).max(64).optional(),
    sentAt: instantSchema.optional(),
  })
  .superRefine((event, ctx) => {
    // A discharge without its instant cannot start R-TCS-7D or R-TCS-30D.
    if (event.eventType === 'A03' && event.dischargeAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['dischargeAt'], message: 'an A03 discharge needs dischargeAt' });
    }
    if (event.admitAt !== undefined && event.dischargeAt !== undefined && Date.parse(event.dischargeAt) < Date.parse(event.admitAt)) {
      ctx.addIssue({ code: 'custom', path: ['dischargeAt'], message: 'dischargeAt is before admitAt' });
    }
  }) satisfies z.ZodType<AdtEvent>;

/** The body of `POST /v1/adt`: 1 to {@link MAX_ADT_BATCH_EVENTS} events. */
export const adtBatchBodySchema = z.object({
  events: z.array(adtEventSchema).min(1, 'at least one event is required').max(MAX_ADT_BATCH_EVENTS, `at most ${MAX_ADT_BATCH_EVENTS} events per request`),
});

/** The body of `POST /v1/adt` as parsed. */
export type AdtBatchBody = z.infer<typeof adtBatchBodySchema>;
