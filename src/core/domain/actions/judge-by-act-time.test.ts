import { describe, expect, it } from 'vitest';
import { withActTimeJudgement } from './judge-by-act-time';
import { decideAuthorization } from './decide-authorization';
import { deadlineOf, inPacific, ms, newJourney, runClockTo } from './testing/journey-at';

const DUE = '2031-06-10T23:59:59.999-07:00';
const DOCUMENTED = '2031-06-12T10:00:00.000-07:00';
const approve = (decidedAt: string) => ({ actionKey: 'authorize', decision: 'approved' as const, decidedAt });

describe('withActTimeJudgement', () => {
  it('ECM-RULES §1: an act dated on time but documented after the alarm meets its deadline, documented late, and the alarm is withdrawn', () => {
    const alarmed = runClockTo(newJourney(), ms(DOCUMENTED));
    const transition = decideAuthorization(alarmed, approve(DUE), ms(DOCUMENTED));
    expect(deadlineOf(transition.state, 'R-AUTH-ROUTINE')?.status).toBe('breached');
    const judged = withActTimeJudgement(alarmed, transition, ms(DOCUMENTED));
    const met = deadlineOf(judged.state, 'R-AUTH-ROUTINE')!;
    expect(met).toMatchObject({ status: 'met', fulfilledAt: DUE, documentedLate: true, documentedAt: DOCUMENTED, breachedAt: DUE });
    expect(judged.effects).toEqual([...transition.effects, { kind: 'escalation_withdrawn', deadline: met }]);
    expect(judged.result).toEqual(transition.result);
  });

  it('ECM-RULES §1: an act dated a millisecond late leaves the breach standing and the transition as it was', () => {
    const alarmed = runClockTo(newJourney(), ms(DOCUMENTED));
    const transition = decideAuthorization(alarmed, approve(inPacific(ms(DUE) + 1)), ms(DOCUMENTED));
    expect(withActTimeJudgement(alarmed, transition, ms(DOCUMENTED))).toBe(transition);
  });

  it('ECM-RULES §1: a journey started before the rule keeps the judgement it began with', () => {
    const legacy = runClockTo(newJourney({ actTimeJudgement: false }), ms(DOCUMENTED));
    const transition = decideAuthorization(legacy, approve(DUE), ms(DOCUMENTED));
    expect(withActTimeJudgement(legacy, transition, ms(DOCUMENTED))).toBe(transition);
    expect(deadlineOf(transition.state, 'R-AUTH-ROUTINE')).toMatchObject({ status: 'breached', fulfilledAt: DUE });
  });
});
