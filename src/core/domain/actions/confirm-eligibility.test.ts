import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { MemberFacts } from '../../eligibility';
import { confirmEligibilityAction } from './confirm-eligibility';
import type { RequestKit } from './journey-action';
import { recordProgramFindingsAction } from './record-program-findings';

/** A kit of plain schemas: the route's own refinements are what is under test, not the edge's text rules. */
const kit: RequestKit = {
  z,
  text: ({ max, min = 1 }) => z.string().min(min).max(max),
  instant: z.string(),
  date: z.string(),
  memberFacts: z.custom<MemberFacts>(),
  reasonRequired: (message) => ({ path: ['reason'], message, params: { code: 'reason_required' } }),
};
const AT = '2031-06-10T10:00:00.000-07:00';
const homelessAdult: MemberFacts = { dateOfBirth: '1980-02-02', enrolledInMediCalManagedCare: true, shareOfCost: 'none', housing: { homeless: true }, complexNeedUnableToSelfManage: true };

describe('confirmEligibility', () => {
  it('R-ELIGIBILITY: the provider’s confirmation reaches the journey as program findings, with the engine’s judgement of the facts', () => {
    expect(confirmEligibilityAction.via).toBe(recordProgramFindingsAction);
    const input = confirmEligibilityAction.route.toInput({ facts: { ...homelessAdult, programs: ['IHSS'] }, at: AT }, 'key-1');
    expect(input).toMatchObject({ actionKey: 'key-1', at: AT, programs: ['IHSS'], evaluation: { eligible: true } });
    expect(input.evaluation?.populationsOfFocus.length).toBeGreaterThan(0);
    const housed = confirmEligibilityAction.route.toInput({ facts: { ...homelessAdult, housing: { homeless: false }, complexNeedUnableToSelfManage: false }, at: AT }, 'key-2');
    expect(housed).toMatchObject({ programs: [], evaluation: { eligible: false } });
    expect(housed.evaluation?.reasons.length).toBeGreaterThan(0);
  });

  it('R-ELIGIBILITY: a date of birth after the confirmation is refused at its own path', () => {
    const body = confirmEligibilityAction.route.body(kit);
    expect(body.safeParse({ facts: homelessAdult, at: AT }).success).toBe(true);
    const refused = body.safeParse({ facts: { ...homelessAdult, dateOfBirth: '2031-06-11' }, at: AT });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['facts', 'dateOfBirth']);
  });
});
