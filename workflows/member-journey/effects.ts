/**
 * The journey's effect runner: each effect a transition emits, carried out through its activity or
 * its child workflow, in the order the transition listed them.
 */
import { getExternalWorkflowHandle, ParentClosePolicy, patched, startChild, workflowInfo } from '@temporalio/workflow';
import type { JourneyEffect } from '../../src/core/domain/actions';
import type { JourneyState } from '../../src/core/domain/journey-state';
import { episodeAdtEventSignal } from '../../src/contracts/transitional-care';
import { careRecord } from '../shared/care-record';
import type { DeadlineEscalation } from '../../activities/care-record/types';
import { transitionalCare } from '../transitional-care/workflow';

/** Carries out one transition's effects; `after` is the state the transition made. */
export async function runEffects(effects: readonly JourneyEffect[], after: JourneyState, eventKey: string): Promise<void> {
  const journey = { memberId: after.memberId, referralKey: after.referral.referralKey };
  for (const effect of effects) {
    switch (effect.kind) {
      case 'notice_of_action': {
        // R-DENIAL-NOA: the notice is sent and kept in the care record.
        const { kind: _kind, ...notice } = effect;
        await careRecord.sendNoticeOfAction({ ...journey, noticeKey: `${eventKey}:notice`, ...notice });
        break;
      }
      case 'escalation':
        await careRecord.escalateDeadlineBreach(escalationOf(effect, after));
        break;
      case 'escalation_withdrawn':
        // ECM-RULES §1: a timely act documented late withdraws the alarm; the party is told.
        await careRecord.withdrawDeadlineEscalation({ ...journey, deadline: effect.deadline });
        break;
      case 'plan_report':
        // R-UNREACHABLE: the outcome of outreach goes to the plan.
        await careRecord.reportToPlan({ ...journey, reportKey: `${eventKey}:report`, plan: after.policy.plan, report: effect.report, outcome: effect.outcome, at: effect.at });
        break;
      case 'transitional_care':
        await toTransitionalCare(effect, after);
        break;
      case 'caseload_confirm':
        await careRecord.confirmCaseloadSlot({ reservationKey: effect.reservationKey });
        break;
      case 'claims_month':
        // R-CLAIMS-60D: journeys recorded before the claims clock replay without this activity.
        if (patched('claims-month-clock')) await careRecord.openClaimsMonth({ plan: after.policy.plan, providerId: effect.providerId, month: effect.month, policy: after.policy });
        break;
      case 'caseload_release':
        // R-CASELOAD-50: the member no longer counts against this Lead Care Manager.
        await careRecord.releaseCaseloadSlot({ memberId: after.memberId, careManagerId: effect.careManagerId, reason: effect.reason, at: effect.at });
        break;
    }
  }
}

/** The escalation a breach raises, to the party responsible under the journey as it stands. */
export function escalationOf(effect: Extract<JourneyEffect, { kind: 'escalation' }>, after: JourneyState): DeadlineEscalation {
  return {
    memberId: after.memberId,
    referralKey: after.referral.referralKey,
    plan: after.policy.plan,
    ...(after.assignment ? { providerId: after.assignment.providerId } : {}),
    deadline: effect.deadline,
  };
}

/** An ADT event starts its episode's child workflow, or reaches the running one. */
async function toTransitionalCare(effect: Extract<JourneyEffect, { kind: 'transitional_care' }>, after: JourneyState): Promise<void> {
  if (effect.start) {
    // ABANDON: an episode outlives the journey's continue-as-new; the journey reaches it by ID.
    await startChild(transitionalCare, {
      workflowId: effect.workflowId,
      args: [{ start: { memberId: after.memberId, episodeKey: effect.episodeKey, parentWorkflowId: workflowInfo().workflowId, policy: after.policy, referralKey: after.referral.referralKey, ...(after.assignment ? { providerId: after.assignment.providerId } : {}) }, firstEvent: effect.event }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
    return;
  }
  try {
    await getExternalWorkflowHandle(effect.workflowId).signal(episodeAdtEventSignal, effect.event);
  } catch {
    // The episode closed between its last report and this event; the event is in the care record.
  }
}
