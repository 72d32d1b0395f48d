/**
 * One member already in ECM (issue 12 §2): the referral, then each past act replayed in order
 * through the journey's own Update, dated as it happened, so every rule is checked and act-time
 * judgement (ECM-RULES §1) meets every deadline the act met. A Lead Care Manager's naming first
 * reserves the caseload slot, as the API does (R-CASELOAD-50, R-ONE-LCM). A refused act ends the
 * row: the line is reported with the act's position and the rule's code; the acts before it stand
 * (they happened and the rules accepted them).
 *
 * The API validated each line against the referral schema and each act's own route schema
 * (api/routes/imports/member-lines.ts) and kept it as validated: a line here is trusted JSON.
 */
import type { LocalDate } from '../../src/core/calendar';
import { caseloadReservationKey } from '../../src/core/domain/actions';
import type { MemberDemographics } from '../../src/core/domain/referral-record';
import type { ReferralSource } from '../../src/core/domain/journey-state';
import type { PopulationOfFocusCode } from '../../src/core/eligibility';
import { createCaseloadStore } from '../../src/infra/caseload';
import { deriveMemberId } from '../../src/infra/identity';
import type { journeyUpdates } from '../../src/contracts/member-journey';
import { act, RuleRefusal, runningJourney } from './journey-door';
import { importedReferralKey, startImportedJourney } from './imported-referral';
import type { ImportScope, RowResult } from './import-context';

export interface MemberLine {
  readonly referral: { readonly receivedAt: string; readonly source: ReferralSource; readonly expedited: boolean; readonly populationsOfFocus: readonly PopulationOfFocusCode[]; readonly member: MemberDemographics };
  readonly acts: readonly { readonly update: keyof typeof journeyUpdates; readonly eventKind: string; readonly reservesSlot: boolean; readonly input: Record<string, unknown> }[];
}

export function readMemberLine(text: string, _today: LocalDate): { readonly ok: true; readonly member: MemberLine } | { readonly ok: false; readonly reason: string } {
  const parsed = JSON.parse(text) as MemberLine | { readonly refused: string };
  return 'refused' in parsed ? { ok: false, reason: parsed.refused } : { ok: true, member: parsed };
}

export async function importMemberRow(scope: ImportScope, line: number, m: MemberLine): Promise<RowResult> {
  const { deps, actor } = scope;
  const memberId = deriveMemberId(deps.memberIdKey, scope.plan, m.referral.member.cin);
  const journey = await runningJourney(deps.door, memberId);
  if (journey && journey.referralKey !== importedReferralKey(scope, line)) {
    return { outcome: 'rejected', reason: 'journey_open: the member already has an open ECM journey' };
  }
  if (!journey) await startImportedJourney(scope, { line, ...m.referral });
  const caseloads = createCaseloadStore(deps.pool);
  for (const [i, a] of m.acts.entries()) {
    const input = { ...a.input, actionKey: `members:${scope.importId}:${line}:${i}`, actor };
    let reservationKey: string | undefined;
    if (a.reservesSlot) {
      const state = (await runningJourney(deps.door, memberId))?.state;
      reservationKey = caseloadReservationKey(memberId, input.actionKey);
      const outcome = await caseloads.reserve({
        reservationKey, memberId, careManagerId: String(a.input.careManagerId), plan: scope.plan, providerId: state?.assignment?.providerId ?? 'unassigned', at: String(a.input.at),
      });
      if (!outcome.ok) return { outcome: 'rejected', reason: `acts.${i} (${a.update}): caseload_full: the Lead Care Manager's caseload is full (R-CASELOAD-50)` };
    }
    try {
      await act(deps.door, memberId, a.update, a.eventKind, input);
    } catch (err) {
      if (!(err instanceof RuleRefusal)) throw err;
      if (reservationKey) await caseloads.cancel(reservationKey);
      return { outcome: 'rejected', reason: `acts.${i} (${a.update}): ${err.code}: ${err.message}` };
    }
  }
  return { outcome: 'created' };
}
