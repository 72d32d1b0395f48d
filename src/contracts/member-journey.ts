/**
 * The journey workflow's public surface — type name, ID scheme, updates and query — defined once
 * here and imported by the API, so names cannot drift between caller and workflow.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { ActionEnvelope, JourneyStart } from '../core/domain/actions';
import { isAlias, type JourneyAction, type JourneyActionAlias } from '../core/domain/actions/journey-action';
import { HANDLED_JOURNEY_ACTIONS, type HandledJourneyAction, type JourneyActionEntry } from '../core/domain/actions/journey-actions';
import type { ActionResult, JourneyState, JourneyView } from '../core/domain/journey-state';
import type { JourneyStage } from '../core/domain/journey-stage';
import type { ReferralRecord } from '../core/domain/referral-record';

/** Registered workflow type name. */
export const MEMBER_JOURNEY_WORKFLOW = 'memberJourney';

/** One journey per member at a time; the ID carries only the opaque member ID. */
export function memberJourneyWorkflowId(memberId: string): string {
  return `member-journey-${memberId}`;
}

/** The workflow's input. `carriedState` is set only by continue-as-new. */
export interface MemberJourneyInput {
  readonly start: JourneyStart;
  /** The referral as the care record stores it (demographics included); written once by an activity. */
  readonly referralRecord?: ReferralRecord;
  /**
   * Issue 16 §1: the API wrote the referral row before it started the journey (and the input no
   * longer carries the record's PHI), so the journey does not write it again.
   */
  readonly referralOnRecord?: true;
  readonly carriedState?: JourneyState;
}

/** What a finished journey returns. */
export interface MemberJourneyOutcome {
  readonly memberId: string;
  readonly stage: JourneyStage;
}

/** The Update that carries an action: its own, or for an alias the action it feeds. */
type UpdateOf<A> = A extends { readonly via: JourneyAction<string, infer I> }
  ? UpdateDefinition<ActionResult, [I]>
  : A extends JourneyAction<string, infer I>
    ? UpdateDefinition<ActionResult, [I]>
    : never;

/** Every journey action's Update, by action name, defined from the action list. */
export const journeyUpdates = Object.fromEntries(
  HANDLED_JOURNEY_ACTIONS.map((action) => [action.name, defineUpdate<ActionResult, [ActionEnvelope]>(action.name)]),
) as { readonly [A in HandledJourneyAction as A['name']]: UpdateOf<A> };

/** The Update a route of the action list sends: the action's own, or for an alias the one it feeds. */
export function updateOf<A extends JourneyActionEntry>(entry: A): UpdateOf<A> {
  const name = isAlias(entry) ? (entry as JourneyActionAlias).via.name : entry.name;
  return (journeyUpdates as Readonly<Record<string, UpdateDefinition<ActionResult, [ActionEnvelope]>>>)[name] as UpdateOf<A>;
}

/** The journey's state: stage, parties, and every deadline with its rule, due instant and status. */
export const journeyStateQuery = defineQuery<JourneyView>('journeyState');
