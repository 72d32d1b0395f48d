/**
 * Opaque identifiers. Workflow IDs, URLs and search attributes must carry no PHI, so the member is
 * known by a keyed hash of plan + CIN: deterministic, so intake is idempotent without a lookup,
 * and unguessable without the key, so the ID reveals nothing.
 */
import { createHmac } from 'node:crypto';

export { MEMBER_ID_PATTERN, ORGANISATION_CODE_PATTERN } from '../core/identifier-patterns';

function keyedHash(key: string, ...parts: readonly string[]): string {
  // NUL cannot occur in either part, so ("a", "bc") and ("ab", "c") never collide.
  return createHmac('sha256', key).update(parts.join('\u0000')).digest('hex');
}

/** The opaque member ID: same plan and CIN, same ID. CINs are compared case-insensitively. */
export function deriveMemberId(key: string, plan: string, cin: string): string {
  return `mbr_${keyedHash(key, 'member', plan, cin.trim().toUpperCase()).slice(0, 32)}`;
}

/** Identifies a referral (and so a journey) without exposing the plan's referral ID. */
export function deriveReferralKey(key: string, plan: string, referralId: string): string {
  return `ref_${keyedHash(key, 'referral', plan, referralId).slice(0, 32)}`;
}

/**
 * Names one member's hospital visit without exposing the visit number: it becomes part of a
 * workflow ID. A visit number is unique only within its facility (PV1-19 under the facility's
 * assigning authority), so the key is scoped to the facility and the member as well as the plan:
 * two members at two hospitals that both use `V1001` get two episodes.
 */
export function deriveVisitKey(key: string, visit: { readonly plan: string; readonly facilityId: string; readonly memberId: string; readonly visitNumber: string }): string {
  return `v${keyedHash(key, 'visit:v2', visit.plan, visit.facilityId.trim(), visit.memberId, visit.visitNumber.trim()).slice(0, 24)}`;
}

/**
 * The visit key episodes opened before keys were scoped to facility and member carry (plan +
 * visit number only); later events of such an open episode still find it.
 */
export function deriveLegacyVisitKey(key: string, plan: string, visitNumber: string): string {
  return `v${keyedHash(key, 'visit', plan, visitNumber.trim()).slice(0, 24)}`;
}

/**
 * Identifies an ADT message for exactly-once intake. A control ID (MSH-10) is unique only for its
 * sender, not within a plan, so the key names the facility too: two hospitals that both number
 * their messages from 1 never make each other's messages duplicates.
 */
export function deriveAdtMessageKey(key: string, plan: string, facilityId: string, controlId: string): string {
  return `adt_${keyedHash(key, 'adt:v2', plan, facilityId.trim(), controlId.trim()).slice(0, 32)}`;
}

/** A fingerprint of a request body, to tell a redelivery from a different request under the same ID. */
export function fingerprint(key: string, body: unknown): string {
  return keyedHash(key, 'body', canonicalJson(body)).slice(0, 32);
}

/** JSON with object keys sorted, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
