/**
 * The shapes of the opaque identifiers, as pure patterns: the ADT mapping and the API's schemas
 * check them, while src/infra/identity.ts (which needs node:crypto) derives the values.
 */

/** A member ID as `deriveMemberId` makes it; anything else cannot name a journey. */
export const MEMBER_ID_PATTERN = /^mbr_[0-9a-f]{32}$/;

/** A plan code or a provider ID: how organisations are named in bodies, queries and tokens. */
export const ORGANISATION_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
