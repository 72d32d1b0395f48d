/**
 * The stuck-journey scan (issue 10, "A journey never gets stuck"), on the real time-skipping
 * server with the real worker: a journey that runs finds nothing stuck; a journey whose workflow
 * task fails, or whose activity cannot reach the care record, is named by its workflow ID.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyStateQuery, memberJourneyWorkflowId, MEMBER_JOURNEY_WORKFLOW, type MemberJourneyInput } from '../../src/contracts/member-journey';
import { createActivities } from '../../activities';
import { createPool } from '../../src/infra/db/pool';
import { defaultPlanPolicy } from '../../src/core/domain/plan-policy';
import { dueSoonAt, dueSoonLeadOf } from '../../src/core/domain/due-soon';
import { findStuckJourneys } from '../../tools/chaos/stuck-journeys';
import { inOutreach } from '../support/journey-driver';
import { eventually, referAt, useJourneySystem } from '../support/journey-test';
import { createTestDatabase, startTestSystem, type TestDatabase, type TestSystem } from '../support/test-system';

const AT = '2030-11-13T09:00:00.000-08:00';

/** The task queue the system's worker polls, read from a journey the API started. */
async function journeyTaskQueue(sys: TestSystem, memberId: string): Promise<string> {
  const { raw } = await sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId)).describe();
  return raw.executionConfig!.taskQueue!.name!;
}

describe('stuck-journey scan', () => {
  const { sys } = useJourneySystem();

  it('a journey driven to outreach through the API leaves nothing stuck', async () => {
    const memberId = await inOutreach(sys(), AT);
    // Settled: no task or activity in flight, so the scan sees the journey at rest.
    await sys().historyLength(memberId);
    expect(await findStuckJourneys(sys().client)).toEqual([]);
  });

  it('a journey whose workflow task keeps failing is named by its workflow ID; the healthy one beside it is not', async () => {
    const healthy = await referAt(sys(), AT);
    const taskQueue = await journeyTaskQueue(sys(), healthy);
    // Started past the API with an input the workflow cannot read: its first workflow task throws,
    // which Temporal retries without end (a workflow-task failure, not a workflow failure).
    const workflowId = `member-journey-stuck-${Date.now()}`;
    await sys().client.workflow.start(MEMBER_JOURNEY_WORKFLOW, { taskQueue, workflowId, args: [{}] });
    const stuck = await eventually(async () => {
      const found = await findStuckJourneys(sys().client);
      expect(found.map((s) => s.workflowId)).toContain(workflowId);
      return found;
    }, 60_000);
    expect(stuck).toEqual([expect.objectContaining({ workflowId, workflowType: MEMBER_JOURNEY_WORKFLOW, problem: 'workflow_task_failing' })]);
  });
});

describe('stuck-journey scan with the care record out of reach', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  beforeAll(async () => {
    db = await createTestDatabase();
    // The worker's pool points at a port nothing listens on: every care-record write fails with a
    // connection error, which is infrastructure and so retried without a cap.
    const unreachable = createPool('postgresql://ecm:ecm@127.0.0.1:1/ecm', { onError: () => undefined });
    sys = await startTestSystem({ url: db.url, ownerUrl: db.ownerUrl, pool: unreachable, close: () => unreachable.end() });
  });
  afterAll(async () => {
    await sys?.close();
    await db?.close();
  });

  it('an activity retried past the allowed attempts is named with its type and attempt, never its input', async () => {
    const maxActivityAttempts = 2;
    const memberId = `mbr_${'0'.repeat(31)}1`;
    const workflowId = memberJourneyWorkflowId(memberId);
    const receivedAt = await sys.now();
    const input: MemberJourneyInput = {
      start: { memberId, policy: defaultPlanPolicy('LA-CARE'), referral: { referralKey: 'ref_stuck', receivedAt: new Date(receivedAt).toISOString(), source: 'community', expedited: false, presumptive: false, populationsOfFocus: ['1a'] } },
    };
    await sys.client.workflow.start(MEMBER_JOURNEY_WORKFLOW, { taskQueue: 'ecm-journeys-test', workflowId, args: [input] });
    // Without a decision R-AUTH-ROUTINE becomes due soon, and the journey's warning (issue 14) is
    // the first thing it writes, through an activity the worker cannot complete. (Just past it: a
    // longer skip would make the server run every retry of the skipped time.)
    const view = await sys.client.workflow.getHandle(workflowId).query(journeyStateQuery);
    const policy = defaultPlanPolicy('LA-CARE');
    const dueSoon = dueSoonAt(dueSoonLeadOf(policy, 'R-AUTH-ROUTINE'), Date.parse(view.deadlines.find((d) => d.rule === 'R-AUTH-ROUTINE')!.dueAt), policy.calendar);
    await sys.skipTo(dueSoon + 1_000);
    const stuck = await eventually(async () => {
      const found = await findStuckJourneys(sys.client, { maxActivityAttempts });
      expect(found.length).toBeGreaterThan(0);
      return found;
    }, 60_000);
    // Each write waiting for the care record is one entry: the journey, the activity's type
    // and its attempt, and nothing else (no input, no failure message, which may quote input).
    const activityTypes = Object.keys(createActivities({ pool: db.pool, log: undefined as never }));
    for (const entry of stuck) {
      expect(entry).toMatchObject({ workflowId, workflowType: MEMBER_JOURNEY_WORKFLOW, problem: 'activity_retrying' });
      expect(activityTypes).toContain(entry.activityType);
      expect(entry.attempt).toBeGreaterThan(maxActivityAttempts);
      expect(Object.keys(entry).sort()).toEqual(['activityType', 'attempt', 'problem', 'workflowId', 'workflowType']);
    }
  });
});
