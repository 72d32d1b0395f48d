/**
 * The lines of a members import (issue 12 §2), validated at the edge: each line is one member, its
 * referral in the shape of `POST /v1/referrals` and its past acts, each the body of that act's own
 * route (`{"action": "<operation ID>", "body": {...}}`), in the order they happened. A line that
 * fails its schema is that row's refusal (line and reason, never a value); the others are kept as
 * validated, ready for the journey's Updates (activities/imports/member-row-import.ts).
 */
import { z } from 'zod';
import { JOURNEY_ACTIONS } from '../../../src/core/domain/actions/journey-actions';
import { isAlias, type JourneyAction, type JourneyActionAlias } from '../../../src/core/domain/actions/journey-action';
import { receivedInFuture } from '../../../src/core/domain/referral-intake';
import { JOURNEY_ACTION_ROUTES } from '../../journey-action-routes';
import { referralBody } from '../post-referral';

const ACT_NAMES = JOURNEY_ACTION_ROUTES.map((r) => r.operationId) as [string, ...string[]];
/** A member's acts: enough for years of ECM, few enough to bound one row's work. */
const MAX_ACTS = 400;

const memberLine = z.strictObject({
  referral: referralBody,
  acts: z.array(z.strictObject({ action: z.enum(ACT_NAMES), body: z.unknown() })).max(MAX_ACTS),
});

/** A validated line, as the activity replays it. */
export interface ValidatedMemberLine {
  readonly referral: { readonly receivedAt: string; readonly source: string; readonly expedited: boolean; readonly populationsOfFocus: readonly string[]; readonly member: unknown };
  readonly acts: readonly { readonly update: string; readonly eventKind: string; readonly reservesSlot: boolean; readonly input: Record<string, unknown> }[];
}

function reasonOf(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0]!;
  return `${first.path.join('.') || '(line)'}: ${first.message}`.slice(0, 300);
}

/** One line: validated, or its refusal. */
export function validateMemberLine(text: string, plan: string, nowMs: number): ValidatedMemberLine | { readonly refused: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { refused: 'not a JSON object' };
  }
  const parsed = memberLine.safeParse(json);
  if (!parsed.success) return { refused: reasonOf(parsed.error.issues) };
  const { referral, acts } = parsed.data;
  if (referral.plan !== plan) return { refused: 'referral.plan: not the plan that sent the file' };
  if (referral.presumptive) return { refused: 'referral.presumptive: an E-Form referral is imported as its authorization and assignment acts' };
  if (receivedInFuture(Date.parse(referral.receivedAt), nowMs)) return { refused: 'referral.receivedAt: in the future' };
  const validated: ValidatedMemberLine['acts'][number][] = [];
  for (const [i, a] of acts.entries()) {
    const route = JOURNEY_ACTION_ROUTES.find((r) => r.operationId === a.action)!;
    const body = route.body!.safeParse(a.body);
    if (!body.success) return { refused: `acts.${i} (${a.action}): ${reasonOf(body.error.issues)}` };
    const entry = JOURNEY_ACTIONS.find((e) => e.name === a.action)! as JourneyAction | JourneyActionAlias;
    const action = isAlias(entry) ? entry.via : entry;
    const input = entry.route!.toInput(body.data, '') as Record<string, unknown>;
    validated.push({ update: action.name, eventKind: entry.eventKind, reservesSlot: entry.route!.reserves === 'caseload-slot', input });
  }
  return {
    referral: { receivedAt: referral.receivedAt, source: referral.source, expedited: referral.expedited, populationsOfFocus: referral.populationsOfFocus, member: referral.member },
    acts: validated,
  };
}
