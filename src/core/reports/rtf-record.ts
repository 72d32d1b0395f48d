/**
 * One RTF row from what the care record holds of a member's journey with a provider, as of the
 * month's end: the ECM status the facts give then, the latest acts dated before the month ended,
 * the provider's and Lead Care Manager's contacts from the directory.
 */
import { localDateOf } from '../calendar';
import type { ProviderEntry } from '../provider-directory';
import type { RtfField, ReportRecord } from './report-columns';
import { formatReportDate, type DateFormat } from './report-templates';

/** The facts of one journey-with-provider, as the RTF query answers them (instants in epoch ms). */
export interface RtfFacts {
  readonly plan: string;
  readonly cin: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly address?: string;
  readonly phone?: string;
  readonly populationsOfFocus: readonly string[];
  /** The journey's stage now; used only when it ended before the month did. */
  readonly stage: string;
  readonly endedAtMs?: number;
  readonly optedInAtMs?: number;
  readonly acuity?: string;
  readonly carePlanAtMs?: number;
  readonly caseConferenceAtMs?: number;
  readonly assessmentStartedAtMs?: number;
  readonly assessmentCompletedAtMs?: number;
  readonly lastReachedAtMs?: number;
  readonly lastReachedMethod?: string;
  readonly careManagerId?: string;
  readonly discontinuationReason?: string;
  readonly referralStatus?: string;
  readonly referralStatusAtMs?: number;
  readonly referralClosureReason?: string;
}

/** What the whole file shares. */
export interface RtfContext {
  readonly timeZone: string;
  readonly dateFormat: DateFormat;
  readonly mcpId: string;
  readonly mcpName: string;
  readonly provider?: ProviderEntry;
  readonly producedAtMs: number;
  /** `YYYY-MM`. */
  readonly reportingPeriod: string;
}

/** Homelessness POFs (Guide §5.1: 1a adults, 1b families experiencing homelessness). */
const HOMELESS_POFS = new Set(['1a', '1b']);
const IN_PERSON = new Set(['in_person', 'street_outreach']);

/** R-DISCONTINUE reasons as the RTF words them; the code is the reason's own name. */
const DISCONTINUATION_WORDS: Readonly<Record<string, string>> = {
  goals_met: 'Care plan goals met',
  lower_level_of_care: 'Ready for a lower level of care',
  member_no_longer_wishes: 'Member no longer wishes to receive ECM',
  unresponsive_or_unwilling: 'Member unresponsive or unwilling to engage',
  unsafe_for_staff: 'Unsafe behavior or environment for staff',
  unable_to_connect: 'Unable to connect with member',
  no_longer_eligible: 'Member no longer eligible',
  excluded_program: 'Enrolled in an excluded program',
  chose_duplicative_program: 'Chose a duplicative program',
  death: 'Member is deceased',
  left_plan: 'Member left the plan',
  reauthorization_denied: 'Reauthorization denied',
};

const ENDED_STATUS: Readonly<Record<string, string>> = {
  DISCONTINUED: 'Discontinued', GRADUATED: 'Graduated', DECLINED: 'Declined', UNREACHABLE: 'Unable to reach', TRANSFERRED: 'Transferred', DENIED: 'Denied',
};

/** The member's ECM status at the month's end: ended, enrolled (opted in), or pending enrollment. */
export function ecmStatusAt(facts: Pick<RtfFacts, 'stage' | 'endedAtMs' | 'optedInAtMs'>, endMs: number): string {
  if (facts.endedAtMs !== undefined && facts.endedAtMs < endMs) return ENDED_STATUS[facts.stage] ?? facts.stage;
  if (facts.optedInAtMs !== undefined && facts.optedInAtMs < endMs) return 'Enrolled';
  return 'Pending';
}

/** The row. `endMs` is the month's end: acts after it belong to a later file. */
export function rtfRecord(f: RtfFacts, ctx: RtfContext, endMs: number): ReportRecord<RtfField> {
  const date = (ms: number | undefined) => (ms === undefined || ms >= endMs ? '' : formatReportDate(localDateOf(ms, ctx.timeZone), ctx.dateFormat));
  const lcm = f.careManagerId ? ctx.provider?.leadCareManagers[f.careManagerId] : undefined;
  const ended = f.endedAtMs !== undefined && f.endedAtMs < endMs;
  const discontinued = ended && f.discontinuationReason !== undefined;
  const encounters = [f.lastReachedAtMs, f.caseConferenceAtMs, f.carePlanAtMs, f.assessmentCompletedAtMs, f.assessmentStartedAtMs].filter((t): t is number => t !== undefined && t < endMs);
  const referralDated = f.referralStatusAtMs !== undefined && f.referralStatusAtMs < endMs;
  return {
    planMcpId: ctx.mcpId,
    planName: ctx.mcpName,
    memberCin: f.cin,
    memberLastName: f.familyName,
    memberFirstName: f.givenName,
    // The care record keeps no address history, so it cannot say the address is new.
    newAddressIndicator: '',
    homelessnessIndicator: f.populationsOfFocus.some((p) => HOMELESS_POFS.has(p)) ? 'Y' : 'N',
    memberAddress: f.address ?? '',
    memberPhone: f.phone ?? '',
    pofIndicator: f.populationsOfFocus.length ? 'Y' : 'N',
    populationsOfFocus: f.populationsOfFocus.join(';'),
    ecmStatus: ecmStatusAt(f, endMs),
    acuity: f.carePlanAtMs !== undefined && f.carePlanAtMs < endMs ? (f.acuity ?? '') : '',
    enrollmentStartDate: date(f.optedInAtMs),
    enrollmentEndDate: f.optedInAtMs !== undefined && ended ? date(f.endedAtMs) : '',
    latestCarePlanRevisionDate: date(f.carePlanAtMs),
    mostRecentCareConferenceDate: date(f.caseConferenceAtMs),
    assessmentStartDate: date(f.assessmentStartedAtMs),
    mostRecentCompletedAssessmentDate: date(f.assessmentCompletedAtMs),
    mostRecentEncounterDate: encounters.length ? date(Math.max(...encounters)) : '',
    leadCareManagerName: lcm?.name ?? '',
    leadCareManagerPhone: lcm?.phone ?? '',
    leadCareManagerEmail: lcm?.email ?? '',
    discontinuationDate: discontinued ? date(f.endedAtMs) : '',
    discontinuationReasonCode: discontinued ? f.discontinuationReason : '',
    discontinuationReason: discontinued ? (DISCONTINUATION_WORDS[f.discontinuationReason] ?? f.discontinuationReason) : '',
    contactMode: f.lastReachedMethod && f.lastReachedAtMs! < endMs ? (IN_PERSON.has(f.lastReachedMethod) ? 'In Person' : 'Telephonic/Video') : '',
    rtfProductionDate: formatReportDate(localDateOf(ctx.producedAtMs, ctx.timeZone), ctx.dateFormat),
    mifReportingPeriod: ctx.reportingPeriod,
    providerName: ctx.provider?.name ?? '',
    providerNpi: ctx.provider?.npi ?? '',
    providerTin: ctx.provider?.tin ?? '',
    providerPhone: ctx.provider?.phone ?? '',
    closedLoopReferralStatus: referralDated ? f.referralStatus ?? '' : '',
    closedLoopReferralStatusDate: referralDated ? date(f.referralStatusAtMs) : '',
    closedLoopReferralClosureReason: referralDated ? f.referralClosureReason ?? '' : '',
  };
}
