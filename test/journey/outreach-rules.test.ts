/**
 * R-OUTREACH-30D and R-UNREACHABLE over the pure domain (the workflow's validators and handlers),
 * where an act can be placed at the exact due instant without racing a timer.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/infra/config';
import * as actions from '../../src/core/domain/actions';
import { JourneyErrorCode } from '../../src/core/domain/errors';
import { viewOf, type JourneyState, type OutreachMethod, type OutreachResult } from '../../src/core/domain/journey-state';
import { defaultPlanPolicy, type PlanPolicy } from '../../src/core/domain/plan-policy';
import { resolvePlanPolicy } from '../../src/core/plan-policies';

// An E-Form received and named Wed 2030-11-13 09:00 PT: outreach starts then; 30 calendar days
// run to the end of Fri 2030-12-13 Pacific.
const OUTREACH_START = '2030-11-13T09:00:00.000-08:00';
const OUTREACH_DUE = '2030-12-13T23:59:59.999-08:00';
const minute = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** Every act is documented well after the fact: the domain judges by the act's own timestamp. */
const NOW = Date.parse('2031-02-01T12:00:00-08:00');

/** Four attempts on four days and three parts of the day, one in person, with four different methods. */
const FOUR_ATTEMPTS: readonly { at: string; method: OutreachMethod; result: OutreachResult }[] = [
  { at: '2030-11-14T10:00:00-08:00', method: 'phone', result: 'no_answer' },
  { at: '2030-11-15T18:30:00-08:00', method: 'text', result: 'no_answer' },
  { at: '2030-11-18T14:00:00-08:00', method: 'in_person', result: 'not_found' },
  { at: '2030-11-20T09:00:00-08:00', method: 'mail', result: 'no_answer' },
];

let keys = 0;
function inOutreach(policy: PlanPolicy = defaultPlanPolicy('LA-CARE')): JourneyState {
  const started = actions.startJourney({
    memberId: 'mbr_outreach_rules',
    policy,
    referral: { referralKey: 'rk_outreach_rules', receivedAt: OUTREACH_START, source: 'provider', expedited: false, presumptive: true, referringProviderId: 'PROV-ACME', populationsOfFocus: ['1a'] },
  });
  return actions.nameLeadCareManager(started, { actionKey: 'lcm', careManagerId: 'LCM-0001', at: OUTREACH_START }, NOW).state;
}
function attempt(state: JourneyState, at: string, method: OutreachMethod, result: OutreachResult = 'no_answer'): JourneyState {
  return actions.logOutreachAttempt(state, { actionKey: `try-${++keys}`, at, method, result, minutes: 5 }, NOW).state;
}
function attempts(state: JourneyState, list = FOUR_ATTEMPTS): JourneyState {
  return list.reduce((s, a) => attempt(s, a.at, a.method, a.result), state);
}
const outreachDeadline = (state: JourneyState) => state.deadlines.find((d) => d.rule === 'R-OUTREACH-30D')!;
const closeAsUnreachable = (state: JourneyState, at = iso(Date.parse(OUTREACH_DUE) + 60 * minute)) =>
  () => actions.checkCloseOutreach(state, { actionKey: 'close', outcome: 'unreachable', at }, NOW);

