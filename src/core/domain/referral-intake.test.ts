import { describe, expect, it } from 'vitest';
import { POPULATION_OF_FOCUS_CODES } from '../eligibility';
import { CLOCK_SKEW_ALLOWANCE_MS } from './actions/action-support';
import {
  bornAfter,
  needsPopulationOfFocus,
  presumptiveNamesProvider,
  presumptiveNotOffered,
  receivedInFuture,
  REFERRAL_POPULATIONS_OF_FOCUS,
  turns21,
} from './referral-intake';

const LA = 'America/Los_Angeles';

describe('referral intake rules', () => {
  it('ECM-RULES §4: a referral names the Populations of Focus the eligibility engine judges, one list for both', () => {
    expect(REFERRAL_POPULATIONS_OF_FOCUS).toBe(POPULATION_OF_FOCUS_CODES);
    expect(REFERRAL_POPULATIONS_OF_FOCUS).toEqual(['1a', '1b', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('R-CONTINUITY: only a continuity-of-care referral may name no Population of Focus', () => {
    expect(needsPopulationOfFocus('continuity_of_care')).toBe(false);
    for (const source of ['community', 'provider', 'self', 'mif'] as const) expect(needsPopulationOfFocus(source)).toBe(true);
  });

  it('R-AUTH-PRESUMPTIVE: a presumptive referral names its provider, and is refused by a plan that does not offer presumptive authorization', () => {
    expect(presumptiveNamesProvider({ presumptive: true })).toBe(false);
    expect(presumptiveNamesProvider({ presumptive: true, providerId: '' })).toBe(false);
    expect(presumptiveNamesProvider({ presumptive: true, providerId: 'PRV-1' })).toBe(true);
    expect(presumptiveNamesProvider({ presumptive: false })).toBe(true);
    expect(presumptiveNotOffered(true, { presumptiveAuthorization: false })).toBe(true);
    expect(presumptiveNotOffered(true, { presumptiveAuthorization: true })).toBe(false);
    expect(presumptiveNotOffered(false, { presumptiveAuthorization: false })).toBe(false);
  });

  it('ECM-RULES §1: receivedAt may run ahead of the clock by exactly the skew allowance, not a millisecond more', () => {
    const now = Date.parse('2030-11-13T17:00:00.000Z');
    expect(receivedInFuture(now + CLOCK_SKEW_ALLOWANCE_MS, now)).toBe(false);
    expect(receivedInFuture(now + CLOCK_SKEW_ALLOWANCE_MS + 1, now)).toBe(true);
  });

  it('a date of birth may be the referral day itself, never the day after', () => {
    expect(bornAfter('2030-11-13', '2030-11-13')).toBe(false);
    expect(bornAfter('2030-11-14', '2030-11-13')).toBe(true);
  });

  it('R-AGE-21: the move to adult criteria is the first of the month after the 21st birthday, and none when already 21', () => {
    const received = Date.parse('2030-11-13T09:00:00.000-08:00');
    expect(turns21('2010-03-15', received, LA)).toEqual({ turns21On: '2031-04-01' });
    expect(turns21('2010-12-15', received, LA)).toEqual({ turns21On: '2032-01-01' });
    // Turning 21 on the referral's own local day: already an adult.
    expect(turns21('2009-11-13', received, LA)).toEqual({});
    // The day after: still under 21, moves on the first of December.
    expect(turns21('2009-11-14', received, LA)).toEqual({ turns21On: '2030-12-01' });
  });

  it('R-AGE-21: the referral day is the plan zone\'s local day, not UTC\'s', () => {
    // 2030-11-14T02:00Z is still 13 November in Los Angeles: a member born 2009-11-14 is not 21 there yet.
    expect(turns21('2009-11-14', Date.parse('2030-11-14T02:00:00.000Z'), LA)).toEqual({ turns21On: '2030-12-01' });
    expect(turns21('2009-11-14', Date.parse('2030-11-14T02:00:00.000Z'), 'UTC')).toEqual({});
  });

  it('R-AGE-21: a 29 February child turns 21 on 1 March of a common year, and moves to adult criteria that day', () => {
    // A leap year plus 21 is never a leap year: the 21st birthday is always 1 March, which is also
    // the first of the month after February.
    expect(turns21('2012-02-29', Date.parse('2033-02-28T12:00:00.000-08:00'), LA)).toEqual({ turns21On: '2033-03-01' });
    expect(turns21('2012-02-29', Date.parse('2033-03-01T12:00:00.000-08:00'), LA)).toEqual({});
  });
});
