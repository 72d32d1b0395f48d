import type { Deadline } from '../deadline';
import type { PlanPolicy } from '../plan-policy';

/** The ADT events transitional care handles (Guide §8.5; ECM FAQ on ADT data). */
export const ADT_EVENT_TYPES = ['A01', 'A02', 'A03', 'A04', 'A06', 'A08', 'A11', 'A13'] as const;
/** One of {@link ADT_EVENT_TYPES}. */
export type AdtEventType = (typeof ADT_EVENT_TYPES)[number];

/**
 * An ADT event as the journey sees it: no identifiers but opaque keys. `notifiedAt` is when this
 * system received the notification, which starts R-TCS-24H.
 */
export interface EpisodeAdtEvent {
  readonly messageKey: string;
  readonly eventType: AdtEventType;
  /** Keyed hash of plan, facility, member and visit number: names the hospital visit without exposing it. */
  readonly visitKey: string;
  /** The plan + visit number key of episodes opened before visit keys were scoped; matched too. */
  readonly legacyVisitKey?: string;
  readonly facilityId: string;
  readonly patientClass: string;
  readonly admitAt?: string;
  readonly dischargeAt?: string;
  readonly disposition?: string;
  readonly notifiedAt: string;
}

/** Whether the event puts the member in a hospital: A01 admit, A06 outpatient→inpatient, A04 only as an ED visit. */
export function isAdmission(event: Pick<EpisodeAdtEvent, 'eventType' | 'patientClass'>): boolean {
  return event.eventType === 'A01' || event.eventType === 'A06' || (event.eventType === 'A04' && event.patientClass === 'E');
}

/** R-TCS-TASKS (Guide §8.5 items 1–7): each is done, or not applicable with a reason. */
export const TCS_TASKS = [
  'facility_and_member_contacted',
  'discharge_risk_assessment',
  'discharge_summary_shared',
  'medication_reconciliation',
  'closed_loop_referrals',
  'transportation',
  'post_discharge_follow_up',
  'pcp_connection',
] as const;
/** One of {@link TCS_TASKS}. */
export type TcsTask = (typeof TCS_TASKS)[number];

/** A task's state. */
export interface TaskState {
  readonly task: TcsTask;
  readonly status: 'pending' | 'done' | 'not_applicable';
  readonly at?: string;
  readonly by?: string;
  readonly reason?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** One hospital visit of the episode. */
export interface VisitState {
  readonly visitKey: string;
  readonly facilityId: string;
  readonly patientClass: string;
  readonly admittedAt?: string;
  readonly dischargedAt?: string;
  readonly disposition?: string;
  readonly cancelled?: boolean;
}

/** A transitional-care episode: one admission and any readmissions before it completes. */
export interface EpisodeState {
  readonly schemaVersion: 1;
  readonly memberId: string;
  readonly episodeKey: string;
  readonly parentWorkflowId: string;
  readonly policy: PlanPolicy;
  readonly status: 'inpatient' | 'discharged' | 'completed' | 'cancelled';
  readonly visits: readonly VisitState[];
  readonly deadlines: readonly Deadline[];
  readonly tasks: readonly TaskState[];
  readonly riskBand?: 'low' | 'moderate' | 'high';
  readonly processedMessageKeys: readonly string[];
  readonly lastContactAt?: string;
  readonly closedAt?: string;
  /** Counts care-record writes, so the record keeps the newest snapshot (see JourneyState.recordSequence). */
  readonly recordSequence?: number;
}
