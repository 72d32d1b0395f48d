/** Who a caller is to the journey: the health plan, the ECM provider, or operations staff. */
export const ROLES = ['plan', 'provider', 'ops'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Route audiences, named once so the route descriptors read as who may act. */
export const PLAN = ['plan'] as const satisfies readonly Role[];
export const PROVIDER = ['provider'] as const satisfies readonly Role[];
export const PLAN_OR_PROVIDER = ['plan', 'provider'] as const satisfies readonly Role[];
export const EVERYONE = ['plan', 'provider', 'ops'] as const satisfies readonly Role[];
