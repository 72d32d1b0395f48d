/** The transitional-care episode workflow's public surface, shared with the parent journey and the API. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { EpisodeStart } from '../core/domain/transitional-care/apply-adt-event';
import type { TaskCompletionInput } from '../core/domain/transitional-care/complete-task';
import type { EpisodeAdtEvent, EpisodeState } from '../core/domain/transitional-care/episode-state';

/** Registered workflow type name. */
export const TRANSITIONAL_CARE_WORKFLOW = 'transitionalCare';

/** One child per episode; the ID is derived from the member and the first visit's opaque key. */
export function transitionalCareWorkflowId(memberId: string, episodeKey: string): string {
  return `transitional-care-${memberId}-${episodeKey}`;
}

/** What an episode starts with. */
export interface TransitionalCareInput {
  readonly start: EpisodeStart & { readonly referralKey: string; readonly providerId?: string };
  readonly firstEvent: EpisodeAdtEvent;
}

/** What a closed episode returns. */
export interface TransitionalCareOutcome {
  readonly episodeKey: string;
  readonly status: 'completed' | 'cancelled';
}

/** The parent routes every later ADT event of the episode here. */
export const episodeAdtEventSignal = defineSignal<[EpisodeAdtEvent]>('episodeAdtEvent');
/** The member's journey ended: transitional care ends with it. */
export const journeyEndedSignal = defineSignal<[{ readonly at: string }]>('journeyEnded');
/** R-TCS-TASKS: complete or waive a task. */
export const completeTaskUpdate = defineUpdate<{ readonly task: string; readonly status: string; readonly episodeStatus: string }, [TaskCompletionInput]>('completeTask');
/** The episode's state. */
export const episodeStateQuery = defineQuery<EpisodeState>('episodeState');
