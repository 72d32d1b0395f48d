/**
 * R-DENIAL-NOA: the Notice of Action letter as mailed: the decision, its reason and date, who it
 * goes to, and the appeal-rights statement kept with the notice. Pure and deterministic (no
 * clock): the same notice renders the same letter, so a retried delivery writes the same file.
 *
 * The letter is addressed to the member, so it holds the member's name and mailing address
 * (PHI). It exists only as the delivered letter (under DATA_DIR for the letter-file transport);
 * it is never logged, and the API shows a notice's facts, never its letter.
 */
import { localDateOf } from '../calendar';

/** What a letter is rendered from. */
export interface LetterFacts {
  readonly noticeId: string;
  readonly memberId: string;
  readonly noticeType: 'denial' | 'discontinuation';
  readonly reason: string;
  readonly decidedAt: Date;
  /** When the notice was recorded: the date of the notice, from which the 60 appeal days run. */
  readonly noticeDate: Date;
  readonly recipients: readonly string[];
  readonly timeZone: string;
  readonly planName: string;
  readonly appealRights: string;
  readonly member: { readonly given: string; readonly family: string; readonly address?: string };
  /** Who asked for ECM on the member's behalf, in words with no PHI (e.g. "ECM provider PROV-ACME"); absent when the member asked. */
  readonly requester?: string;
}

const DECISIONS = {
  denial: (plan: string) => `${plan} has denied the request for Enhanced Care Management (ECM) services for you.`,
  discontinuation: (plan: string) => `${plan} is ending (discontinuing) your Enhanced Care Management (ECM) services.`,
} as const;

/** The letter's text. */
export function renderLetter(f: LetterFacts): string {
  const date = (d: Date) => localDateOf(d.getTime(), f.timeZone);
  const lines = [
    f.planName,
    'NOTICE OF ACTION - Enhanced Care Management (ECM)',
    '',
    `Date of this notice: ${date(f.noticeDate)}`,
    `Notice ID: ${f.noticeId}`,
    `Member ID: ${f.memberId}`,
    '',
    `To: ${f.member.given} ${f.member.family}`,
    ...(f.member.address ? [`    ${f.member.address}`] : []),
    ...(f.recipients.includes('requester') && f.requester ? [`Copy to: ${f.requester}, who asked for ECM on your behalf`] : []),
    '',
    `Decision: ${DECISIONS[f.noticeType](f.planName)}`,
    `Reason: ${f.reason}`,
    `Date of the decision: ${date(f.decidedAt)}`,
    '',
    f.appealRights.trimEnd(),
    '',
  ];
  return lines.join('\n');
}
