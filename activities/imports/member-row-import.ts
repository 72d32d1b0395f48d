/**
 * One member already in ECM (issue 12 §2): the referral, then each past act replayed in order
 * through the journey's own Update, dated as it happened, so every rule is checked and act-time
 * judgement (ECM-RULES §1) meets every deadline the act met. A refused act refuses the row (its
 * line, the act's position and the rule's code are reported); acts before it stand.
 *
 * The API validated each line against the referral schema and each act's own route schema and
 * stored the lines as validated (src/infra/imports/member-lines.ts): a line here is trusted JSON.
 */
import type { LocalDate } from '../../src/core/calendar';
import type { ImportScope, RowResult } from './import-context';

export interface MemberLine {
  readonly referral: {
    readonly receivedAt: string;
    readonly source: 'community' | 'provider' | 'self' | 'mif' | 'continuity_of_care';
    readonly expedited: boolean;
    readonly populationsOfFocus: readonly string[];
    readonly member: { readonly cin: string; readonly name: { readonly given: string; readonly family: string }; readonly dateOfBirth: string };
  };
  readonly acts: readonly { readonly action: string; readonly input: Record<string, unknown> }[];
}

export function readMemberLine(text: string, _today: LocalDate): { readonly ok: true; readonly member: MemberLine } | { readonly ok: false; readonly reason: string } {
  const parsed = JSON.parse(text) as MemberLine | { readonly refused: string };
  return 'refused' in parsed ? { ok: false, reason: parsed.refused } : { ok: true, member: parsed };
}

export function importMemberRow(_scope: ImportScope, _line: number, _member: MemberLine): Promise<RowResult> {
  return Promise.resolve({ outcome: 'rejected', reason: 'not yet supported' });
}
