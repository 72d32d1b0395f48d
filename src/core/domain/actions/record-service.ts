/**
 * Issue 13: an ECM service and its time (R-PAY-6U). The journey keeps only the units per
 * member-month and date; the care record keeps the service itself (`ecm_services`), from which
 * claim lines are made, and the service's projection starts the provider-month's R-CLAIMS-60D clock.
 */
import { localDateOf } from '../../calendar';
import { CORE_SERVICES, unitsOf, type CoreService } from '../../billing/service-units';
import { withServiceUnits } from '../../billing/service-month';
import { billingPolicyOf } from '../plan-policy';
import type { JourneyState } from '../journey-state';
import { ENROLLED_STAGES, answer, checkTimestamp, inPlanTime, requireStage, type ActionEnvelope, type JourneyEffect, type Transition } from './action-support';
import { PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** One service: when, how long, which core service (Guide §8), in person or not, who gave it. */
export interface ServiceInput extends ActionEnvelope {
  readonly at: string;
  readonly minutes: number;
  readonly service: CoreService;
  readonly inPerson: boolean;
  /** The staff member who gave it (an opaque staff ID, e.g. the Lead Care Manager's). */
  readonly providedBy: string;
  /** A CMS place-of-service code, when the provider names one (default: 99 in person, 02 telehealth). */
  readonly placeOfService?: string;
}

/** The stages a service is given in: outreach, then every enrolled stage. */
export const SERVICE_STAGES = ['OUTREACH', ...ENROLLED_STAGES] as const;

/** Refuses a service that does not fit. */
export function checkService(state: JourneyState, input: ServiceInput, nowMs: number): void {
  requireStage(state, SERVICE_STAGES, 'Recording a service');
  checkTimestamp(state, input.at, nowMs);
}

/**
 * R-PAY-6U: the service's minutes as units under the plan's rounding, added to its member-month
 * (plan zone) at the assigned provider. Outreach attempts (log-outreach-attempt) add theirs here too.
 */
export function withServiceTime(state: JourneyState, atMs: number, outreach: boolean, minutes: number): { state: JourneyState; effects: JourneyEffect[] } {
  const providerId = state.assignment?.providerId;
  if (!providerId) return { state, effects: [] };
  const units = unitsOf(minutes, billingPolicyOf(state.policy).unitRounding);
  const date = localDateOf(atMs, state.policy.calendar.timeZone);
  const month = date.slice(0, 7);
  const first = !(state.serviceMonths ?? []).some((m) => m.month === month && m.providerId === providerId);
  const serviceMonths = withServiceUnits(state.serviceMonths ?? [], { providerId, date, outreach, units });
  return { state: { ...state, serviceMonths }, effects: first ? [{ kind: 'claims_month', providerId, month }] : [] };
}

/** Records the service's units. */
export function recordService(state: JourneyState, input: ServiceInput, nowMs: number): Transition {
  checkService(state, input, nowMs);
  const atMs = Date.parse(input.at);
  const { state: next, effects } = withServiceTime(state, atMs, input.service === 'outreach', input.minutes);
  return answer(next, 'service', inPlanTime(state, atMs), effects);
}

/** R-PAY-6U: a service and its time. */
export const recordServiceAction = journeyAction({
  name: 'recordService',
  eventKind: 'service',
  stages: SERVICE_STAGES,
  check: checkService,
  apply: recordService,
  route: {
    path: 'services',
    summary: 'Record an ECM service and its time (units toward the 6-unit month)',
    roles: PROVIDER,
    rules: ['R-PAY-6U', 'R-CLAIMS-60D'],
    body: (k) =>
      k.z.strictObject({
        at: k.instant,
        minutes: k.z.number().int().min(1).max(24 * 60),
        service: k.z.enum(CORE_SERVICES),
        inPerson: k.z.boolean(),
        providedBy: k.text({ max: 64 }).regex(/^[A-Za-z0-9_.:-]+$/),
        placeOfService: k.text({ max: 2 }).regex(/^\d{2}$/).optional(),
      }),
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
  projection: 'service',
});
