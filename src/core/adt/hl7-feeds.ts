/**
 * HL7 feeds: a hospital's or HIE's ADT interface, configured in the plans file (`feeds` beside
 * `plans`, see src/core/plan-policies.ts) rather than in code. A feed names the plan whose members it
 * carries, how its PID-3 marks the Medi-Cal CIN, the zone of its naive timestamps, the sending
 * facilities (MSH-4) allowed on it, and where an admission's time is read from.
 *
 * Over HTTP the plan comes from the caller's token and a message uses the feed of that plan naming
 * its MSH-4 (the default feed, today's rules, when the plan configures none). Over MLLP there is no
 * token: the connection is bound to the feed whose `sendingFacilities` name the first message's
 * MSH-4, and a sender on no feed is refused (AR).
 */
import { z } from 'zod';
import { PLAN_CODE_PATTERN } from './adt-event';
import { DEFAULT_IDENTIFIER_RULES, type IdentifierRules } from './hl7v2-identifiers';
import { DEFAULT_HL7_TIME_ZONE } from './hl7v2-timestamp';

/**
 * Where an admit (A01/A04/A06) takes its admission time from when PV1-44 is empty:
 * - `pv1-44`: PV1-44, else EVN-6 (event occurred, the sender's own statement of when it happened);
 *   with neither the message is refused with AE, never dated with its receipt;
 * - `evn-2`: as `pv1-44`, then EVN-2 (recorded date/time) for feeds whose engine fills only that;
 *   the event then records `admitTimeSource: 'EVN-2'` (R-TCS-24H's clock starts at receipt either way).
 */
export const ADMIT_TIME_POLICIES = ['pv1-44', 'evn-2'] as const;
export type AdmitTimePolicy = (typeof ADMIT_TIME_POLICIES)[number];

/** Which field an admission time was read from, recorded on the event. */
export type AdmitTimeSource = 'PV1-44' | 'EVN-6' | 'EVN-2';

const code = z.string().trim().min(1).max(64);

const cinRuleSchema = z
  .strictObject({
    /** CX-4 namespace ID or universal ID (e.g. an OID `2.16.840.1.113883.3.1`). */
    assigningAuthority: code.optional(),
    /** CX-5; `''` for an untyped CX. */
    identifierType: z.string().trim().max(16).optional(),
  })
  .refine((rule) => rule.assigningAuthority !== undefined || rule.identifierType !== undefined, 'a CIN rule names an assigning authority, an identifier type, or both');

/** One feed in the plans file. Identifier lists given replace the default's; `cinRules` add to them. */
export const hl7FeedSchema = z.strictObject({
  plan: z.string().regex(PLAN_CODE_PATTERN, 'a plan code'),
  identifierRules: z
    .strictObject({
      cinIdentifierTypes: z.array(code).optional(),
      cinAssigningAuthorities: z.array(code).optional(),
      cinRules: z.array(cinRuleSchema).max(20).optional(),
      planMemberIdentifierTypes: z.array(code).optional(),
    })
    .optional(),
  /** IANA zone of timestamps sent without an offset. */
  timeZone: z.string().min(1).optional(),
  /** MSH-4 namespace or universal IDs allowed on this feed; omitted: any (HTTP only). */
  sendingFacilities: z.array(code).min(1).optional(),
  admitTime: z.enum(ADMIT_TIME_POLICIES).optional(),
  /** MLLP over TLS: the client-certificate subject CNs this feed's senders present; set, no other peer may speak for the feed. */
  clientCertificateNames: z.array(code).min(1).optional(),
});

/** The `feeds` of the plans file, by feed name. */
export const hl7FeedsSchema = z.record(z.string().regex(PLAN_CODE_PATTERN, 'a feed name'), hl7FeedSchema);

/** A feed as configured. */
export type Hl7FeedConfig = z.infer<typeof hl7FeedSchema>;

/** A feed resolved: every setting filled. */
export interface Hl7Feed {
  readonly name: string;
  readonly plan: string;
  readonly identifierRules: IdentifierRules;
  readonly timeZone: string;
  /** `undefined`: any sending facility. */
  readonly sendingFacilities?: readonly string[];
  readonly admitTime: AdmitTimePolicy;
  /** `undefined`: any peer (the listener's TLS settings decide who may connect at all). */
  readonly clientCertificateNames?: readonly string[];
}

/** The feed a plan's HTTP messages use when the plan configures none: today's rules, any facility. */
export function defaultFeed(plan: string): Hl7Feed {
  return { name: 'default', plan, identifierRules: DEFAULT_IDENTIFIER_RULES, timeZone: DEFAULT_HL7_TIME_ZONE, admitTime: 'pv1-44' };
}

/** A configured feed with the defaults filled in. */
export function resolveFeed(name: string, config: Hl7FeedConfig): Hl7Feed {
  const rules = config.identifierRules ?? {};
  return {
    name,
    plan: config.plan,
    identifierRules: {
      cinIdentifierTypes: rules.cinIdentifierTypes ?? DEFAULT_IDENTIFIER_RULES.cinIdentifierTypes,
      cinAssigningAuthorities: rules.cinAssigningAuthorities ?? DEFAULT_IDENTIFIER_RULES.cinAssigningAuthorities,
      cinRules: rules.cinRules ?? [],
      planMemberIdentifierTypes: rules.planMemberIdentifierTypes ?? DEFAULT_IDENTIFIER_RULES.planMemberIdentifierTypes,
    },
    timeZone: config.timeZone ?? DEFAULT_HL7_TIME_ZONE,
    ...(config.sendingFacilities ? { sendingFacilities: config.sendingFacilities } : {}),
    admitTime: config.admitTime ?? 'pv1-44',
    ...(config.clientCertificateNames ? { clientCertificateNames: config.clientCertificateNames } : {}),
  };
}

/** Whether a feed allows a sending facility (MSH-4 namespace ID and universal ID). */
export function feedAllows(feed: Hl7Feed, sendingFacility: readonly string[]): boolean {
  if (feed.sendingFacilities === undefined) return true;
  const sent = sendingFacility.filter((id) => id !== '').map((id) => id.toUpperCase());
  return feed.sendingFacilities.some((allowed) => sent.includes(allowed.toUpperCase()));
}

/** Chooses a message's feed by its MSH-4, or `undefined` when no feed takes that sender. */
export type Hl7FeedSelector = (sendingFacility: readonly string[]) => Hl7Feed | undefined;

/** HTTP: the plan's feeds naming the sender; the default feed when the plan configures none. */
export function httpFeedSelector(feeds: Readonly<Record<string, Hl7FeedConfig>>, plan: string): Hl7FeedSelector {
  const own = Object.entries(feeds)
    .filter(([, config]) => config.plan === plan)
    .map(([name, config]) => resolveFeed(name, config));
  if (own.length === 0) return () => defaultFeed(plan);
  return (sendingFacility) => own.find((feed) => feedAllows(feed, sendingFacility));
}

/** MLLP: only feeds that list their sending facilities, since nothing else identifies the sender. */
export function mllpFeedSelector(feeds: Readonly<Record<string, Hl7FeedConfig>>): Hl7FeedSelector {
  const listed = Object.entries(feeds)
    .filter(([, config]) => config.sendingFacilities !== undefined)
    .map(([name, config]) => resolveFeed(name, config));
  return (sendingFacility) => listed.find((feed) => feedAllows(feed, sendingFacility));
}
