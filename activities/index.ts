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
import { confirmCaseloadSlot, releaseCaseloadSlot } from './care-record/release-caseload-slot';
import { withCareRecordFailures } from './care-record/care-record-failure';
import type { CaseloadRelease, DeadlineEscalation, JourneyEventRecord, NoticeOfActionRecord, PlanReport, ReferralRecord } from './care-record/types';

/** What the activities need from the outside world. */
export interface ActivityDependencies {
  readonly pool: Pool;
  readonly log: Logger;
}

/** Builds the care-record activities. */
export function createActivities({ pool, log }: ActivityDependencies) {
  // Every activity fails the same way: a data error for good, anything else with a retry.
  const guard = withCareRecordFailures;
  return {
    recordReferral: guard((referral: ReferralRecord): Promise<void> => recordReferral(pool, referral)),
    recordJourneyEvent: guard((event: JourneyEventRecord): Promise<void> => recordJourneyEvent(pool, event)),
    sendNoticeOfAction: guard((notice: NoticeOfActionRecord): Promise<void> => sendNoticeOfAction(pool, notice)),
    escalateDeadlineBreach: guard((escalation: DeadlineEscalation): Promise<void> => escalateDeadlineBreach(pool, log, escalation)),
    reportToPlan: guard((report: PlanReport): Promise<void> => reportToPlan(pool, report)),
    releaseCaseloadSlot: guard((release: CaseloadRelease): Promise<void> => releaseCaseloadSlot(pool, release)),
    confirmCaseloadSlot: guard((slot: { readonly reservationKey: string }): Promise<void> => confirmCaseloadSlot(pool, slot)),
  };
}

/** The activity interface workflows proxy. */
export type CareRecordActivities = ReturnType<typeof createActivities>;
