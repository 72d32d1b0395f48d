/**
 * How an import reaches member journeys: the same start the API's intake makes (one open journey
 * per member, its referral row written first) and the journey's own Updates, so every domain rule
 * is checked. Each act's Update ID is fixed by the import and the line, so a batch repeated after
 * a worker restart sends the same Updates and the journey answers them from its memory.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { journeyStateQuery, journeyUpdates, memberJourneyWorkflowId, type MemberJourneyInput } from '../../src/contracts/member-journey';
import { journeyStart } from '../../src/contracts/journey-start';
import type { ActionResult, JourneyView } from '../../src/core/domain/journey-state';
import type { UpdateDefinition } from '@temporalio/common';
import type { ActionEnvelope } from '../../src/core/domain/actions';
import { JourneyErrorCode } from '../../src/core/domain/errors';

const RULE_CODES = new Set<string>(Object.values(JourneyErrorCode));

/** The Temporal side of an import. */
export interface JourneyDoor {
  readonly client: Client;
  readonly taskQueue: string;
}

/** A refusal by the journey's rules: the row is reported with it and skipped. */
export class RuleRefusal extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** The member's running journey: its referral key and state; undefined when none runs. */
export async function runningJourney(door: JourneyDoor, memberId: string): Promise<{ readonly referralKey?: string; readonly state: JourneyView } | undefined> {
  const handle = door.client.workflow.getHandle(memberJourneyWorkflowId(memberId));
  try {
    const d = await handle.describe();
    if (d.status.name !== 'RUNNING') return undefined;
    const state = await handle.query(journeyStateQuery);
    const referralKey = (d.memo as { referralKey?: string } | undefined)?.referralKey;
    return { ...(referralKey ? { referralKey } : {}), state };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** Starts the journey; `false` when one is running already (for this referral: a repeated start). */
export async function startJourney(door: JourneyDoor, input: MemberJourneyInput, memo: { readonly referralKey: string; readonly referralFingerprint: string }): Promise<boolean> {
  try {
    const start = journeyStart(input, memo, door.taskQueue);
    await door.client.workflow.start(start.workflowType, start.options);
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
  }
}

type ActionName = keyof typeof journeyUpdates;

/** Sends one act as the journey's own Update; a rule's refusal becomes a {@link RuleRefusal}. */
export async function act(door: JourneyDoor, memberId: string, action: ActionName, eventKind: string, input: ActionEnvelope & Readonly<Record<string, unknown>>): Promise<ActionResult> {
  const update = journeyUpdates[action] as unknown as UpdateDefinition<ActionResult, [ActionEnvelope]>;
  try {
    return await door.client.workflow.getHandle(memberJourneyWorkflowId(memberId)).executeUpdate(update, { args: [input], updateId: `${eventKind}:${input.actionKey}` });
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && RULE_CODES.has(err.cause.type ?? '')) {
      throw new RuleRefusal(err.cause.type!, err.cause.message);
    }
    throw err;
  }
}
