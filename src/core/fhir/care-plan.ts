/** R-CAREPLAN-14D: the current care plan revision as a CarePlan, and its SMART goals as Goals. */
import type { CarePlan, Goal } from 'fhir/r4';
import * as cs from './code-systems';
import type { RecordCarePlan } from './member-record';
import { ECM_EPISODE_ID, fhirId, patientRef, ref } from './references';

const goalId = (plan: RecordCarePlan, ordinal: number) => fhirId('goal', String(plan.version), String(ordinal));

/** Each goal: its description, its measure and target date. Active while the plan is. */
export function carePlanGoals(memberId: string, plan: RecordCarePlan, current: boolean): Goal[] {
  return [...plan.goals]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((g) => ({
      resourceType: 'Goal',
      id: goalId(plan, g.ordinal),
      lifecycleStatus: current ? 'active' : 'completed',
      description: { text: g.description },
      subject: patientRef(memberId),
      target: [{ measure: { text: g.measure }, dueDate: g.targetDate }],
    }));
}

/**
 * The plan: `active` while the ECM enrollment is, `completed` once it ended. Problems and barriers
 * are notes, each intervention an activity.
 */
export function carePlan(memberId: string, plan: RecordCarePlan, current: boolean): CarePlan {
  return {
    resourceType: 'CarePlan',
    id: fhirId('care-plan', String(plan.version)),
    extension: [{ url: cs.ACUITY_EXTENSION, valueCode: plan.acuity }],
    identifier: [{ system: 'urn:ecm:care-plan-version', value: String(plan.version) }],
    status: current ? 'active' : 'completed',
    intent: 'plan',
    category: [{ coding: [{ system: cs.ECM_PROGRAM, code: 'ecm', display: 'Enhanced Care Management' }] }],
    title: 'ECM person-centred care plan',
    subject: patientRef(memberId),
    created: plan.at,
    supportingInfo: [ref('EpisodeOfCare', ECM_EPISODE_ID)],
    goal: plan.goals.map((g) => ref('Goal', goalId(plan, g.ordinal))),
    activity: plan.interventions.map((description) => ({ detail: { status: current ? 'in-progress' : 'completed', description } })),
    note: [...plan.problems.map((p) => ({ text: `Problem: ${p}` })), ...plan.barriers.map((b) => ({ text: `Barrier: ${b}` }))],
  };
}
