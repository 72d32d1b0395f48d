import { isLocalDate, localDateOf } from '../../calendar';
import { fulfil } from '../deadline';
import { JourneyErrorCode, JourneyRuleViolation } from '../errors';
import type { JourneyState } from '../journey-state';
import { CURRENT_READINGS, type RuleReadings } from '../rule-readings';
import {
  ENROLLED_STAGES,
  answer,
  checkTimestamp,
  inPlanTime,
  outstandingDeadlineOf,
  requireStage,
  withDeadlines,
  withStage,
  type ActionEnvelope,
  type Transition,
} from './action-support';
import { PROVIDER } from '../../roles';
import { journeyAction } from './journey-action';

/** A SMART goal: what, how it is measured, by when. */
export interface SmartGoal {
  readonly description: string;
  readonly measure: string;
  readonly targetDate: string;
}

/** A person-centred care plan, or a revision of it (Guide §8.2.2). */
export interface CarePlanInput extends ActionEnvelope {
  readonly at: string;
  readonly goals: readonly SmartGoal[];
  readonly problems: readonly string[];
  readonly interventions: readonly string[];
  readonly barriers: readonly string[];
  readonly acuity: 'low' | 'medium' | 'high';
  readonly revisionReason?: string;
}

/** R-CAREPLAN-14D asks for at least this many SMART goals. */
export const MINIMUM_SMART_GOALS = 2;

const ACTION = 'care-plan';

/** A care plan follows the assessment's start; its revisions follow it to the end. */
const CARE_PLAN_STAGES = ENROLLED_STAGES.filter((s) => s !== 'ENROLLED');

/**
 * Refuses a care plan that is not SMART or does not fit the stage. A goal is time-bound only if its
 * target date is an existing date after the plan's own local date: a goal already due when the plan
 * is written sets no time (R-CAREPLAN-14D).
 */
export function checkCarePlan(state: JourneyState, input: CarePlanInput, nowMs: number, readings: RuleReadings = CURRENT_READINGS): void {
  requireStage(state, CARE_PLAN_STAGES, 'Recording a care plan');
  const startedAt = state.assessment?.startedAt;
  const atMs = checkTimestamp(state, input.at, nowMs, startedAt ? { at: startedAt, what: 'the assessment began' } : undefined);
  const smart = input.goals.filter((g) => g.description.trim() && g.measure.trim() && /^\d{4}-\d\d-\d\d$/.test(g.targetDate));
  if (smart.length < MINIMUM_SMART_GOALS || smart.length !== input.goals.length) {
    throw new JourneyRuleViolation(
      JourneyErrorCode.CarePlanNotSmart,
      `a care plan needs at least ${MINIMUM_SMART_GOALS} SMART goals, each with a description, a measure and a target date (R-CAREPLAN-14D)`,
    );
  }
  if (readings !== 'guide') return;
  const planDate = localDateOf(atMs, state.policy.calendar.timeZone);
  const untimely = input.goals.findIndex((g) => !isLocalDate(g.targetDate) || g.targetDate <= planDate);
  if (untimely >= 0) {
    throw new JourneyRuleViolation(
      JourneyErrorCode.CarePlanNotSmart,
      // The dates stay out of the message: it may travel as an unencrypted Temporal failure.
      `goal ${untimely + 1}'s target date must be a date after the care plan's own date, in the plan's time zone (R-CAREPLAN-14D: SMART goals are time-bound)`,
    );
  }
}

/**
 * R-CAREPLAN-14D: the first care plan meets the deadline; later ones are revisions, kept with their
 * dates. Once the assessment is complete too, the member is ACTIVE.
 */
export function recordCarePlan(state: JourneyState, input: CarePlanInput, nowMs: number, readings: RuleReadings = CURRENT_READINGS): Transition {
  checkCarePlan(state, input, nowMs, readings);
  const atMs = Date.parse(input.at);
  const at = inPlanTime(state, atMs);
  const revisions = state.carePlan ?? [];
  const revision = {
    version: (revisions.at(-1)?.version ?? 0) + 1,
    at,
    goals: input.goals.length,
    acuity: input.acuity,
    ...(input.revisionReason ? { reason: input.revisionReason } : {}),
  };
  const clock = outstandingDeadlineOf(state, 'R-CAREPLAN-14D');
  // R-REASSESS: a care plan revised after transitional care shows the reassessment was done.
  const reassessment = outstandingDeadlineOf(state, 'R-REASSESS');
  const tz = state.policy.calendar.timeZone;
  let next = withDeadlines(
    { ...state, carePlan: [...revisions, revision] },
    ...(clock ? [fulfil(clock, atMs, tz)] : []),
    ...(reassessment && atMs >= Date.parse(reassessment.startedAt) ? [fulfil(reassessment, atMs, tz)] : []),
  );
  if (state.stage === 'CARE_PLANNING') next = withStage(next, 'ACTIVE', at, ACTION, input.actor);
  return answer(next, ACTION, at);
}

/** R-CAREPLAN-14D: at least 2 SMART goals, each with a measure and a target date. */
export const recordCarePlanAction = journeyAction({
  name: 'recordCarePlan',
  eventKind: ACTION,
  stages: CARE_PLAN_STAGES,
  check: checkCarePlan,
  apply: recordCarePlan,
  route: {
    path: 'care-plan',
    summary: 'Record the care plan or a revision',
    roles: PROVIDER,
    rules: ['R-CAREPLAN-14D', 'R-REASSESS'],
    leadCareManagerOnly: true,
    body: (k) => {
      const prose = k.text({ max: 2000 });
      return k.z.strictObject({
        at: k.instant,
        goals: k.z
          .array(k.z.strictObject({ description: prose, measure: prose, targetDate: k.date }))
          .min(MINIMUM_SMART_GOALS, `a care plan needs at least ${MINIMUM_SMART_GOALS} SMART goals (R-CAREPLAN-14D)`)
          .max(50),
        problems: k.z.array(prose).min(1).max(50),
        interventions: k.z.array(prose).min(1).max(100),
        barriers: k.z.array(prose).max(50),
        acuity: k.z.enum(['low', 'medium', 'high']),
        revisionReason: prose.optional(),
      });
    },
    toInput: (b, actionKey) => ({ actionKey, ...b }),
  },
  projection: 'care-plan-revision',
});