describe('R-OUTREACH-30D, judged by when each attempt happened', () => {
  it('R-OUTREACH-30D: a fifth attempt dated exactly at the due instant counts and meets the rule', () => {
    let state = inOutreach();
    expect(outreachDeadline(state).dueAt).toBe(OUTREACH_DUE);
    state = attempt(attempts(state), OUTREACH_DUE, 'email');
    expect(viewOf(state).outreach).toEqual({ attempts: 5, inPersonAttempts: 1, distinctDays: 5, distinctTimesOfDay: 3, distinctMethods: 5, attemptsAfterWindow: 0, satisfied: true });
    expect(outreachDeadline(state)).toMatchObject({ status: 'met' });
    expect(Date.parse(outreachDeadline(state).fulfilledAt!)).toBe(Date.parse(OUTREACH_DUE));
    expect(closeAsUnreachable(state)).not.toThrow();
  });

  it('R-OUTREACH-30D: a fifth attempt dated one minute after the due instant is kept but does not count; R-UNREACHABLE stays refused', () => {
    const late = iso(Date.parse(OUTREACH_DUE) + minute);
    const state = attempt(attempts(inOutreach()), late, 'email');
    expect(state.outreachAttempts).toHaveLength(5);
    expect(Date.parse(state.outreachAttempts!.at(-1)!.at)).toBe(Date.parse(late));
    expect(viewOf(state).outreach).toEqual({ attempts: 4, inPersonAttempts: 1, distinctDays: 4, distinctTimesOfDay: 3, distinctMethods: 4, attemptsAfterWindow: 1, satisfied: false });
    expect(outreachDeadline(state).status).toBe('open');
    expect(closeAsUnreachable(state)).toThrow(expect.objectContaining({ code: JourneyErrorCode.OutreachRequirementNotMet }));
    expect(closeAsUnreachable(state)).toThrow(/1 attempts after the 30 days ended at 2030-12-13T23:59:59.999-08:00, which do not count/);
  });

  it('R-OUTREACH-30D: five attempts on five days with only four different methods do not meet the Guide’s five methods', () => {
    // The fifth repeats the phone; everything else the rule asks for is there.
    const state = attempt(attempts(inOutreach()), '2030-11-22T19:00:00-08:00', 'phone');
    expect(viewOf(state).outreach).toMatchObject({ attempts: 5, distinctDays: 5, distinctMethods: 4, satisfied: false });
    expect(outreachDeadline(state).status).toBe('open');
    expect(closeAsUnreachable(state)).toThrow(/using 5 different methods.*4 methods/);
    // A sixth attempt with a fifth method completes the rule, and dates it.
    const sixth = attempt(state, '2030-11-25T15:00:00-08:00', 'street_outreach');
    expect(outreachDeadline(sixth)).toMatchObject({ status: 'met' });
    expect(Date.parse(outreachDeadline(sixth).fulfilledAt!)).toBe(Date.parse('2030-11-25T15:00:00-08:00'));
  });

  it('R-OUTREACH-30D: a plan that asks for fewer different methods (outreach.distinctMethods: 3) is met by five attempts with three', () => {
    const policy = resolvePlanPolicy({ 'LA-CARE': { outreach: { distinctMethods: 3 } } }, 'LA-CARE');
    expect(policy.outreach).toEqual({ distinctMethods: 3 });
    const threeMethods: typeof FOUR_ATTEMPTS = [
      { at: '2030-11-14T10:00:00-08:00', method: 'phone', result: 'no_answer' },
      { at: '2030-11-15T18:30:00-08:00', method: 'phone', result: 'no_answer' },
      { at: '2030-11-18T14:00:00-08:00', method: 'in_person', result: 'not_found' },
      { at: '2030-11-20T09:00:00-08:00', method: 'text', result: 'no_answer' },
      { at: '2030-11-22T19:00:00-08:00', method: 'phone', result: 'left_message' },
    ];
    expect(outreachDeadline(attempts(inOutreach(policy), threeMethods)).status).toBe('met');
    expect(outreachDeadline(attempts(inOutreach(), threeMethods)).status).toBe('open');
  });

  it('R-OUTREACH-30D: ECM_PLANS_FILE sets outreach.distinctMethods from 1 to the Guide’s 5; more than 5, a fraction or an unknown field stops start-up', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ecm-plans-')), 'plans.json');
    const load = (outreach: unknown) => {
      writeFileSync(file, JSON.stringify({ plans: { 'LA-CARE': { outreach } } }));
      return loadConfig({ ECM_PLANS_FILE: file });
    };
    expect(resolvePlanPolicy(load({ distinctMethods: 3 }).plans, 'LA-CARE').outreach).toEqual({ distinctMethods: 3 });
    // A plan the file does not name, or one that leaves outreach alone, reads the Guide's five.
    expect(resolvePlanPolicy(load({ distinctMethods: 3 }).plans, 'OTHER-PLAN').outreach).toEqual({ distinctMethods: 5 });
    for (const bad of [{ distinctMethods: 6 }, { distinctMethods: 0 }, { distinctMethods: 2.5 }, { distinctMethods: 3, inPerson: 0 }]) {
      expect(() => load(bad), JSON.stringify(bad)).toThrow(ConfigError);
    }
  });

  it('R-OUTREACH-30D: a journey whose policy snapshot predates outreach.distinctMethods reads the Guide’s five', () => {
    const { outreach: _absent, ...older } = defaultPlanPolicy('LA-CARE');
    const fourMethods = attempt(attempts(inOutreach(older)), '2030-11-22T19:00:00-08:00', 'phone');
    expect(viewOf(fourMethods).outreach).toMatchObject({ distinctMethods: 4, satisfied: false });
    expect(outreachDeadline(attempt(fourMethods, '2030-11-25T15:00:00-08:00', 'email')).status).toBe('met');
  });

  it('R-OUTREACH-30D: an attempt logged late but dated inside the window still counts, and the rule is met by the attempt that completed it', () => {
    // The in-person visit of Mon 11-18 is documented last, after the window closed.
    const withoutVisit = FOUR_ATTEMPTS.filter((a) => a.method !== 'in_person');
    let state = attempts(inOutreach(), withoutVisit);
    state = attempt(state, '2030-11-22T19:00:00-08:00', 'email');
    expect(outreachDeadline(state).status).toBe('open');
    state = attempt(state, '2030-11-18T14:00:00-08:00', 'in_person', 'not_found');
    expect(viewOf(state).outreach).toMatchObject({ attempts: 5, attemptsAfterWindow: 0, satisfied: true });
    // Sorted by when they happened, the fifth attempt (Fri 11-22) is the one that completed the rule.
    expect(Date.parse(outreachDeadline(state).fulfilledAt!)).toBe(Date.parse('2030-11-22T19:00:00-08:00'));
  });

  it('R-OUTREACH-30D: attempts recorded before the Guide’s readings replay as they were judged (every attempt, any methods)', () => {
    const recorded = (s: JourneyState, at: string, method: OutreachMethod) =>
      actions.logOutreachAttempt(s, { actionKey: `old-${++keys}`, at, method, result: 'no_answer', minutes: 5 }, NOW, 'before-guide-readings').state;
    const state = recorded(attempts(inOutreach()), iso(Date.parse(OUTREACH_DUE) + minute), 'phone');
    expect(outreachDeadline(state).status).toBe('breached');
    expect(Date.parse(outreachDeadline(state).fulfilledAt!)).toBe(Date.parse(OUTREACH_DUE) + minute);
  });
});

