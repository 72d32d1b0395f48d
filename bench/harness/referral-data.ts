/**
 * Synthetic referral data, the same for both sides: the API body our side posts, and the journey
 * input (policy snapshot, referral record with demographics) the raw side starts with, so both
 * carry payloads of the same size through the same encryption.
 */
import { defaultPlanPolicy } from '../../src/core/domain/plan-policy';
import type { MemberJourneyInput } from '../../src/contracts/member-journey';

const PLAN = 'LA-CARE';

/** A synthetic member's CIN, unique per `n` (8 digits and a letter). */
const cinOf = (n: number): string => `${String(10_000_000 + n)}B`;

const member = (n: number) => ({
  cin: cinOf(n),
  name: { given: 'Bench', family: `Member${n}` },
  dateOfBirth: '1970-01-01',
  language: 'English',
  contact: { phone: '555-0100', address: '1 Bench Street, Sacramento CA 95814' },
});

/** The body of `POST /v1/referrals` for synthetic member `n`. */
export function referralBody(n: number, opts: { readonly receivedAtMs: number; readonly presumptiveBy?: string }) {
  return {
    referralId: `BENCH-${n}`,
    receivedAt: new Date(opts.receivedAtMs).toISOString(),
    plan: PLAN,
    member: member(n),
    source: 'community',
    populationsOfFocus: ['1a'],
    ...(opts.presumptiveBy ? { presumptive: true, providerId: opts.presumptiveBy } : {}),
  };
}

/** What our intake would start the journey of member `n` with (member ID and key are stand-ins). */
export function journeyInput(n: number, receivedAtMs: number): MemberJourneyInput {
  const referral = { referralKey: `ref_raw${n}`, receivedAt: new Date(receivedAtMs).toISOString(), source: 'community' as const, expedited: false, presumptive: false, populationsOfFocus: ['1a' as const] };
  const memberId = `mbr_raw${n}`;
  return {
    start: { memberId, policy: defaultPlanPolicy(PLAN), referral },
    referralRecord: { ...referral, memberId, plan: PLAN, referralId: `BENCH-${n}`, member: member(n) },
  };
}
