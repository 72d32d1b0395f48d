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

/** The names of the Updates a history accepted, in order. */
function updateNames(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? []).flatMap((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? []);
}

/** The activity types a history scheduled, in order. */
function activityTypes(history: temporal.api.history.v1.IHistory): string[] {
  return (history.events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
}

/** True when the history recorded the `patched()` marker of the patch. */
function patchedWith(history: temporal.api.history.v1.IHistory, patchId: string): boolean {
  return (history.events ?? []).some((e) => {
    const data = e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0]?.data;
    return data !== undefined && data !== null && Buffer.from(data).toString().includes(`"${patchId}"`);
  });
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

  it('ECM-RULES §1: a member journey recorded after the act-time judgement (outreach with five methods, an assessment delay, a PCP change, an admission, R-DUPLICATIVE breached by its timer and then met by a choice documented late) replays with the current code', async () => {
    const history = recorded('member-journey-act-time.binpb');
    const updates = updateNames(history);
    expect(new Set(updates)).toEqual(
      new Set([
        'decideAuthorization', 'assignProvider', 'respondToAssignment', 'nameLeadCareManager', 'logOutreachAttempt', 'enrollMember', 'recordAssessment',
        'delayAssessment', 'recordCarePlan', 'recordPcpChange', 'recordProgramFindings', 'recordAdtEvent', 'chooseProgram',
      ]),
    );
    expect(updates.filter((name) => name === 'logOutreachAttempt')).toHaveLength(5);
    expect(patchedWith(history, 'deadlines-judged-by-act-time')).toBe(true);
    expect(history.events?.some((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name === 'transitionalCare')).toBe(true);
    // The alarm raised by the timer, then withdrawn when the timely choice was documented.
    expect(history.events?.some((e) => e.timerFiredEventAttributes)).toBe(true);
    expect(activityTypes(history)).toEqual(expect.arrayContaining(['escalateDeadlineBreach', 'withdrawDeadlineEscalation']));
    expect(activityTypes(history).indexOf('escalateDeadlineBreach')).toBeLessThan(activityTypes(history).indexOf('withdrawDeadlineEscalation'));
    await Worker.runReplayHistory(options(), history, 'member-journey-act-time');
  });

  it('a member journey whose referral the API wrote (issue 16 §1: no recordReferral activity, only the opening event) replays with the current code', async () => {
    const history = recorded('member-journey-referral-on-record.binpb');
    expect(patchedWith(history, 'intake-referral-on-record')).toBe(true);
    expect(activityTypes(history)).not.toContain('recordReferral');
    expect(activityTypes(history)[0]).toBe('recordJourneyEvent');
    expect(updateNames(history)).toEqual(['decideAuthorization', 'assignProvider', 'respondToAssignment', 'nameLeadCareManager']);
    await Worker.runReplayHistory(options(), history, 'member-journey-referral-on-record');
  });

  it('ECM-RULES §1, R-TCS-24H: a transitional-care episode recorded after the act-time judgement (R-TCS-24H breached by its timer, then met by a contact documented late; a discharge; R-TCS-7D breached) replays with the current code', async () => {
    const history = recorded('transitional-care-act-time.binpb');
    expect(history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name).toBe('transitionalCare');
    expect(updateNames(history)).toEqual(['completeTask']);
    expect(history.events?.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'episodeAdtEvent')).toHaveLength(1);
    expect(patchedWith(history, 'deadlines-judged-by-act-time')).toBe(true);
    expect(history.events?.filter((e) => e.timerFiredEventAttributes)).toHaveLength(2);
    expect(activityTypes(history).filter((name) => name === 'escalateDeadlineBreach')).toHaveLength(2);
    expect(activityTypes(history).filter((name) => name === 'withdrawDeadlineEscalation')).toHaveLength(1);
    await Worker.runReplayHistory(options(), history, 'transitional-care-act-time');
  });

  it('R-AUTH-EXPEDITED, R-ASSIGN: a member journey recorded after the exact alarms (issue 16 §4: approach timers, then the exact rest; each breach and its escalation in one activity) replays with the current code', async () => {
    const history = recorded('member-journey-exact-alarm.binpb');
    expect(patchedWith(history, 'deadline-timers-exact-remainder')).toBe(true);
    expect(patchedWith(history, 'breach-recorded-with-escalation')).toBe(true);
    expect(activityTypes(history).filter((name) => name === 'recordDeadlineBreach')).toHaveLength(2);
    expect(activityTypes(history)).not.toContain('escalateDeadlineBreach');
    await Worker.runReplayHistory(options(), history, 'member-journey-exact-alarm');
  });

  it('a transitional-care episode recorded before the care-record snapshots replays with the current code', async () => {
    const history = recorded('transitional-care.binpb');
    expect(history.events?.some((e) => e.activityTaskScheduledEventAttributes)).toBe(true);
    await Worker.runReplayHistory(options(), history, 'transitional-care-recorded');
  });
});
