/**
 * Generated journeys for the live-versus-backfilled property (ECM-RULES §1): a plan of acts with
 * random timing, some on time and some late, in the order they happened, shared by the pure-domain
 * property test and the end-to-end one.
 */
import fc from 'fast-check';

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;

/** One act: the API path it is posted to (under /v1/members/:memberId) and its body. */
export interface Act {
  readonly at: number;
  readonly kind: 'authorization' | 'assignment' | 'assignment-response' | 'lead-care-manager' | 'outreach-attempt' | 'enrollment' | 'assessment-start' | 'assessment-complete' | 'care-plan';
  readonly path: string;
  readonly body: Record<string, unknown>;
}

const METHODS = ['phone', 'text', 'email', 'mail', 'in_person', 'street_outreach', 'partner_follow_up'] as const;

/** Delays in minutes; a wide range crosses every turnaround on either side. */
const plan = fc.record({
  decide: fc.integer({ min: 0, max: 12 * 1_440 }),
  assign: fc.integer({ min: 0, max: 9 * 1_440 }),
  answer: fc.option(fc.integer({ min: 0, max: 4 * 1_440 }), { nil: undefined }),
  name: fc.integer({ min: 0, max: 5 * 1_440 }),
  attempts: fc.array(fc.record({ after: fc.integer({ min: 1, max: 9 * 1_440 }), method: fc.constantFrom(...METHODS) }), { maxLength: 6 }),
  enroll: fc.integer({ min: 0, max: 40 * 1_440 }),
  assessStart: fc.integer({ min: 0, max: 40 * 1_440 }),
  carePlan: fc.integer({ min: 0, max: 20 * 1_440 }),
  assessComplete: fc.integer({ min: 0, max: 70 * 1_440 }),
});

/** The acts of one journey whose referral arrives at `receivedMs`, in the order they happened. */
export function actsOf(p: PlanValue, receivedMs: number): Act[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const acts: Act[] = [];
  let t = receivedMs + p.decide * MINUTE;
  acts.push({ at: t, kind: 'authorization', path: '/authorization', body: { decision: 'approved', decidedAt: iso(t) } });
  t += p.assign * MINUTE;
  const assignedAt = t;
  acts.push({ at: t, kind: 'assignment', path: '/assignment', body: { providerId: 'PROV-ACME', assignedAt: iso(t) } });
  if (p.answer !== undefined) {
    t += p.answer * MINUTE;
    acts.push({ at: t, kind: 'assignment-response', path: '/assignment/response', body: { response: 'accepted', at: iso(t) } });
  }
  t = Math.max(t, assignedAt) + p.name * MINUTE;
  acts.push({ at: t, kind: 'lead-care-manager', path: '/lead-care-manager', body: { careManagerId: 'LCM-PROP', at: iso(t) } });
  for (const a of p.attempts) {
    t += a.after * MINUTE;
    acts.push({ at: t, kind: 'outreach-attempt', path: '/outreach-attempts', body: { at: iso(t), method: a.method, result: 'no_answer', minutes: 10 } });
  }
  t += p.enroll * MINUTE;
  acts.push({ at: t, kind: 'enrollment', path: '/enrollment', body: { consent: 'verbal', recordedBy: 'LCM-PROP', at: iso(t) } });
  t += p.assessStart * MINUTE;
  const started = t;
  acts.push({ at: t, kind: 'assessment-start', path: '/assessment', body: { action: 'start', at: iso(t) } });
  const carePlanAt = started + p.carePlan * MINUTE;
  const completeAt = started + p.assessComplete * MINUTE;
  acts.push({
    at: carePlanAt,
    kind: 'care-plan',
    path: '/care-plan',
    body: {
      at: iso(carePlanAt),
      goals: [
        { description: 'Stable housing', measure: 'Signed lease', targetDate: iso(carePlanAt + 200 * DAY).slice(0, 10) },
        { description: 'Diabetes control', measure: 'HbA1c below 8%', targetDate: iso(carePlanAt + 120 * DAY).slice(0, 10) },
      ],
      problems: ['Homelessness'],
      interventions: ['Housing navigation referral'],
      barriers: ['No phone'],
      acuity: 'medium',
    },
  });
  acts.push({ at: completeAt, kind: 'assessment-complete', path: '/assessment', body: { action: 'complete', at: iso(completeAt) } });
  // Stable: a care plan and a completion at the same instant keep the order above.
  return acts.map((a, i) => ({ a, i })).sort((x, y) => x.a.at - y.a.at || x.i - y.i).map(({ a }) => a);
}

/** The plan's values. */
export type PlanValue = {
  readonly decide: number;
  readonly assign: number;
  readonly answer: number | undefined;
  readonly name: number;
  readonly attempts: readonly { readonly after: number; readonly method: (typeof METHODS)[number] }[];
  readonly enroll: number;
  readonly assessStart: number;
  readonly carePlan: number;
  readonly assessComplete: number;
};

/** Generated journey plans. */
export const journeyPlans: fc.Arbitrary<PlanValue> = plan;

/** What the property compares: every deadline's status and act, by key; documentation differs only. */
export function judged(deadlines: readonly { readonly key: string; readonly status: string; readonly fulfilledAt?: string; readonly dueAt: string }[]) {
  return Object.fromEntries(
    [...deadlines]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((d) => [d.key, { status: d.status, dueAt: Date.parse(d.dueAt), fulfilledAt: d.fulfilledAt === undefined ? undefined : Date.parse(d.fulfilledAt) }]),
  );
}
