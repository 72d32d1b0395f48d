import { describe, expect, it } from 'vitest';
import { defaultPlanPolicy } from '../plan-policy';
import { JourneyErrorCode } from '../errors';
import type { JourneyState } from '../journey-state';
import { assignProvider, checkProviderAssignment, type ProviderAssignmentInput } from './assign-provider';
import { recordBehavioralHealthProvider } from './record-behavioral-health-provider';
import { requestProviderChange } from './request-provider-change';
import { respondToAssignment } from './respond-to-assignment';
import { startJourney } from './start-journey';
import { after, journeyAt, LATER, MEMBER_ID, ms, TIMELINE, verdict } from './testing/journey-at';

const COUNTY = 'PROV-COUNTY-BH';
const assign = (providerId: string, assignedAt = LATER): ProviderAssignmentInput => ({ actionKey: `assign-${providerId}`, providerId, assignedAt });
const preference = { documentedAt: TIMELINE.authorized, reason: 'member wants a provider near their work' };

/** An AUTHORIZED journey after the plan recorded the member's county behavioural-health provider. */
function authorizedWith(contractedEcmProvider: boolean, memberPrefersOtherProvider?: typeof preference): JourneyState {
  const at = TIMELINE.authorized;
  return after(journeyAt('AUTHORIZED'), at, (s, now) =>
    recordBehavioralHealthProvider(s, { actionKey: 'bh', providerId: COUNTY, contractedEcmProvider, ...(memberPrefersOtherProvider ? { memberPrefersOtherProvider } : {}), at }, now),
  );
}

const check = (state: JourneyState, providerId: string, at = LATER) => verdict(() => checkProviderAssignment(state, assign(providerId, at), ms(LATER)));

describe('R-BH-ASSIGN at assignment', () => {
  it('R-BH-ASSIGN: a member whose county behavioural-health provider is a contracted ECM provider may not be assigned elsewhere without a documented preference', () => {
    const state = authorizedWith(true);
    expect(check(state, 'PROV-ACME')).toBe(JourneyErrorCode.BehavioralHealthProviderRequired);
    expect(() => checkProviderAssignment(state, assign('PROV-ACME'), ms(LATER))).toThrow(/R-BH-ASSIGN: the member is to be assigned to PROV-COUNTY-BH/);
    expect(() => assignProvider(state, assign('PROV-ACME'), ms(LATER))).toThrow(/R-BH-ASSIGN/);
  });

  it('R-BH-ASSIGN: the assignment to the county behavioural-health provider itself is allowed and made', () => {
    const state = authorizedWith(true);
    expect(check(state, COUNTY)).toBe('allowed');
    expect(assignProvider(state, assign(COUNTY), ms(LATER)).state.assignment).toMatchObject({ providerId: COUNTY, assignedAt: LATER });
  });

  it('R-BH-ASSIGN: with the member’s documented preference for another provider, the assignment elsewhere is allowed', () => {
    const state = authorizedWith(true, preference);
    expect(state.countyBehavioralHealthProvider?.memberPrefersOtherProvider).toEqual(preference);
    expect(check(state, 'PROV-ACME')).toBe('allowed');
    expect(assignProvider(state, assign('PROV-ACME'), ms(LATER)).state.assignment?.providerId).toBe('PROV-ACME');
  });

  it('R-BH-ASSIGN does not bind when the county behavioural-health provider is not a contracted ECM provider, nor when none is named', () => {
    expect(check(authorizedWith(false), 'PROV-ACME')).toBe('allowed');
    expect(check(journeyAt('AUTHORIZED'), 'PROV-ACME')).toBe('allowed');
  });

  it('R-BH-ASSIGN: once the county provider has declined the member for capacity (R-DECLINE-1BD), the plan may assign another', () => {
    const assignedAt = '2031-06-05T10:00:00.000-07:00';
    const declinedAt = '2031-06-05T15:00:00.000-07:00';
    const assigned = after(authorizedWith(true), assignedAt, (s, now) => assignProvider(s, assign(COUNTY, assignedAt), now));
    const declined = after(assigned, declinedAt, (s, now) => respondToAssignment(s, { actionKey: 'decline', response: 'declined', reason: 'at_capacity', at: declinedAt }, now));
    expect(declined.stage).toBe('AUTHORIZED');
    expect(check(declined, 'PROV-ACME')).toBe('allowed');
  });

  it('R-BH-ASSIGN: a reassignment the member asked for (R-PROVIDER-CHANGE-30D) is the member’s own preference and is not refused', () => {
    const active = { ...journeyAt('ACTIVE'), countyBehavioralHealthProvider: authorizedWith(true).countyBehavioralHealthProvider! };
    const changing = after(active, TIMELINE.ended, (s, now) => requestProviderChange(s, { actionKey: 'change', requestedAt: TIMELINE.ended }, now));
    expect(check(changing, 'PROV-NEW')).toBe('allowed');
  });

  it('R-BH-ASSIGN: a referral that names the provider binds the first assignment, its instants kept in the plan’s time', () => {
    const state = startJourney({
      memberId: MEMBER_ID,
      policy: defaultPlanPolicy('LA-CARE'),
      referral: { referralKey: 'ref_bh', receivedAt: '2031-06-03T16:00:00.000Z', source: 'community', expedited: false, presumptive: false, populationsOfFocus: ['3a'] },
      countyBehavioralHealthProvider: { providerId: COUNTY, contractedEcmProvider: true },
    });
    expect(state.countyBehavioralHealthProvider).toEqual({ providerId: COUNTY, contractedEcmProvider: true, recordedAt: TIMELINE.received });
  });
});
