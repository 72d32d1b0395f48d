/**
 * Walks one journey through the API like a client on a bad network: each step is planned once
 * (body, Idempotency-Key), sometimes sent as 2–3 concurrent duplicates, and retried until
 * acknowledged or refused. The journey stops at its first step that is not acknowledged.
 */
import { issueToken } from '../../src/infra/auth/issue-token';
import type { Principal } from '../../src/infra/auth/principal';
import type { TokenSettings } from '../../src/infra/auth/token-settings';
import { deliver, type Delivery } from './acknowledged-request';
import { actionSteps, referralStep, type JourneyStep } from './journey-plan';

/** A step the API acknowledged, with the key its effect is recorded under. */
export interface AcknowledgedStep {
  readonly step: JourneyStep;
  /** `journey_events.event_key` of its effect. */
  readonly eventKey: string;
}

/** What one journey's client saw. */
export interface JourneyRun {
  readonly index: number;
  memberId?: string;
  readonly acknowledged: AcknowledgedStep[];
  /** Steps refused (4xx) or never answered: the journey stopped there. */
  stoppedAt?: { readonly step: string; readonly outcome: Delivery['outcome']; readonly status?: number; readonly code?: string };
  /** Duplicates of one step answered differently (one acknowledged, another refused). */
  readonly disagreements: string[];
}

export interface JourneyClientOptions {
  readonly apiUrl: string;
  readonly tokens: Extract<TokenSettings, { kind: 'secret' }>;
  readonly run: string;
  readonly duplicateRate: number;
  readonly paceMs: number;
  readonly requestTimeoutMs: number;
  readonly giveUpAfterMs: number;
}

const tokenCache = new Map<string, Promise<string>>();
function tokenFor(settings: JourneyClientOptions['tokens'], principal: Principal): Promise<string> {
  const key = `${principal.role}:${principal.organisation}`;
  let token = tokenCache.get(key);
  if (!token) tokenCache.set(key, (token = issueToken(settings, { ...principal, lifetimeSeconds: 6 * 3600 })));
  return token;
}

/** Runs journey `index` to its end, or to the first step not acknowledged. */
export async function runJourney(index: number, options: JourneyClientOptions): Promise<JourneyRun> {
  const result: JourneyRun = { index, acknowledged: [], disagreements: [] };
  const referral = referralStep(options.run, index);
  const first = await send(referral, `${options.apiUrl}${referral.path}`, undefined, options, result);
  if (first?.outcome !== 'acknowledged') return result;
  result.memberId = (first.body as { memberId: string }).memberId;
  // The journey's opening event is recorded under this key (see the workflow's referral write).
  result.acknowledged.push({ step: referral, eventKey: 'referral-received' });
  for (const [n, plan] of actionSteps(index).entries()) {
    await new Promise((resolve) => setTimeout(resolve, options.paceMs));
    const step = plan();
    const key = `chaos-${options.run}-${index}-${n}-${step.name}`;
    const delivery = await send(step, `${options.apiUrl}/v1/members/${result.memberId}${step.path}`, key, options, result);
    if (delivery?.outcome !== 'acknowledged') return result;
    result.acknowledged.push({ step, eventKey: key });
  }
  return result;
}

/** Sends a step once, or as concurrent duplicates; the first acknowledgement wins. */
async function send(step: JourneyStep, url: string, idempotencyKey: string | undefined, options: JourneyClientOptions, result: JourneyRun): Promise<Delivery | undefined> {
  const headers = { authorization: `Bearer ${await tokenFor(options.tokens, step.as)}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) };
  const copies = Math.random() < options.duplicateRate ? 2 + Math.floor(Math.random() * 2) : 1;
  const deliveries = await Promise.all(
    Array.from({ length: copies }, () => deliver({ method: 'POST', url, headers, body: step.body }, { requestTimeoutMs: options.requestTimeoutMs, giveUpAfterMs: options.giveUpAfterMs })),
  );
  const acknowledged = deliveries.find((d) => d.outcome === 'acknowledged');
  if (acknowledged && deliveries.some((d) => d.outcome === 'refused')) {
    const refused = deliveries.find((d) => d.outcome === 'refused') as Extract<Delivery, { outcome: 'refused' }>;
    result.disagreements.push(`${step.name}: a duplicate was refused ${refused.status} ${codeOf(refused.body) ?? ''}`.trim());
  }
  if (acknowledged) return acknowledged;
  const final = deliveries[0]!;
  result.stoppedAt = { step: step.name, outcome: final.outcome, ...(final.outcome !== 'unresolved' ? { status: final.status, ...(codeOf(final.body) ? { code: codeOf(final.body)! } : {}) } : {}) };
  return final;
}

function codeOf(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'code' in body ? String((body).code) : undefined;
}
