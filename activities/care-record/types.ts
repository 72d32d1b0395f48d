/**
 * Inputs of the care-record activities. Every write is keyed (member + event key), so a retried
 * activity or a redelivered request leaves exactly one row.
 */
import type { Deadline } from '../../src/core/domain/deadline';
import type { JourneyStage } from '../../src/core/domain/journey-stage';
import type { EpisodeSnapshot, JourneySnapshot } from '../../src/core/domain/care-record-snapshot';

export type { MemberDemographics, ReferralRecord } from '../../src/core/domain/referral-record';

/** One accepted action or clock event of a journey, with the deadlines it changed. */
export interface JourneyEventRecord {
  readonly memberId: string;
  readonly referralKey: string;
  /** The action's idempotency key, or `breach:<deadline key>` for a timer. */
  readonly eventKey: string;
  readonly kind: string;
  /** The journey's stage, or TRANSITIONAL_CARE for an episode's own events. */
  readonly stage: JourneyStage | 'TRANSITIONAL_CARE';
  readonly occurredAt: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly deadlines: readonly Deadline[];
  /** The journey's facts after the event (absent in histories written before the care-record tables). */
  readonly journey?: JourneySnapshot;
  /** The episode's facts after the event, for transitional-care events. */
  readonly episode?: EpisodeSnapshot;
}

/** R-DENIAL-NOA: a Notice of Action with appeal rights. */
export interface NoticeOfActionRecord {
  readonly memberId: string;
  readonly referralKey: string;
  readonly noticeKey: string;
  readonly noticeType: 'denial' | 'discontinuation';
  readonly reason: string;
  readonly decidedAt: string;
  readonly recipients: readonly ('member' | 'requester')[];
}

/** A breached deadline, escalated to the party responsible. */
export interface DeadlineEscalation {
  readonly memberId: string;
  readonly referralKey: string;
  readonly plan: string;
  readonly providerId?: string;
  readonly deadline: Deadline;
}

/** An outcome reported to the plan (R-UNREACHABLE). */
export interface PlanReport {
  readonly memberId: string;
  readonly referralKey: string;
  readonly reportKey: string;
  readonly plan: string;
  readonly report: 'outreach_outcome';
  readonly outcome: 'unreachable' | 'declined';
  readonly at: string;
}

/** A Lead Care Manager's caseload slot to free (R-CASELOAD-50). */
export interface CaseloadRelease {
  readonly memberId: string;
  readonly careManagerId: string;
  readonly reason: string;
  readonly at: string;
}

/** ECM-RULES §1: a breach whose alarm no longer stands (a timely act documented late, or a clock re-counted). */
export interface EscalationWithdrawal {
  readonly memberId: string;
  readonly referralKey: string;
  readonly deadline: Deadline;
}

/** A breach as one write: the journey's event and the escalation it raises. */
export interface DeadlineBreachRecord {
  readonly event: JourneyEventRecord;
  readonly escalation: DeadlineEscalation;
}
