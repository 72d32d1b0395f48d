/**
 * The activities the worker registers, built around injected dependencies so tests run them
 * against a real database. Workflows import the `CareRecordActivities` type only.
 */
import type { Pool } from 'pg';
import type { Logger } from '../src/infra/logger';
import { escalateDeadlineBreach } from './care-record/escalate-deadline-breach';
import { recordJourneyEvent } from './care-record/record-journey-event';
import { recordReferral } from './care-record/record-referral';
import { sendNoticeOfAction } from './care-record/send-notice-of-action';
import { reportToPlan } from './care-record/report-to-plan';
import { withdrawDeadlineEscalation } from './care-record/withdraw-deadline-escalation';
import { confirmCaseloadSlot, releaseCaseloadSlot } from './care-record/release-caseload-slot';
import type { NoticeDelivery } from './notices/notice-transport';
import { deliverNoticeOfAction, type NoticeToDeliver } from './notices/deliver-notice-of-action';
import type { CaseloadRelease, DeadlineEscalation, EscalationWithdrawal, JourneyEventRecord, NoticeOfActionRecord, PlanReport, ReferralRecord } from './care-record/types';

/** What the activities need from the outside world. */
export interface ActivityDependencies {
  readonly pool: Pool;
  readonly log: Logger;
  /**
   * R-DENIAL-NOA: the plans' notice templates and the notice transport. Absent: default templates
   * and no transport, so notices stay `pending` (an outbox for an outside mailing integration).
   */
  readonly notices?: NoticeDelivery;
}

/** Builds the care-record activities. */
export function createActivities({ pool, log, notices = { plans: {} } }: ActivityDependencies) {
  return {
    recordReferral: async (referral: ReferralRecord): Promise<void> => {
      await recordReferral(pool, referral);
    },
    recordJourneyEvent: (event: JourneyEventRecord): Promise<void> => recordJourneyEvent(pool, event),
    // Answers nothing, as before: the workflow needs no result, and its histories keep their shape.
    sendNoticeOfAction: async (notice: NoticeOfActionRecord): Promise<void> => {
      await sendNoticeOfAction(pool, log, notices, notice);
    },
    /** R-DENIAL-NOA: retries a notice's delivery until sent (for the workflow to run with its own retry policy). */
    deliverNoticeOfAction: (notice: NoticeToDeliver): Promise<void> => deliverNoticeOfAction(pool, log, notices, notice),
    escalateDeadlineBreach: (escalation: DeadlineEscalation): Promise<void> => escalateDeadlineBreach(pool, log, escalation),
    withdrawDeadlineEscalation: (withdrawal: EscalationWithdrawal): Promise<void> => withdrawDeadlineEscalation(pool, log, withdrawal),
    reportToPlan: (report: PlanReport): Promise<void> => reportToPlan(pool, report),
    releaseCaseloadSlot: (release: CaseloadRelease): Promise<void> => releaseCaseloadSlot(pool, release),
    confirmCaseloadSlot: (slot: { readonly reservationKey: string }): Promise<void> => confirmCaseloadSlot(pool, slot),
  };
}

/** The activity interface workflows proxy. */
export type CareRecordActivities = ReturnType<typeof createActivities>;
