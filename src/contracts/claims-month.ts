/**
 * The claims-month workflow's public surface (R-CLAIMS-60D): one workflow per provider service
 * month, shared by the activity that opens it on the month's first service and the API that
 * marks the month's claims submitted. Its ID names plan, provider and month, never a member.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Deadline } from '../core/domain/deadline';
import type { PlanPolicy } from '../core/domain/plan-policy';

/** Registered workflow type name. */
export const CLAIMS_MONTH_WORKFLOW = 'claimsMonth';

/** One workflow per plan, provider and `YYYY-MM`. */
export function claimsMonthWorkflowId(plan: string, providerId: string, month: string): string {
  return `claims-month-${plan}-${providerId}-${month}`;
}

/** What a provider-month's clock starts with. */
export interface ClaimsMonthInput {
  readonly plan: string;
  readonly providerId: string;
  readonly month: string;
  /** The plan's policy snapshot: zone and R-CLAIMS-60D turnaround. */
  readonly policy: PlanPolicy;
}

/** A batch of the month's claims, marked submitted (`POST /v1/claims/submissions`). */
export interface ClaimsSubmissionInput {
  readonly batchId: string;
  /** When the claims went to the plan (the caller's timestamp, ECM-RULES §1). */
  readonly submittedAt: string;
  /** Opaque member IDs of the member-months the batch covers. */
  readonly memberIds: readonly string[];
}

/** The provider-month as the workflow keeps it. */
export interface ClaimsMonthState {
  readonly plan: string;
  readonly providerId: string;
  readonly month: string;
  readonly deadline: Deadline;
  readonly batches: readonly { readonly batchId: string; readonly submittedAt: string; readonly members: number }[];
}

/** The month's first service (signal-with-start: starts the clock once, a repeat changes nothing). */
export const claimsMonthOpenedSignal = defineSignal<[]>('claimsMonthOpened');
/** Marks a batch submitted; answers the month's state (update-with-start from the API). */
export const submitClaimsUpdate = defineUpdate<ClaimsMonthState, [ClaimsSubmissionInput]>('submitClaims');
/** The month's state. */
export const claimsMonthStateQuery = defineQuery<ClaimsMonthState>('claimsMonthState');
