/**
 * The activities the worker registers, built around injected dependencies so tests run them
 * against a real database. Workflows import the `CareRecordActivities` type only.
 */
import type { Pool } from 'pg';
import type { Logger } from '../src/infra/logger';
import { escalateDeadlineBreach } from './care-record/escalate-deadline-breach';
import { recordJourneyEvent } from './care-record/record-journey-event';
import { recordDeadlineBreach } from './care-record/record-deadline-breach';
import { recordReferral } from './care-record/record-referral';
import { sendNoticeOfAction } from './care-record/send-notice-of-action';
import { reportToPlan } from './care-record/report-to-plan';
import { withdrawDeadlineEscalation } from './care-record/withdraw-deadline-escalation';
import { confirmCaseloadSlot, releaseCaseloadSlot } from './care-record/release-caseload-slot';
import type { NoticeDelivery } from './notices/notice-transport';
import { deliverNoticeOfAction, type NoticeToDeliver } from './notices/deliver-notice-of-action';
import { createWebhookActivities, type WebhookDependencies } from './webhooks';
import { generateMonthlyFiles, type MonthlyFilesDependencies } from './reports/generate-monthly-files';
import { ApplicationFailure } from '@temporalio/activity';
import { createClaimsActivities, type ClaimsClockDependencies } from './claims';
import { emitOrganisationEvent } from './webhooks/emit-organisation-event';
import { breachEvent, noticeEvent, transitionalCareEvent, withdrawalEvent } from './webhooks/event-sources';
import { createImportActivities } from './imports';
import type { PlanPolicies } from '../src/core/plan-policies';
import type { CaseloadRelease, DeadlineBreachRecord, DeadlineEscalation, EscalationWithdrawal, JourneyEventRecord, NoticeOfActionRecord, PlanReport, ReferralRecord } from './care-record/types';

/** What the activities need from the outside world. */
export interface ActivityDependencies {
  readonly pool: Pool;
  readonly log: Logger;
  /**
   * R-DENIAL-NOA: the plans' notice templates and the notice transport. Absent: default templates
   * and no transport, so notices stay `pending` (an outbox for an outside mailing integration).
   */
  readonly notices?: NoticeDelivery;
  /** Issue 14: starts webhook deliveries and signs them. Absent: events are recorded, not delivered. */
  readonly webhooks?: WebhookDependencies;
  /** Issue 12 §3: the monthly files' sources and where they are written. Absent: the monthly run fails, for good. */
  readonly reports?: MonthlyFilesDependencies;
  /** Issue 13: starts the provider-months' claims clocks (R-CLAIMS-60D). Absent: no clock starts. */
  readonly claimsClock?: ClaimsClockDependencies;
  /**
   * Issue 12: what imports need beyond the above (the keys and plans intake uses). The journeys are
   * reached through the webhooks' Temporal client; without both, import batches fail (retried).
   */
  readonly imports?: { readonly memberIdKey: string; readonly plans: PlanPolicies; readonly concurrency?: number };
}

/** Builds the care-record activities. */
export function createActivities({ pool, log, notices = { plans: {} }, webhooks, reports, claimsClock, imports }: ActivityDependencies) {
  const emitter = { pool, log, ...(webhooks ? { webhooks } : {}) };
  // Each source's event after its own write: a retry repeats the write harmlessly and the event is keyed.
  const emit = async (event: Parameters<typeof emitOrganisationEvent>[1] | undefined): Promise<void> => {
    if (event) await emitOrganisationEvent(emitter, event);
  };
  return {
    ...createWebhookActivities(pool, log, webhooks),
    ...createClaimsActivities(pool, log, claimsClock),
    ...createImportActivities({ pool, log, plans: imports?.plans ?? {}, ...(imports ? { memberIdKey: imports.memberIdKey } : {}), ...(imports?.concurrency ? { concurrency: imports.concurrency } : {}), ...(webhooks ? { webhooks, door: webhooks } : {}) }),
    recordReferral: async (referral: ReferralRecord): Promise<void> => {
      await recordReferral(pool, referral);
    },
    recordJourneyEvent: async (event: JourneyEventRecord): Promise<void> => {
      await recordJourneyEvent(pool, event);
      await emit(await transitionalCareEvent(pool, event));
    },
    // Answers nothing, as before: the workflow needs no result, and its histories keep their shape.
    sendNoticeOfAction: async (notice: NoticeOfActionRecord): Promise<void> => {
      const noticeId = await sendNoticeOfAction(pool, log, notices, notice);
      await emit(await noticeEvent(pool, notice, noticeId));
    },
    /** R-DENIAL-NOA: retries a notice's delivery until sent (for the workflow to run with its own retry policy). */
    deliverNoticeOfAction: (notice: NoticeToDeliver): Promise<void> => deliverNoticeOfAction(pool, log, notices, notice),
    escalateDeadlineBreach: async (escalation: DeadlineEscalation): Promise<void> => {
      await escalateDeadlineBreach(pool, log, escalation);
      await emit(breachEvent(escalation));
    },
    // Issue 16 §4: the breach's event and its escalation in one transaction, then the same webhook events as the two apart.
    recordDeadlineBreach: async (breach: DeadlineBreachRecord): Promise<void> => {
      await recordDeadlineBreach(pool, log, breach);
      await emit(await transitionalCareEvent(pool, breach.event));
      await emit(breachEvent(breach.escalation));
    },
    withdrawDeadlineEscalation: async (withdrawal: EscalationWithdrawal): Promise<void> => {
      await withdrawDeadlineEscalation(pool, log, withdrawal);
      await emit(await withdrawalEvent(pool, withdrawal));
    },
    reportToPlan: (report: PlanReport): Promise<void> => reportToPlan(pool, report),
    generateMonthlyFiles: (input: { readonly month: string }) =>
      reports ? generateMonthlyFiles(reports, input) : Promise.reject(ApplicationFailure.create({ type: 'ReportsNotConfigured', message: 'this worker writes no monthly files', nonRetryable: true })),
    releaseCaseloadSlot: (release: CaseloadRelease): Promise<void> => releaseCaseloadSlot(pool, release),
    confirmCaseloadSlot: (slot: { readonly reservationKey: string }): Promise<void> => confirmCaseloadSlot(pool, slot),
  };
}

/** The activity interface workflows proxy. */
export type CareRecordActivities = ReturnType<typeof createActivities>;
