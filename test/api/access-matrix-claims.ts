/** The access matrix's state and calls for issue 13's claims routes. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { localDateOf } from '../../src/core/calendar';
import { inOutreach } from '../support/journey-driver';
import { iso } from '../support/journey-test';
import type { TestSystem } from '../support/test-system';

/** What a call of these routes needs: the served member and the service month. */
export interface ClaimsTarget {
  readonly memberId?: string;
  readonly month?: string;
  readonly claimId?: string;
}

let lcm = 0;

/** A member of the own provider (PROV-ACME) with a service this month, its claims clock running. */
export const claimsStates = {
  served: async (sys: TestSystem): Promise<ClaimsTarget> => {
    const at = iso(await sys.now());
    const memberId = await inOutreach(sys, at, `LCM-CLAIMS-${++lcm}`);
    const res = await sys.request('POST', `/v1/members/${memberId}/services`, { at, minutes: 90, service: 'care_coordination', inPerson: true, providedBy: 'LCM-1' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const month = localDateOf(Date.parse(at), 'America/Los_Angeles').slice(0, 7);
    const opened = async () => (await sys.pool.query('SELECT 1 FROM claims_months WHERE plan = $1 AND provider_id = $2 AND service_month = $3', ['LA-CARE', 'PROV-ACME', month])).rowCount;
    await expect.poll(opened, { timeout: 15_000 }).toBe(1);
    return { memberId, month };
  },
  /** Served, and the month's claim submitted by the own provider. */
  claimed: async (sys: TestSystem): Promise<ClaimsTarget> => {
    const target = await claimsStates.served(sys);
    const res = await sys.request('POST', '/v1/claims/submissions', { plan: 'LA-CARE', month: target.month, memberIds: [target.memberId], submittedAt: iso(await sys.now()), batchId: `B-${randomUUID().slice(0, 8)}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { ...target, claimId: (res.body.claimIds as string[])[0] };
  },
} as const;

const monthOf = (t: ClaimsTarget) => t.month ?? '2031-01';

/** Each route from a served member: the own provider's (and, for the reads, the own plan's). */
export const CLAIMS_FIXTURES = {
  submitClaims: {
    from: 'served',
    call: (t: ClaimsTarget, at: string) => ({ path: '/v1/claims/submissions', body: { plan: 'LA-CARE', month: monthOf(t), memberIds: [t.memberId], submittedAt: at, batchId: `B-${randomUUID().slice(0, 8)}` } }),
  },
  listClaimsMonths: { from: 'served', call: (t: ClaimsTarget) => ({ path: `/v1/claims/months?provider=PROV-ACME&month=${monthOf(t)}` }) },
  getClaimLines: { from: 'served', call: (t: ClaimsTarget) => ({ path: `/v1/claims?provider=PROV-ACME&month=${monthOf(t)}` }) },
  getClaimsTimeliness: { from: 'served', call: (_t: ClaimsTarget, at: string) => ({ path: `/v1/claims/timeliness?provider=PROV-ACME&from=${at.slice(0, 10)}&to=${at.slice(0, 10)}` }) },
  adjudicateClaim: {
    from: 'claimed',
    call: (t: ClaimsTarget, at: string) => ({ path: `/v1/claims/${t.claimId ?? `clm_${'0'.repeat(32)}`}/adjudication`, body: { outcome: 'paid', receivedAt: at, paidAt: at } }),
  },
} as const;
