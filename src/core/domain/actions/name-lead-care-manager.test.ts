import { describe, expect, it } from 'vitest';
import { JourneyErrorCode } from '../errors';
import { caseloadReservationKey, checkLeadCareManager, nameLeadCareManager, type LeadCareManagerInput } from './name-lead-care-manager';
import { PROVIDER_STAGES } from './request-provider-change';
import { respondToAssignment } from './respond-to-assignment';
import { clockOf, after, allowedOnlyIn, deadlineOf, HOUR, inPacific, journeyAt, LATER, MEMBER_ID, MINUTE, ms, perform, TIMELINE, verdict, verdictsByStage } from './testing/journey-at';

const name = (at: string, careManagerId = 'LCM-0001'): LeadCareManagerInput => ({ actionKey: `name-${at}`, careManagerId, at });
const iso = inPacific;
const accepted = () => after(journeyAt('ASSIGNED'), TIMELINE.accepted, (s, now) => respondToAssignment(s, { actionKey: 'accept', response: 'accepted', at: TIMELINE.accepted }, now));
/** `minutes` after the acceptance that started R-LCM-72H. */
const sinceAcceptance = (minutes: number) => iso(ms(TIMELINE.accepted) + minutes * MINUTE);

describe('nameLeadCareManager', () => {
  it('R-LCM-72H: a Lead Care Manager can be named in any stage with a provider', () => {
    expect(verdictsByStage((s) => checkLeadCareManager(s, name(LATER), ms(LATER)))).toEqual(allowedOnlyIn(PROVIDER_STAGES));
  });

  it('R-LCM-72H: named at 71:59 after acceptance is met; at exactly 72:00 too', () => {
    for (const minutes of [71 * 60 + 59, 72 * 60]) {
      const state = after(accepted(), sinceAcceptance(minutes), (s, now) => nameLeadCareManager(s, name(sinceAcceptance(minutes)), now));
      expect(clockOf(state, 'R-LCM-72H')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: sinceAcceptance(minutes) });
    }
  });

  it('R-LCM-72H: named at 72:01 the timer has fired first: breached at 72:00, the late naming kept, outreach begins anyway', () => {
    const state = after(accepted(), sinceAcceptance(72 * 60 + 1), (s, now) => nameLeadCareManager(s, name(sinceAcceptance(72 * 60 + 1)), now));
    expect(deadlineOf(state, 'R-LCM-72H')).toMatchObject({ status: 'breached', breachedAt: '2031-06-08T15:00:00.000-07:00', fulfilledAt: sinceAcceptance(72 * 60 + 1) });
    expect(state.stage).toBe('OUTREACH');
  });

  it('R-LCM-72H, judged by act time (ECM-RULES §1): a naming dated 71:59 but documented after the alarm is met and the alarm withdrawn', () => {
    const documentedAt = sinceAcceptance(80 * 60);
    const { state, effects } = perform(accepted(), documentedAt, (s, now) => nameLeadCareManager(s, name(sinceAcceptance(71 * 60 + 59)), now));
    expect(deadlineOf(state, 'R-LCM-72H')).toMatchObject({ status: 'met', documentedLate: true, documentedAt });
    expect(effects).toEqual([
      { kind: 'caseload_confirm', reservationKey: `${MEMBER_ID}:name-${sinceAcceptance(71 * 60 + 59)}` },
      { kind: 'escalation_withdrawn', deadline: deadlineOf(state, 'R-LCM-72H') },
    ]);
  });

  it('R-OUTREACH-30D starts with the first naming: OUTREACH, to the end of the 30th calendar day; R-CASELOAD-50: the reserved slot is confirmed', () => {
    const at = TIMELINE.leadCareManagerNamed;
    const { state, effects, result } = perform(accepted(), at, (s, now) => nameLeadCareManager(s, name(at), now));
    expect(result).toEqual({ action: 'lead-care-manager', stage: 'OUTREACH', at });
    expect(state.leadCareManager).toEqual({ careManagerId: 'LCM-0001', providerId: 'PROV-ACME', namedAt: at });
    expect(state.outreachStartedAt).toBe(at);
    expect(state.outreachAttempts).toEqual([]);
    expect(deadlineOf(state, 'R-OUTREACH-30D')).toMatchObject({ status: 'open', startedAt: at, dueAt: '2031-07-06T23:59:59.999-07:00' });
    expect(effects).toEqual([{ kind: 'caseload_confirm', reservationKey: caseloadReservationKey(MEMBER_ID, name(at).actionKey) }]);
    expect(caseloadReservationKey(MEMBER_ID, 'k1')).toBe(`${MEMBER_ID}:k1`);
  });

  it('R-DECLINE-1BD: naming before answering is an acceptance at that instant, which meets the window and R-LCM-72H together', () => {
    const at = '2031-06-05T12:00:00.000-07:00';
    const state = after(journeyAt('ASSIGNED'), at, (s, now) => nameLeadCareManager(s, name(at), now));
    expect(state.assignment?.response).toEqual({ response: 'accepted', at });
    expect(clockOf(state, 'R-DECLINE-1BD')).toMatchObject({ status: 'met', documentedLate: false, fulfilledAt: at });
    expect(clockOf(state, 'R-LCM-72H')).toMatchObject({ status: 'met', documentedLate: false, startedAt: at, fulfilledAt: at });
  });

  it('R-LCM-72H, judged by act time: a naming dated inside the decline window that silence closed counts from that naming', () => {
    const datedAt = '2031-06-06T16:00:00.000-07:00';
    const state = after(journeyAt('ASSIGNED'), '2031-06-09T12:00:00.000-07:00', (s, now) => nameLeadCareManager(s, name(datedAt), now));
    expect(deadlineOf(state, 'R-DECLINE-1BD')).toMatchObject({ status: 'met', documentedLate: true });
    expect(clockOf(state, 'R-LCM-72H')).toMatchObject({ status: 'met', documentedLate: false, startedAt: datedAt, fulfilledAt: datedAt });
  });

  it('R-ONE-LCM: naming another Lead Care Manager later replaces the first; stage and deadlines stay', () => {
    const before = journeyAt('ENROLLED');
    const { state, effects } = perform(before, LATER, (s, now) => nameLeadCareManager(s, name(LATER, 'LCM-0002'), now));
    expect(state.leadCareManager).toEqual({ careManagerId: 'LCM-0002', providerId: 'PROV-ACME', namedAt: LATER });
    expect(state.stage).toBe('ENROLLED');
    expect(state.outreachStartedAt).toBe(before.outreachStartedAt);
    expect(effects).toEqual([{ kind: 'caseload_confirm', reservationKey: `${MEMBER_ID}:name-${LATER}` }]);
  });

  it('R-LCM-72H: a naming dated before the assignment was sent is out of order', () => {
    expect(verdict(() => checkLeadCareManager(accepted(), name(iso(ms(TIMELINE.assigned) - HOUR)), ms(LATER)))).toBe(JourneyErrorCode.TimestampOutOfOrder);
  });
});
