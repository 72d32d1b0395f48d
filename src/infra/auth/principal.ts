/**
 * Who is calling, as a verified bearer token says. Three roles (issue 5, §2): a health plan acts on
 * and reads its own members; an ECM provider acts on and reads the members currently assigned to
 * it; operations staff read everything and act on nothing.
 */
import { z } from 'zod';
import { ORGANISATION_CODE_PATTERN } from '../identity';

/** The roles a token may carry. */
export const ROLES = ['plan', 'provider', 'ops'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** The claims this API reads from a token, beyond the registered ones jose checks. */
export const tokenClaimsSchema = z.object({
  sub: z.string().regex(/^[A-Za-z0-9_.:@-]{1,64}$/, 'sub must be 1 to 64 letters, digits or "_.:@-"'),
  role: z.enum(ROLES),
  /** The plan code (role plan), the provider ID (role provider), or the operations team (role ops). */
  org: z.string().regex(ORGANISATION_CODE_PATTERN, 'org must be a plan code or a provider ID'),
  /** A provider token of one Lead Care Manager carries their ID (R-ONE-LCM checks use it). */
  lcm: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).optional(),
});

/** The verified caller. */
export interface Principal {
  readonly subject: string;
  readonly role: Role;
  readonly organisation: string;
  /** Set when a provider's token speaks for one Lead Care Manager rather than the whole organisation. */
  readonly careManagerId?: string;
}

/** The principal a set of verified claims describes. */
export function principalOf(claims: z.infer<typeof tokenClaimsSchema>): Principal {
  return { subject: claims.sub, role: claims.role, organisation: claims.org, ...(claims.lcm ? { careManagerId: claims.lcm } : {}) };
}
