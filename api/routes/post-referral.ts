/** `POST /v1/referrals`: a health plan starts a member's journey. */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { deriveMemberId, deriveReferralKey, fingerprint, ORGANISATION_CODE_PATTERN } from '../../src/infra/identity';
import { resolvePlanPolicy } from '../../src/core/plan-policies';
import { REFERRAL_SOURCES } from '../../src/core/domain/journey-state';
import { localDateOf } from '../../src/core/calendar';
import {
  bornAfter,
  intakeFinding,
  needsPopulationOfFocus,
  presumptiveNamesProvider,
  presumptiveNotOffered,
  receivedInFuture,
  REFERRAL_POPULATIONS_OF_FOCUS,
  turns21,
} from '../../src/core/domain/referral-intake';
import { memberFactsSchema } from '../eligibility-facts-schema';
import type { MemberJourneyInput } from '../../src/contracts/member-journey';
import { recordReferral, referralOnRecord, withdrawReferral } from '../../src/infra/care-record/referrals';
import { ApiError, ApiErrorCode } from '../problem';
import { dateOfBirthSchema, instantSchema } from '../timestamp';
import { safeString, text } from '../text';
import { parseBody } from '../validation';
import type { RouteDependencies } from '../dependencies';

/** The referral body; the same schema validates and types it. Strict: a misspelt field is refused, never dropped. */
export const referralBody = z
  .strictObject({
    referralId: text({ max: 128 }),
    receivedAt: instantSchema,
    plan: safeString().regex(ORGANISATION_CODE_PATTERN, 'a plan code: letters, digits, "_", "." or "-"'),
    member: z.strictObject({
      cin: safeString().trim().regex(/^[0-9A-Za-z]{8,14}$/, 'a Medi-Cal CIN: 8 to 14 letters and digits'),
      name: z.strictObject({ given: text({ max: 200 }), family: text({ max: 200 }) }),
      dateOfBirth: dateOfBirthSchema,
      language: text({ max: 64 }).optional(),
      contact: z
        .strictObject({
          phone: text({ max: 32, min: 0 }).optional(),
          email: z.email().optional(),
          address: text({ max: 500, min: 0 }).optional(),
        })
        .optional(),
    }),
    source: z.enum(REFERRAL_SOURCES),
    populationsOfFocus: z.array(z.enum(REFERRAL_POPULATIONS_OF_FOCUS)).max(REFERRAL_POPULATIONS_OF_FOCUS.length).default([]),
    expedited: z.boolean().default(false),
    presumptive: z.boolean().default(false),
    providerId: text({ max: 64 }).optional(),
    /** R-ELIGIBILITY at intake: when given, the engine's verdict is kept with the journey. */
    eligibilityFacts: memberFactsSchema.optional(),
    /** R-BH-ASSIGN: the member's county behavioural-health provider; when it is a contracted ECM provider, the member is assigned to it unless they prefer otherwise. */
    countyBehavioralHealthProvider: z
      .strictObject({
        providerId: text({ max: 64 }),
        contractedEcmProvider: z.boolean(),
        memberPrefersOtherProvider: z
          .strictObject({ documentedAt: instantSchema, reason: text({ max: 500 }) })
          .optional()
          .meta({ description: 'The member’s documented preference for another ECM provider (documented no later than receivedAt); it lifts R-BH-ASSIGN.' }),
      })
      .optional()
      .meta({
        description:
          'R-BH-ASSIGN: the county behavioural-health provider serving the member. When it is a contracted ECM provider, an assignment to any other provider is refused (behavioral_health_provider_required) unless the member prefers otherwise.',
      }),
  })
  .superRefine((body, ctx) => {
    if (!presumptiveNamesProvider(body)) {
      ctx.addIssue({ code: 'custom', path: ['providerId'], message: 'a presumptive (E-Form) referral names the submitting provider' });
    }
    if (body.populationsOfFocus.length === 0 && needsPopulationOfFocus(body.source)) {
      ctx.addIssue({ code: 'custom', path: ['populationsOfFocus'], message: 'at least one Population of Focus is required' });
    }
    // Against the referral's own day as written (its instant may not be in the future).
    if (body.eligibilityFacts && bornAfter(body.eligibilityFacts.dateOfBirth, body.receivedAt.slice(0, 10))) {
      ctx.addIssue({ code: 'custom', path: ['eligibilityFacts', 'dateOfBirth'], message: 'must not be after receivedAt' });
    }
    const preference = body.countyBehavioralHealthProvider?.memberPrefersOtherProvider;
    if (preference && Date.parse(preference.documentedAt) > Date.parse(body.receivedAt)) {
      ctx.addIssue({ code: 'custom', path: ['countyBehavioralHealthProvider', 'memberPrefersOtherProvider', 'documentedAt'], message: 'must not be after receivedAt' });
    }
  });

export type ReferralBody = z.infer<typeof referralBody>;

