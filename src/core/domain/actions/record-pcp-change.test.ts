import { describe, expect, it } from 'vitest';
import { AUTHORIZED_STAGES } from './action-support';
import { checkPcpChange, recordPcpChange } from './record-pcp-change';
import { allowedOnlyIn, journeyAt, LATER, ms, perform, TIMELINE, verdictsByStage } from './testing/journey-at';

describe('recordPcpChange', () => {
  it('R-PCP-CHANGE: a PCP change is recorded in any open stage after authorization', () => {
    expect(verdictsByStage((s) => checkPcpChange(s, { actionKey: 'pcp', pcpId: 'PCP-9', at: LATER }, ms(LATER)))).toEqual(allowedOnlyIn(AUTHORIZED_STAGES));
  });

  it('R-PCP-CHANGE: ECM goes on: the new PCP is kept, with its group, and no stage, clock or effect changes', () => {
    const before = journeyAt('ACTIVE');
    const { state, effects, result } = perform(before, TIMELINE.ended, (s, now) => recordPcpChange(s, { actionKey: 'pcp', pcpId: 'PCP-9', providerGroup: 'IPA-3', at: TIMELINE.ended }, now));
    expect(result).toEqual({ action: 'pcp-change', stage: 'ACTIVE', at: TIMELINE.ended });
    expect(effects).toEqual([]);
    expect(state.primaryCareProvider).toEqual({ pcpId: 'PCP-9', providerGroup: 'IPA-3', since: TIMELINE.ended });
    expect(state.deadlines).toEqual(before.deadlines);
    expect(state.assignment).toEqual(before.assignment);
  });
});
