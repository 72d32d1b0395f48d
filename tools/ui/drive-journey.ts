/**
 * Drives one journey, through the API, to a state with a breached deadline and open ones: a
 * referral authorized, assigned and accepted four days ago (all acts dated when they happened, as
 * a backfill would), so R-LCM-72H ran out a day ago with no Lead Care Manager named, while
 * R-AUTH-LAPSE runs to the end of the authorization period with its due-soon warning pending.
 * The member is fictitious.
 */
import { randomInt } from 'node:crypto';
import type { UiCheckSystem } from './ui-check-system';

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

async function call(sys: UiCheckSystem, bearer: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sys.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** Answers the member's ID once the journey shows R-LCM-72H breached. */
export async function driveJourney(sys: UiCheckSystem): Promise<string> {
  const plan = await sys.token('plan', 'LA-CARE');
  const provider = await sys.token('provider', 'PROV-ACME');
  const start = Date.now() - 4 * 24 * HOUR - 3 * HOUR;
  const referral = await call(sys, plan, 'POST', '/v1/referrals', {
    referralId: `REF-UI-${Date.now()}`,
    receivedAt: iso(start),
    plan: 'LA-CARE',
    member: {
      cin: `9${String(randomInt(0, 1e7)).padStart(7, '0')}A`,
      name: { given: 'Testa', family: 'Fictitious' },
      dateOfBirth: '1961-04-17',
      language: 'Spanish',
      contact: { phone: '+1-213-555-0100' },
    },
    source: 'community',
    populationsOfFocus: ['1a'],
    expedited: false,
    presumptive: false,
  });
  const memberId = String(referral.memberId);
  await call(sys, plan, 'POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: iso(start + HOUR) });
  await call(sys, plan, 'POST', `/v1/members/${memberId}/assignment`, { providerId: 'PROV-ACME', assignedAt: iso(start + 2 * HOUR) });
  await call(sys, provider, 'POST', `/v1/members/${memberId}/assignment/response`, { response: 'accepted', at: iso(start + 3 * HOUR) });
  for (let i = 0; ; i++) {
    const state = await call(sys, plan, 'GET', `/v1/members/${memberId}`);
    const lcm = (state.deadlines as { key: string; status: string }[]).find((d) => d.key === 'R-LCM-72H');
    if (lcm?.status === 'breached') return memberId;
    if (i > 300) throw new Error(`R-LCM-72H never breached: ${JSON.stringify(state.deadlines)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