/**
 * Starts the journey. Idempotent by referral ID: the same referral again answers the same result;
 * a different referral for a member whose journey is open answers 409 with that journey's link.
 */
export function postReferral({ journeys, config, clock, pool, onJourneyStarted }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const body = parseBody(referralBody, req);
    const receivedMs = Date.parse(body.receivedAt);
    if (receivedInFuture(receivedMs, await clock())) {
      throw new ApiError(ApiErrorCode.TimestampInFuture, `receivedAt ${body.receivedAt} is in the future`);
    }
    if (bornAfter(body.member.dateOfBirth, new Date(receivedMs).toISOString().slice(0, 10))) {
      throw new ApiError(ApiErrorCode.InvalidBody, 'the date of birth is after the referral was received', {
        errors: [{ path: 'member.dateOfBirth', message: 'must not be after receivedAt' }],
      });
    }
    const policy = resolvePlanPolicy(config.plans, body.plan);
    if (presumptiveNotOffered(body.presumptive, policy)) {
      throw new ApiError(ApiErrorCode.PresumptiveNotOffered, `plan ${body.plan} does not accept E-Form presumptive authorizations`);
    }

    const memberId = deriveMemberId(config.memberIdKey, body.plan, body.member.cin);
    const referralKey = deriveReferralKey(config.memberIdKey, body.plan, body.referralId);
    const referralFingerprint = fingerprint(config.memberIdKey, body);
    const location = `/v1/members/${memberId}`;
    const accepted = (): void => {
      res.status(202).location(location).json({ memberId, referralId: body.referralId, links: { journey: location } });
    };

    const journeyOpen = (): ApiError =>
      new ApiError(ApiErrorCode.JourneyOpen, 'the member already has an open ECM journey; act on it instead', {
        memberId,
        links: { journey: location },
      });
    const conflict = (): ApiError => new ApiError(ApiErrorCode.ReferralConflict, 'this referral ID was already received with different content');

    // What the journey keeps of the referral; the care record also gets the plan's IDs and the demographics.
    const referral = {
      referralKey,
      receivedAt: body.receivedAt,
      source: body.source,
      expedited: body.expedited,
      presumptive: body.presumptive,
      ...(body.providerId ? { referringProviderId: body.providerId } : {}),
      populationsOfFocus: body.populationsOfFocus,
    };
    const referralRecord = { ...referral, memberId, plan: body.plan, referralId: body.referralId, member: body.member };
    const input: MemberJourneyInput = {
      start: {
        memberId,
        policy,
        ...turns21(body.member.dateOfBirth, receivedMs, policy.calendar.timeZone),
        ...(body.eligibilityFacts ? { eligibility: intakeFinding(body.eligibilityFacts, body.receivedAt, localDateOf(receivedMs, policy.calendar.timeZone)) } : {}),
        ...(body.countyBehavioralHealthProvider ? { countyBehavioralHealthProvider: body.countyBehavioralHealthProvider } : {}),
        referral,
      },
      referralRecord,
    };
    const memo = { referralKey, referralFingerprint };

    // A referral ID is the plan's and names one member: the care record, not one member's
    // workflow, says whether it was seen before, so the same ID for another member (or with other
    // content) is refused before anything starts or is written.
    for (let attempt = 0; attempt < 3; attempt++) {
      const known = await referralOnRecord(pool, referralKey);
      if (known) {
        if (known.memberId !== memberId) throw conflict();
        if (known.fingerprint !== null && known.fingerprint !== referralFingerprint) throw conflict();
        const existing = await journeys.describe(memberId);
        // Rows recorded before fingerprints were kept: the journey's memo still knows the content.
        if (known.fingerprint === null && existing?.referralKey === referralKey && existing.referralFingerprint !== referralFingerprint) throw conflict();
        // A first delivery that stopped between writing its row and starting is completed by this one.
        if (!existing && (await journeys.start(input, memo))) onJourneyStarted?.(body.plan);
        accepted();
        return;
      }
      const existing = await journeys.describe(memberId);
      if (existing?.running) {
        // This very referral, delivered concurrently: its row is on record by now; decide again.
        if (existing.referralKey === referralKey) continue;
        throw journeyOpen();
      }
      // The care record first: a journey never runs without its referral row, so a failure here
      // leaves nothing behind, and a redelivery finds what was written.
      if (!(await recordReferral(pool, { ...referralRecord, fingerprint: referralFingerprint }))) continue; // a concurrent delivery won: decide again
      if (await journeys.start(input, memo)) {
        onJourneyStarted?.(body.plan);
        accepted();
        return;
      }
      // A concurrent delivery of this referral started its journey first: the same answer.
      if ((await journeys.describe(memberId))?.referralKey === referralKey) {
        accepted();
        return;
      }
      // Another referral's journey for this member started between our check and our start: this
      // referral is refused, and the rows it wrote are taken back, so the refusal changes nothing.
      await withdrawReferral(pool, referralKey, memberId);
      throw journeyOpen();
    }
    throw journeyOpen();
  };
}