describe('R-UNREACHABLE', () => {
  /** Five attempts that satisfy R-OUTREACH-30D, one of them with `result`. */
  const satisfiedWith = (result: OutreachResult) =>
    attempt(attempts(inOutreach()), '2030-11-22T19:00:00-08:00', 'street_outreach', result);

  it('R-UNREACHABLE: refused (member_was_reached) once any attempt reached the member, though R-OUTREACH-30D is satisfied', () => {
    const state = satisfiedWith('reached');
    expect(outreachDeadline(state).status).toBe('met');
    expect(closeAsUnreachable(state)).toThrow(expect.objectContaining({ code: JourneyErrorCode.MemberWasReached }));
    expect(() => actions.closeOutreach(state, { actionKey: 'close', outcome: 'unreachable', at: '2030-11-23T10:00:00-08:00' }, NOW)).toThrow(/R-UNREACHABLE/);
    // The member who was reached and refused ends as declined.
    const declined = actions.closeOutreach(state, { actionKey: 'close', outcome: 'declined', at: '2030-11-23T10:00:00-08:00' }, NOW);
    expect(declined.state.stage).toBe('DECLINED');
  });

  it('R-UNREACHABLE: a member who refused at an attempt was reached too; one never reached closes as UNREACHABLE', () => {
    expect(closeAsUnreachable(satisfiedWith('refused'))).toThrow(expect.objectContaining({ code: JourneyErrorCode.MemberWasReached }));
    const neverReached = actions.closeOutreach(satisfiedWith('not_found'), { actionKey: 'close', outcome: 'unreachable', at: '2030-11-23T10:00:00-08:00' }, NOW);
    expect(neverReached.state.stage).toBe('UNREACHABLE');
  });
});
