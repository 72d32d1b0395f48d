/**
 * R-AGE-21 keeps the date of birth secret: the milestone timer, whose firing instant anyone who can
 * read a workflow's history sees unencrypted, falls on the first day of the month after the 21st
 * birthday, the same instant for every member born in that month and year.
 */
import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../src/infra/codec/aes-gcm-payload-codec';
import { turns21 } from '../../src/core/domain/referral-intake';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { eventually, referAt, stateOf, useJourneySystem } from '../support/journey-test';
import { referralBody } from '../support/referrals';
import { TEST_PAYLOAD_KEYS, type TestSystem } from '../support/test-system';

const AT = '2030-11-13T09:00:00.000-08:00';
const LA = 'America/Los_Angeles';
const AGE_SUMMARY = 'R-AGE-21 transition to adult criteria';

const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined): number => Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);

/**
 * The instants the member's R-AGE-21 timers fire at, as an observer reads them from the history:
 * the workflow's clock (its task's start) plus the timer's duration.
 */
async function ageTimerInstants(sys: TestSystem, memberId: string): Promise<number[]> {
  const history = await sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId)).fetchHistory();
  const codec = new AesGcmPayloadCodec(TEST_PAYLOAD_KEYS);
  const instants: number[] = [];
  let workflowNow = 0;
  for (const event of history.events ?? []) {
    if (event.workflowTaskStartedEventAttributes) workflowNow = ms(event.eventTime);
    const timer = event.timerStartedEventAttributes;
    if (!timer || !event.userMetadata?.summary) continue;
    const [summary] = await codec.decode([event.userMetadata.summary]);
    if (defaultPayloadConverter.fromPayload<string>(summary!) === AGE_SUMMARY) instants.push(workflowNow + ms(timer.startToFireTimeout));
  }
  return instants;
}

function referralBornOn(dateOfBirth: string): Record<string, unknown> {
  return { member: { ...(referralBody(AT).member as object), dateOfBirth } };
}

describe('R-AGE-21 milestone', () => {
  const { sys } = useJourneySystem();

  it('R-AGE-21: two members born on different days of the same month get the identical milestone instant, the first of the month after the 21st birthday', async () => {
    // Born 3 and 27 February 2010: 20 at referral, 21 in February 2031; the milestone is 1 March 2031, midnight in Los Angeles.
    const early = await referAt(sys(), AT, referralBornOn('2010-02-03'));
    const late = await referAt(sys(), AT, referralBornOn('2010-02-27'));
    const milestone = Date.parse('2031-03-01T00:00:00.000-08:00');
    for (const memberId of [early, late]) {
      const state = await stateOf(sys(), memberId);
      expect([state.ageGroup, state.turns21On]).toEqual(['child_youth', '2031-03-01']);
      // The timer is in the history once the journey's first workflow task has completed.
      await eventually(async () => expect(await ageTimerInstants(sys(), memberId)).toEqual([milestone]));
    }
  });

  it('R-AGE-21: a date of birth with a year like 0198 or 0001 is refused (400) before any workflow starts', async () => {
    await sys().skipTo(Date.parse(AT));
    for (const dateOfBirth of ['0198-05-05', '0001-01-01', '0009-12-31']) {
      const res = await sys().request('POST', '/v1/referrals', referralBody(AT, referralBornOn(dateOfBirth)));
      expect([res.status, res.body.code, res.body.errors]).toEqual([400, 'invalid_body', [{ path: 'member.dateOfBirth', message: expect.any(String) }]]);
    }
  });

  it('R-AGE-21: the milestone date pads its year (0219, not 219), rolls December into January, and needs no leap day', () => {
    expect(turns21('0198-05-05', Date.UTC(210, 0, 1), 'UTC')).toEqual({ turns21On: '0219-06-01' });
    expect(turns21('2010-12-15', Date.parse(AT), LA)).toEqual({ turns21On: '2032-01-01' });
    // Born 29 February 2012: 21 on 1 March 2033 (a common year); the milestone is that same first of March.
    expect(turns21('2012-02-29', Date.parse(AT), LA)).toEqual({ turns21On: '2033-03-01' });
    // 21 already (birthday on the day of referral): no milestone.
    expect(turns21('2009-11-13', Date.parse(AT), LA)).toEqual({});
  });
});
