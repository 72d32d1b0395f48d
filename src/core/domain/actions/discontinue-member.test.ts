import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { AUTHORIZED_STAGES } from './action-support';
import { checkDiscontinuation, discontinue, type DiscontinuationInput } from './discontinue-member';
import { allowedOnlyIn, deadlineOf, journeyAt, LATER, ms, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const end = (reason: DiscontinuationInput['reason'], at: string = TIMELINE.ended, detail?: string): DiscontinuationInput => ({ actionKey: `end-${reason}`, reason, at, ...(detail ? { detail } : {}) });

describe('discontinue', () => {
  it('R-DISCONTINUE: ECM is discontinued in any open stage after authorization', () => {
    expect(verdictsByStage((s) => checkDiscontinuation(s, end('unable_to_connect', LATER), ms(LATER)))).toEqual(allowedOnlyIn(AUTHORIZED_STAGES));
  });

  it('R-DISCONTINUE: the journey ends DISCONTINUED with a Notice of Action to the member (R-DENIAL-NOA); the slot is freed; open clocks and milestones are cancelled', () => {
    const { state, effects, result } = perform(journeyAt('ACTIVE'), TIMELINE.ended, (s, now) => discontinue(s, end('lower_level_of_care', TIMELINE.ended, 'moved to basic care management'), now));
    expect(result).toEqual({ action: 'discontinuation', stage: 'DISCONTINUED', at: TIMELINE.ended });
    expect(state.discontinuation).toEqual({ reason: 'lower_level_of_care', at: TIMELINE.ended, detail: 'moved to basic care management' });
    expect(effects).toEqual([
      { kind: 'caseload_release', careManagerId: 'LCM-0001', reason: 'lower_level_of_care', at: TIMELINE.ended },
      { kind: 'notice_of_action', noticeType: 'discontinuation', reason: 'lower_level_of_care: moved to basic care management', decidedAt: TIMELINE.ended, recipients: ['member'] },
    ]);
    expect(deadlineOf(state, 'R-AUTH-LAPSE')).toMatchObject({ status: 'cancelled', cancelReason: 'journey ended: lower_level_of_care' });
    expect(state.milestones?.filter((m) => m.status === 'pending')).toEqual([]);
  });

  it('R-DISCONTINUE: a member who left the plan is TRANSFERRED; on the member’s death no notice is sent', () => {
    expect(perform(journeyAt('ACTIVE'), TIMELINE.ended, (s, now) => discontinue(s, end('left_plan'), now)).state.stage).toBe('TRANSFERRED');
    const death = perform(journeyAt('ACTIVE'), TIMELINE.ended, (s, now) => discontinue(s, end('death'), now));
    expect(death.state.stage).toBe('DISCONTINUED');
    expect(death.effects.map((e) => e.kind)).toEqual(['caseload_release']);
  });

  it('R-DISCONTINUE: before a Lead Care Manager is named there is no slot to free; an overdue clock is closed without its act', () => {
    const at = '2031-06-12T10:00:00.000-07:00';
    const { state, effects } = perform(journeyAt('AUTHORIZED'), at, (s, now) => discontinue(s, end('no_longer_eligible', at), now));
    expect(effects.map((e) => e.kind)).toEqual(['notice_of_action']);
    expect(deadlineOf(state, 'R-ASSIGN')).toMatchObject({ status: 'breached', closedWithoutAct: 'journey ended: no_longer_eligible' });
  });

  it('R-REAUTH-6M: a reauthorization denial is the plan’s decision on the PCQ, not a discontinuation request', () => {
    expect(verdict(() => checkDiscontinuation(journeyAt('ACTIVE'), end('reauthorization_denied', LATER), ms(LATER)))).toBe(JourneyErrorCode.WrongStage);
  });
});
