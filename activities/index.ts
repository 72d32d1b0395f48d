/**
 * The activities the worker registers, built around injected dependencies so tests run them
 * against a real database. Workflows import the `CareRecordActivities` type only.
 */
import type { Pool } from 'pg';
import type { Logger } from '../src/logger';
import { escalateDeadlineBreach } from './care-record/escalate-deadline-breach';
import { recordJourneyEvent } from './care-record/record-journey-event';
import { recordReferral } from './care-record/record-referral';
import { sendNoticeOfAction } from './care-record/send-notice-of-action';
import { reportToPlan } from './care-record/report-to-plan';
import { withdrawDeadlineEscalation } from './care-record/withdraw-deadline-escalation';
import { confirmCaseloadSlot, releaseCaseloadSlot } from './care-record/release-caseload-slot';
import type { CaseloadRelease, DeadlineEscalation, EscalationWithdrawal, JourneyEventRecord, NoticeOfActionRecord, PlanReport, ReferralRecord } from './care-record/types';

/** What the activities need from the outside world. */
export interface ActivityDependencies {
  readonly pool: Pool;
  readonly log: Logger;
}

/** Builds the care-record activities. */
export function createActivities({ pool, log }: ActivityDependencies) {
  return {
    recordReferral: async (referral: ReferralRecord): Promise<void> => {
      await recordReferral(pool, referral);
    },
    recordJourneyEvent: (event: JourneyEventRecord): Promise<void> => recordJourneyEvent(pool, event),
    sendNoticeOfAction: (notice: NoticeOfActionRecord): Promise<void> => sendNoticeOfAction(pool, notice),
    escalateDeadlineBreach: (escalation: DeadlineEscalation): Promise<void> => escalateDeadlineBreach(pool, log, escalation),
    withdrawDeadlineEscalation: (withdrawal: EscalationWithdrawal): Promise<void> => withdrawDeadlineEscalation(pool, log, withdrawal),
    reportToPlan: (report: PlanReport): Promise<void> => reportToPlan(pool, report),
    releaseCaseloadSlot: (release: CaseloadRelease): Promise<void> => releaseCaseloadSlot(pool, release),
    confirmCaseloadSlot: (slot: { readonly reservationKey: string }): Promise<void> => confirmCaseloadSlot(pool, slot),
  };
}

/** The activity interface workflows proxy. */
export type CareRecordActivities = ReturnType<typeof createActivities>;
