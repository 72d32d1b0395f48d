/**
 * Lists answer instants in the member's plan zone, as the member's detail does (ECM-RULES §1: time
 * is counted in the plan's zone), so a list row and the journey it links to never disagree.
 */
import { describe, expect, it } from 'vitest';
import { eventually, referAt, stateOf, useJourneySystem } from '../support/journey-test';

// A Wednesday; five business days on is the end of Wednesday 2030-11-20 (no holiday between).
const NY_AT = '2030-11-13T09:00:00.000-05:00';
const LA_AT = '2030-11-13T09:00:00.000-08:00';

describe('GET /v1/members instants', () => {
  const { sys } = useJourneySystem({ plans: { 'NY-PLAN': { timeZone: 'America/New_York' } } });

  async function listed(plan: string, memberId: string) {
    return eventually(async () => {
      const res = await sys().request('GET', `/v1/members?plan=${plan}`);
      expect(res.status).toBe(200);
      const row = res.body.members.find((m: { memberId: string }) => m.memberId === memberId);
      expect(row?.nextDeadline).toBeDefined();
      return row;
    });
  }

  it('R-AUTH-ROUTINE: a list row answers receipt and next deadline in the plan zone, equal to the detail', async () => {
    const ny = await referAt(sys(), NY_AT, { plan: 'NY-PLAN' });
    const la = await referAt(sys(), LA_AT);
    const cases = [
      { plan: 'NY-PLAN', memberId: ny, receivedAt: NY_AT, dueAt: '2030-11-20T23:59:59.999-05:00' },
      { plan: 'LA-CARE', memberId: la, receivedAt: LA_AT, dueAt: '2030-11-20T23:59:59.999-08:00' },
    ];
    for (const { plan, memberId, receivedAt, dueAt } of cases) {
      const row = await listed(plan, memberId);
      expect(row.referralReceivedAt).toBe(receivedAt);
      expect(row.nextDeadline.dueAt).toBe(dueAt);
      const detail = await stateOf(sys(), memberId);
      const same = detail.deadlines.find((d: { rule: string }) => d.rule === row.nextDeadline.rule);
      expect(same.dueAt).toBe(row.nextDeadline.dueAt);
    }
  });
});
