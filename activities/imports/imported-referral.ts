/**
 * A referral an import starts: the care record's row first, then the journey, as the API's intake
 * does (src/infra/care-record/referrals.ts; api/routes/post-referral.ts). Its referral ID names the
 * import and the line, so a repeated batch finds its own journey rather than a second one.
 */
import { deriveMemberId, deriveReferralKey, fingerprint } from '../../src/infra/identity';
import { recordReferral } from '../../src/infra/care-record/referrals';
import { resolvePlanPolicy } from '../../src/core/plan-policies';
import { turns21 } from '../../src/core/domain/referral-intake';
import type { MemberDemographics } from '../../src/core/domain/referral-record';
import type { ReferralSource } from '../../src/core/domain/journey-state';
import type { PopulationOfFocusCode } from '../../src/core/eligibility';
import type { MemberJourneyInput } from '../../src/contracts/member-journey';
import { startJourney } from './journey-door';
import type { ImportScope } from './import-context';

export interface ImportedReferral {
  readonly line: number;
  readonly receivedAt: string;
  readonly source: ReferralSource;
  readonly member: MemberDemographics;
  readonly populationsOfFocus: readonly PopulationOfFocusCode[];
  readonly expedited?: boolean;
}

/** The line's referral key: whether a running journey is this line's own. */
export function importedReferralKey(scope: ImportScope, line: number): string {
  return deriveReferralKey(scope.deps.memberIdKey, scope.plan, `import:${scope.importId}:${line}`);
}

/** Writes the referral and starts its journey; a repeat after a restart changes nothing. */
export async function startImportedJourney(scope: ImportScope, r: ImportedReferral): Promise<{ readonly memberId: string; readonly started: boolean }> {
  const { deps, plan } = scope;
  const memberId = deriveMemberId(deps.memberIdKey, plan, r.member.cin);
  const referralId = `import:${scope.importId}:${r.line}`;
  const referralKey = importedReferralKey(scope, r.line);
  const policy = resolvePlanPolicy(deps.plans, plan);
  const referral = { referralKey, receivedAt: r.receivedAt, source: r.source, expedited: r.expedited ?? false, presumptive: false, populationsOfFocus: [...r.populationsOfFocus] };
  const referralRecord = { ...referral, memberId, plan, referralId, member: r.member };
  const referralFingerprint = fingerprint(deps.memberIdKey, referralRecord);
  const input: MemberJourneyInput = {
    start: { memberId, policy, ...turns21(r.member.dateOfBirth, Date.parse(r.receivedAt), policy.calendar.timeZone), referral },
    referralRecord,
  };
  await recordReferral(deps.pool, { ...referralRecord, fingerprint: referralFingerprint });
  const started = await startJourney(deps.door, input, { referralKey, referralFingerprint });
  return { memberId, started };
}
