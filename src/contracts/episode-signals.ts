import { defineSignal } from '@temporalio/workflow';

/** What a transitional-care episode tells its member's journey: a risk band, or that it closed. */
export interface EpisodeUpdate {
  readonly episodeKey: string;
  /** R-TCS-DRA: High marks the member high acuity. */
  readonly riskBand?: 'low' | 'moderate' | 'high';
  readonly closed?: { readonly status: 'completed' | 'cancelled' | 'inpatient' | 'discharged'; readonly at: string };
}

/** Sent by the child to the journey's workflow ID, so it reaches whichever run is current. */
export const episodeUpdateSignal = defineSignal<[EpisodeUpdate]>('episodeUpdate');
