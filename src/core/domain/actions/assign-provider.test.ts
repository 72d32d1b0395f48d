import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { assignProvider, checkProviderAssignment, type ProviderAssignmentInput } from './assign-provider';
import { requestProviderChange } from './request-provider-change';
import { respondToAssignment } from './respond-to-assignment';
import { clockOf, after, allowedOnlyIn, deadlineOf, journeyAt, LATER, MEMBER_ID, ms, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const assign = (assignedAt: string, providerId = 'PROV-ACME'): ProviderAssignmentInput => ({ actionKey: `assign-${assignedAt}`, providerId, assignedAt });
const iso = (t: number) => new Date(t).toISOString();
const assigned = (at: string) => perform(journeyAt('AUTHORIZED'), at, (s, now) => assignProvider(s, assign(at), now));

describe('assignProvider', () => {
  it('R-ASSIGN: a first assignment is allowed only once the member is AUTHORIZED', () => {
    expect(verdictsByStage((s) => checkProviderAssignment(s, assign(LATER), ms(LATER)))).toEqual(allowedOnlyIn(['AUTHORIZED']));
  });

  it('R-ASSIGN is met and R-DECLINE-1BD opens: a Thursday assignment may be declined until the end of Friday', () => {
    const { state, effects, result } = assigned(TIMELINE.assigned);
    expect(result).toEqual({ action: 'assignment', stage: 'ASSIGNED', at: TIMELINE.assigned });
    expect(effects).toEqual([]);
    expect(state.assignment).toEqual({ providerId: 'PROV-ACME', assignedAt: TIMELINE.assigned });
    expect(clockOf(state, 'R-ASSIGN')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: TIMELINE.assigned });
    expect(deadlineOf(state, 'R-DECLINE-1BD')).toMatchObject({ key: 'R-DECLINE-1BD', status: 'open', party: 'provider', startedAt: TIMELINE.assigned, dueAt: '2031-06-06T23:59:59.999-07:00' });
  });

  it('R-DECLINE-1BD counts business days: a Friday assignment runs to the end of Monday, and one before Independence Day skips the holiday', () => {
    expect(deadlineOf(assigned('2031-06-06T10:00:00.000-07:00').state, 'R-DECLINE-1BD')!.dueAt).toBe('2031-06-09T23:59:59.999-07:00');
    expect(deadlineOf(assigned('2031-07-03T10:00:00.000-07:00').state, 'R-DECLINE-1BD')!.dueAt).toBe('2031-07-07T23:59:59.999-07:00');
  });

  it('R-ASSIGN: an assignment at the due instant is met; a millisecond later it is breached, with the late act kept', () => {
    const due = deadlineOf(journeyAt('AUTHORIZED'), 'R-ASSIGN')!.dueAt;
    expect(due).toBe('2031-06-10T23:59:59.999-07:00');
    expect(clockOf(assigned(due).state, 'R-ASSIGN')).toMatchObject({ status: 'met', documentedLate: false });
    expect(deadlineOf(assigned(iso(ms(due) + 1)).state, 'R-ASSIGN')).toMatchObject({ status: 'breached', breachedAt: due, fulfilledAt: '2031-06-11T00:00:00.000-07:00' });
  });

  it('R-ASSIGN: an assignment dated before the authorization is refused as out of order', () => {
    const state = journeyAt('AUTHORIZED');
    expect(verdict(() => checkProviderAssignment(state, assign(iso(ms(TIMELINE.authorized) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
    expect(verdict(() => checkProviderAssignment(state, assign(TIMELINE.authorized), ms(LATER)))).toBe('allowed');
  });

  it('R-DECLINE-1BD: after a decline, the reassignment is dated no earlier than the decline and opens a second decline window', () => {
    const declinedAt = '2031-06-06T09:00:00.000-07:00';
    const declined = after(journeyAt('ASSIGNED'), declinedAt, (s, now) => respondToAssignment(s, { actionKey: 'decline', response: 'declined', reason: 'at_capacity', at: declinedAt }, now));
    expect(verdict(() => checkProviderAssignment(declined, assign(iso(ms(declinedAt) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
    const reassigned = after(declined, '2031-06-06T11:00:00.000-07:00', (s, now) => assignProvider(s, assign('2031-06-06T11:00:00.000-07:00', 'PROV-OTHER'), now));
    expect(reassigned.assignment?.providerId).toBe('PROV-OTHER');
    expect(reassigned.deadlines.filter((d) => d.rule === 'R-DECLINE-1BD').map((d) => [d.key, d.status])).toEqual([
      ['R-DECLINE-1BD', 'met'],
      ['R-DECLINE-1BD#2', 'open'],
    ]);
    expect(reassigned.deadlines.filter((d) => d.rule === 'R-ASSIGN').map((d) => [d.key, d.status])).toEqual([
      ['R-ASSIGN', 'met'],
      ['R-ASSIGN#2', 'met'],
    ]);
  });

  describe('R-PROVIDER-CHANGE-30D: reassignment on the member’s request', () => {
    const requestedAt = TIMELINE.ended;
    const changing = () => after(journeyAt('ACTIVE'), requestedAt, (s, now) => requestProviderChange(s, { actionKey: 'change', requestedAt }, now));

    it('moves the member to the new provider without changing the stage; the old Lead Care Manager’s slot is freed and R-LCM-72H runs again', () => {
      const at = '2031-07-10T10:00:00.000-07:00';
      const before = changing();
      const { state, effects, result } = perform(before, at, (s, now) => assignProvider(s, assign(at, 'PROV-NEW'), now));
      expect(result).toEqual({ action: 'assignment', stage: 'ACTIVE', at });
      expect(state.assignment).toEqual({ providerId: 'PROV-NEW', assignedAt: at, response: { response: 'accepted', at } });
      expect(state.pastAssignments.at(-1)?.providerId).toBe('PROV-ACME');
      expect(state.leadCareManager).toBeUndefined();
      expect(state.providerChangeRequestedAt).toBeUndefined();
      expect(clockOf(state, 'R-PROVIDER-CHANGE-30D')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: at });
      expect(deadlineOf(state, 'R-LCM-72H')).toMatchObject({ key: 'R-LCM-72H#2', status: 'open', startedAt: at, dueAt: '2031-07-13T10:00:00.000-07:00' });
      expect(effects).toEqual([{ kind: 'caseload_release', careManagerId: 'LCM-0001', reason: 'provider changed', at }]);
      expect(state.memberId).toBe(MEMBER_ID);
    });

    it('is met at the end of the 30th calendar day after the request and breached a millisecond later', () => {
      const due = deadlineOf(changing(), 'R-PROVIDER-CHANGE-30D')!.dueAt;
      expect(due).toBe('2031-07-31T23:59:59.999-07:00');
      const reassign = (at: string) => clockOf(after(changing(), at, (s, now) => assignProvider(s, assign(at, 'PROV-NEW'), now)), 'R-PROVIDER-CHANGE-30D');
      expect(reassign(due)).toMatchObject({ status: 'met', documentedLate: false });
      expect(reassign(iso(ms(due) + 1))).toMatchObject({ status: 'breached', breachedAt: due });
    });

    it('refuses a reassignment dated before the member asked, and one in a stage with no provider', () => {
      expect(verdict(() => checkProviderAssignment(changing(), assign(iso(ms(requestedAt) - 1)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
      expect(verdict(() => checkProviderAssignment({ ...journeyAt('DISCONTINUED'), providerChangeRequestedAt: requestedAt }, assign(LATER), ms(LATER)))).toBe(JourneyErrorCode.WrongStage);
    });
  });
});
