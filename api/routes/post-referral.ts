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
import { takeInReferral } from './referral-intake';
import { auditedOnce } from './referral-audit';
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
  return auditedOnce(pool, config.memberIdKey, async (req, res, audit) => {
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
    const start: MemberJourneyInput['start'] = {
      memberId,
      policy,
      ...turns21(body.member.dateOfBirth, receivedMs, policy.calendar.timeZone),
      ...(body.eligibilityFacts ? { eligibility: intakeFinding(body.eligibilityFacts, body.receivedAt, localDateOf(receivedMs, policy.calendar.timeZone)) } : {}),
      ...(body.countyBehavioralHealthProvider ? { countyBehavioralHealthProvider: body.countyBehavioralHealthProvider } : {}),
      referral,
    };
    const prepared = {
      memberId,
      referralKey,
      fingerprint: referralFingerprint,
      record: { ...referral, memberId, plan: body.plan, referralId: body.referralId, member: body.member },
      start,
      memo: { referralKey, referralFingerprint },
    };
    const answer = await takeInReferral(pool, journeys, prepared, audit, { journeyOpen, conflict });
    if (answer === 'started') onJourneyStarted?.(body.plan);
    res.status(202).location(location).json({ memberId, referralId: body.referralId, links: { journey: location } });
  });
}
