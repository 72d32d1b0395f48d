/**
 * Journeys and episodes already running were written by earlier workflow code; the current code
 * must replay their histories without a determinism error, or a deploy would break them. Each
 * change to workflow code that is not guarded by `patched()` is checked against these recordings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { TEST_PAYLOAD_KEYS } from '../support/test-system';

const FIXTURES = join(__dirname, '..', 'fixtures', 'histories');

function recorded(file: string): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.decode(readFileSync(join(FIXTURES, file)));
}

describe('replaying histories recorded by earlier releases', () => {
  const options = () => ({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: encryptingDataConverter(TEST_PAYLOAD_KEYS) });

  it('a member journey recorded before the care-record snapshots replays with the current code', async () => {
    const history = recorded('member-journey.binpb');
    expect(history.events?.length).toBeGreaterThan(50);
    await Worker.runReplayHistory(options(), history, 'member-journey-recorded');
  });

  it('R-OUTREACH-30D, R-CAREPLAN-14D: outreach met with four methods and a goal due before its care plan, recorded before the Guide’s readings, replay as they were judged', async () => {
    const history = recorded('outreach-before-guide-readings.binpb');
    expect(history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'logOutreachAttempt')).toHaveLength(5);
    await Worker.runReplayHistory(options(), history, 'outreach-before-guide-readings');
  });

  it('R-OUTREACH-30D, R-UNREACHABLE: a late fifth attempt that reached the member, then an unreachable closing, recorded before the Guide’s readings, replay as they were judged', async () => {
    const history = recorded('unreachable-before-guide-readings.binpb');
    expect(history.events?.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'closeOutreach')).toBe(true);
    await Worker.runReplayHistory(options(), history, 'unreachable-before-guide-readings');
  });

  it('a transitional-care episode recorded before the care-record snapshots replays with the current code', async () => {
    const history = recorded('transitional-care.binpb');
    expect(history.events?.some((e) => e.activityTaskScheduledEventAttributes)).toBe(true);
    await Worker.runReplayHistory(options(), history, 'transitional-care-recorded');
  });
});
