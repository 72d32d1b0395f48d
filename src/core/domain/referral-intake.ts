/**
 * The rules a referral meets at intake, before a journey starts: which Populations of Focus it may
 * name, when it must name one, who a presumptive referral names, what the plan accepts, when the
 * member moves to adult criteria, and the eligibility verdict the journey keeps. The API's
 * `POST /v1/referrals` parses the body and answers; these decide.
 */
import { formatLocalDate, localDateOf, parseLocalDate, type LocalDate } from '../calendar';
import { ADULT_AGE, birthdayIn, evaluateEligibility, POPULATION_OF_FOCUS_CODES, type MemberFacts } from '../eligibility';
import { CLOCK_SKEW_ALLOWANCE_MS } from './actions/action-support';
import type { ReferralSource } from './journey-state';
import type { PlanPolicy } from './plan-policy';

/** The Populations of Focus codes a referral may name (ECM-RULES §4); the eligibility engine's own list. */
export const REFERRAL_POPULATIONS_OF_FOCUS = POPULATION_OF_FOCUS_CODES;

/** A referral's `receivedAt` may run ahead of the receiving clock by the same allowance as any act. */
export function receivedInFuture(receivedMs: number, nowMs: number): boolean {
  return receivedMs > nowMs + CLOCK_SKEW_ALLOWANCE_MS;
}

/** A date of birth is never after the day of the referral (or evaluation) it comes with. */
export function bornAfter(dateOfBirth: LocalDate, day: LocalDate): boolean {
  return dateOfBirth > day;
}

/** R-AUTH-PRESUMPTIVE: a presumptive (E-Form) referral names the contracted provider that submitted it. */
export function presumptiveNamesProvider(referral: { readonly presumptive: boolean; readonly providerId?: string }): boolean {
  return !referral.presumptive || Boolean(referral.providerId);
}

/** R-AUTH-PRESUMPTIVE: a presumptive referral to a plan that does not offer presumptive authorization is refused. */
export function presumptiveNotOffered(presumptive: boolean, policy: Pick<PlanPolicy, 'presumptiveAuthorization'>): boolean {
  return presumptive && !policy.presumptiveAuthorization;
}

/**
 * Whether the referral must name at least one Population of Focus. R-CONTINUITY lets a
 * continuity-of-care referral skip re-proving one; every other source names one.
 */
export function needsPopulationOfFocus(source: ReferralSource): boolean {
  return source !== 'continuity_of_care';
}

/**
 * R-AGE-21: for a member under 21 at referral, the local date the journey moves to adult criteria:
 * the first day of the month after the 21st birthday, not the birthday itself. The milestone is a
 * Temporal timer, and a timer's firing instant is visible to anyone who can read the history
 * (unencrypted, unlike payloads); at the birthday it would give away the exact date of birth. On
 * the first of the following month it tells only the birth month and year, the same for every
 * member born that month. R-AGE-21 only says turning 21 is no reason to disenrol, so moving to adult
 * criteria up to a month late changes no outcome; eligibility itself judges age from the date of
 * birth. Years are padded to four digits, so a year before 1000 never makes an invalid date.
 */
export function turns21(dateOfBirth: LocalDate, receivedMs: number, timeZone: string): { turns21On?: LocalDate } {
  const born = parseLocalDate(dateOfBirth);
  const year = born.year + ADULT_AGE;
  if (formatLocalDate(birthdayIn(dateOfBirth, year)) <= localDateOf(receivedMs, timeZone)) return {};
  // The month after the birth month: a 29 February birthday kept on 1 March still moves on 1 March.
  return { turns21On: formatLocalDate(born.month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: born.month + 1, day: 1 }) };
}

/** R-ELIGIBILITY at intake: the engine's verdict on the referral's facts, as the journey keeps it. */
export function intakeFinding(facts: MemberFacts, at: string, asOf: LocalDate) {
  const e = evaluateEligibility(facts, asOf);
  return {
    at,
    eligible: e.eligible,
    populationsOfFocus: e.populationsOfFocusMet,
    excluded: e.exclusions.map((x) => x.program),
    duplicative: e.duplications.map((x) => x.program),
    reasons: [...e.eligibilityReasons, ...e.ineligibilityReasons],
  };
}
