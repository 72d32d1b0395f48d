/**
 * Our side, driven only through the public HTTP API as a plan and a provider would: referrals,
 * the Lead Care Manager naming that opens outreach, and outreach attempts (a cheap action).
 */
import { issueToken } from '../../src/infra/auth/issue-token';
import type { TokenSettings } from '../../src/infra/auth/token-settings';
import { referralBody } from './referral-data';

export const BENCH_PLAN = 'LA-CARE';
export const BENCH_PROVIDER = 'PROV-ACME';
const HOURS_72 = 72 * 3_600_000;

export interface OurSide {
  /** Posts a referral; resolves the member ID. `presumptive` journeys start ASSIGNED with R-LCM-72H running from `receivedAtMs`. */
  refer(n: number, opts?: { readonly presumptive?: boolean; readonly receivedAtMs?: number }): Promise<string>;
  /** A presumptive referral whose R-LCM-72H falls due at `dueMs`. */
  referDueAt(n: number, dueMs: number): Promise<string>;
  /** Names a Lead Care Manager: the journey is in OUTREACH and takes outreach attempts. */
  openOutreach(memberId: string, n: number): Promise<void>;
  /** One outreach attempt: the action whose round trip is measured. */
  act(memberId: string, key: string): Promise<void>;
}

export async function ourSide(apiUrl: string, tokens: TokenSettings): Promise<OurSide> {
  if (tokens.kind !== 'secret') throw new Error('the bench signs its own tokens: run it without ECM_JWT_JWKS_URL');
  const plan = `Bearer ${await issueToken(tokens, { subject: 'bench-plan', role: 'plan', organisation: BENCH_PLAN, lifetimeSeconds: 24 * 3600 })}`;
  const provider = `Bearer ${await issueToken(tokens, { subject: 'bench-provider', role: 'provider', organisation: BENCH_PROVIDER, lifetimeSeconds: 24 * 3600 })}`;
  /**
   * A 503 (Temporal busy past its deadline) is retried with the same request, as a client would;
   * so is a 404 when `until404` is given: a provider sees a member only once the journey's
   * assignment reached the care record, which the worker writes after the referral is answered.
   */
  const post = async (path: string, authorization: string, body: unknown, key?: string, until404 = 0): Promise<unknown> => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${apiUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization, ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify(body),
      });
      const answer: unknown = await res.json().catch(() => undefined);
      if (res.ok) return answer;
      if (res.status === 404 && Date.now() < until404) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      if (res.status !== 503 || attempt >= 5) throw new Error(`POST ${path.replace(/mbr_[A-Za-z0-9_-]+/, 'mbr_…')} answered ${res.status} ${JSON.stringify((answer as { code?: string } | undefined)?.code)}`);
    }
  };
  const refer: OurSide['refer'] = async (n, opts = {}) => {
    const body = referralBody(n, { receivedAtMs: opts.receivedAtMs ?? Date.now(), ...(opts.presumptive ? { presumptiveBy: BENCH_PROVIDER } : {}) });
    return ((await post('/v1/referrals', plan, body)) as { memberId: string }).memberId;
  };
  return {
    refer,
    referDueAt: (n, dueMs) => refer(n, { presumptive: true, receivedAtMs: dueMs - HOURS_72 }),
    async openOutreach(memberId, n) {
      // One Lead Care Manager per journey: R-CASELOAD-50 is not what is measured.
      await post(`/v1/members/${memberId}/lead-care-manager`, provider, { careManagerId: `LCM-BENCH-${n}`, at: new Date().toISOString() }, `bench-lcm-${n}`, Date.now() + 120_000);
    },
    async act(memberId, key) {
      await post(`/v1/members/${memberId}/outreach-attempts`, provider, { at: new Date().toISOString(), method: 'phone', result: 'no_answer', minutes: 5 }, key);
    },
  };
}
