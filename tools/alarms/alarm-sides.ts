/**
 * The two sides of the alarm measurement, started straight from a client: member journeys with the
 * real workflow input (an expedited referral received exactly 72 hours before the instant, so its
 * R-AUTH-EXPEDITED deadline falls on it), and raw workflows sleeping to the same kind of instant.
 */
import type { Client } from '@temporalio/client';
import { MEMBER_JOURNEY_WORKFLOW, memberJourneyWorkflowId, type MemberJourneyInput } from '../../src/contracts/member-journey';
import { EcmPlan, EcmStage } from '../../src/contracts/search-attributes';
import { defaultPlanPolicy } from '../../src/core/domain/plan-policy';
import { deriveMemberId, deriveReferralKey } from '../../src/infra/identity';

export const JOURNEY_QUEUE = 'alarms-journeys';
export const RAW_QUEUE = 'alarms-raw';
const PLAN = 'LA-CARE';
const HOURS_72 = 72 * 3_600_000;

/** One side of one round: N workflows whose alarm is due at `atMs`. */
export interface Side {
  readonly kind: 'ours' | 'raw';
  readonly round: number;
  readonly atMs: number;
  readonly workflowIds: string[];
}

/** Runs `task` for 0..n-1, `width` at a time. */
export async function inParallel(n: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    for (let i = next++; i < n; i = next++) await task(i);
  }));
}

/** A synthetic member's journey input, as intake builds it (api/routes/post-referral.ts). */
function journeyInput(memberIdKey: string, round: number, i: number, atMs: number): MemberJourneyInput {
  const cin = `${String(round).padStart(2, '0')}${String(i).padStart(6, '0')}A`;
  const referralId = `ALARM-${process.pid}-${round}-${i}`;
  const memberId = deriveMemberId(memberIdKey, PLAN, cin);
  const referral = {
    referralKey: deriveReferralKey(memberIdKey, PLAN, referralId), receivedAt: new Date(atMs - HOURS_72).toISOString(), source: 'community' as const,
    expedited: true, presumptive: false, populationsOfFocus: ['1a'],
  };
  return {
    start: { memberId, policy: defaultPlanPolicy(PLAN), referral },
    referralRecord: { ...referral, memberId, plan: PLAN, referralId, member: { cin, name: { given: 'Alarm', family: 'Member' }, dateOfBirth: '1970-01-01' } },
  };
}

/** Starts one side's N workflows. */
export async function startSide(client: Client, side: Omit<Side, 'workflowIds'>, n: number, memberIdKey: string): Promise<Side> {
  const workflowIds: string[] = new Array<string>(n);
  const dueAt = new Date(side.atMs).toISOString();
  await inParallel(n, 8, async (i) => {
    if (side.kind === 'raw') {
      workflowIds[i] = `raw-alarm-${process.pid}-${side.round}-${i}`;
      await client.workflow.start('rawAlarm', { taskQueue: RAW_QUEUE, workflowId: workflowIds[i], args: [`r${side.round}-${i}`, dueAt] });
      return;
    }
    const input = journeyInput(memberIdKey, side.round, i, side.atMs);
    workflowIds[i] = memberJourneyWorkflowId(input.start.memberId);
    await client.workflow.start(MEMBER_JOURNEY_WORKFLOW, {
      taskQueue: JOURNEY_QUEUE, workflowId: workflowIds[i], args: [input], workflowIdConflictPolicy: 'FAIL',
      memo: { referralKey: input.start.referral.referralKey, referralFingerprint: 'alarm-lag' },
      typedSearchAttributes: [{ key: EcmStage, value: 'REFERRED' }, { key: EcmPlan, value: PLAN }],
    });
  });
  return { ...side, workflowIds };
}
