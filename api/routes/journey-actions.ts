/**
 * The routes of the journey from outreach on (one schema and one Update per action). Each schema
 * validates and types its body; the Update's validator then applies the journey's own rules.
 */
import { z } from 'zod';
import { DISCONTINUATION_REASONS, OUTREACH_METHODS, OUTREACH_RESULTS } from '../../src/core/domain/journey-state';
import * as updates from '../../src/contracts/member-journey';
import { KNOWN_PROGRAMS } from '../../src/core/domain/programs';
import { evaluateEligibility } from '../../src/core/eligibility';
import { memberFactsSchema } from '../eligibility-facts-schema';
import type { RouteDependencies } from '../dependencies';
import { dateSchema, instantSchema } from '../timestamp';
import { journeyActionRoute } from './journey-action';
import { text } from '../text';
import { reasonRequired } from '../validation';

const prose = text({ max: 2000 });
const id = text({ max: 64 });

/** R-OUTREACH-30D: when, how, what came of it, minutes spent. */
export const outreachAttemptBody = z.strictObject({
  at: instantSchema,
  method: z.enum(OUTREACH_METHODS),
  result: z.enum(OUTREACH_RESULTS),
  minutes: z.number().int().min(0).max(24 * 60),
});
/** R-UNREACHABLE / refusal. */
export const closeOutreachBody = z.strictObject({ outcome: z.enum(['unreachable', 'declined']), at: instantSchema });
/** R-OPT-IN: how consent was given, who recorded it, when. */
export const enrollmentBody = z.strictObject({ consent: z.enum(['verbal', 'written']), recordedBy: id, at: instantSchema });
/** R-OPT-IN: the member may opt out at any time. */
export const optOutBody = z.strictObject({ at: instantSchema, reason: prose.optional() });
/** R-ASSESS-START / R-ASSESS-COMPLETE. */
export const assessmentBody = z.strictObject({ action: z.enum(['start', 'complete']), at: instantSchema });
/** R-ASSESS-COMPLETE: a member-requested delay. */
export const assessmentDelayBody = z.strictObject({ requestedAt: instantSchema, reason: prose, agreedDate: dateSchema });
/** R-CAREPLAN-14D: at least 2 SMART goals, each with a measure and a target date. */
export const carePlanBody = z.strictObject({
  at: instantSchema,
  goals: z
    .array(z.strictObject({ description: prose, measure: prose, targetDate: dateSchema }))
    .min(2, 'a care plan needs at least 2 SMART goals (R-CAREPLAN-14D)')
    .max(50),
  problems: z.array(prose).min(1).max(50),
  interventions: z.array(prose).min(1).max(100),
  barriers: z.array(prose).max(50),
  acuity: z.enum(['low', 'medium', 'high']),
  revisionReason: prose.optional(),
});
/** R-PCQ-WINDOW. */
export const pcqBody = z.strictObject({ submittedAt: instantSchema, recommendation: z.enum(['continue', 'complete']) });
/** R-REAUTH-6M, R-GRADUATION, R-DENIAL-NOA. */
export const reauthorizationBody = z
  .strictObject({
    decision: z.enum(['reauthorize', 'deny', 'graduate']),
    decidedAt: instantSchema,
    reason: prose.optional(),
    otherProgramsInformed: z.array(prose).max(20).optional(),
  })
  .refine((b) => b.decision !== 'deny' || b.reason, reasonRequired('a denial needs a reason (R-DENIAL-NOA)'));
/** R-GRADUATION's case conference. */
export const caseConferenceBody = z.strictObject({ at: instantSchema, participants: z.array(id).min(1).max(30) });
/** R-DISCONTINUE. */
export const discontinuationBody = z.strictObject({
  reason: z.enum(DISCONTINUATION_REASONS.filter((r) => r !== 'reauthorization_denied') as [string, ...string[]]),
  at: instantSchema,
  detail: prose.optional(),
});
/** R-PROVIDER-CHANGE-30D. */
export const providerChangeBody = z.strictObject({ requestedAt: instantSchema, reason: prose.optional() });
/** R-PCP-CHANGE. */
export const pcpChangeBody = z.strictObject({ pcpId: id, providerGroup: id.optional(), at: instantSchema });
/** R-EXCLUDED / R-DUPLICATIVE: programs the member was found in. */
export const programFindingsBody = z.strictObject({ programs: z.array(z.enum(KNOWN_PROGRAMS)).min(1).max(20), at: instantSchema });
/** R-ELIGIBILITY at the provider's confirmation during outreach: the member's facts, judged by the engine. */
export const eligibilityConfirmationBody = z
  .strictObject({ facts: memberFactsSchema, at: instantSchema })
  .refine((b) => b.facts.dateOfBirth <= b.at.slice(0, 10), { path: ['facts', 'dateOfBirth'], message: 'must not be after at' });
/** R-DUPLICATIVE. */
export const programChoiceBody = z.strictObject({ choice: z.enum(['ecm', 'other_program']), at: instantSchema });

type Routes = Readonly<Record<string, ReturnType<typeof journeyActionRoute>>>;

/** Path (under `/v1/members/:memberId/`) → handler. */
export function journeyActionRoutes(deps: RouteDependencies): Routes {
  const route = journeyActionRoute;
  return {
    'outreach-attempts': route(deps, 'outreach-attempt', outreachAttemptBody, updates.logOutreachAttemptUpdate, (b, actionKey) => ({ actionKey, ...b })),
    'outreach/close': route(deps, 'outreach-close', closeOutreachBody, updates.closeOutreachUpdate, (b, actionKey) => ({ actionKey, ...b })),
    enrollment: route(deps, 'enrollment', enrollmentBody, updates.enrollMemberUpdate, (b, actionKey) => ({ actionKey, ...b })),
    'opt-out': route(deps, 'opt-out', optOutBody, updates.optOutUpdate, (b, actionKey) => ({ actionKey, ...b })),
    assessment: route(deps, 'assessment', assessmentBody, updates.recordAssessmentUpdate, (b, actionKey) => ({ actionKey, ...b })),
    'assessment/delay': route(deps, 'assessment-delay', assessmentDelayBody, updates.delayAssessmentUpdate, (b, actionKey) => ({ actionKey, ...b })),
    'care-plan': route(deps, 'care-plan', carePlanBody, updates.recordCarePlanUpdate, (b, actionKey) => ({ actionKey, ...b })),
    pcq: route(deps, 'pcq', pcqBody, updates.submitPcqUpdate, (b, actionKey) => ({ actionKey, ...b })),
    reauthorization: route(deps, 'reauthorization', reauthorizationBody, updates.decideReauthorizationUpdate, (b, actionKey) => ({ actionKey, ...b })),
    'case-conference': route(deps, 'case-conference', caseConferenceBody, updates.recordCaseConferenceUpdate, (b, actionKey) => ({ actionKey, ...b })),
    discontinuation: route(deps, 'discontinuation', discontinuationBody, updates.discontinueUpdate, (b, actionKey) => ({
      actionKey,
      ...b,
      reason: b.reason as (typeof DISCONTINUATION_REASONS)[number],
    })),
    'provider-change': route(deps, 'provider-change', providerChangeBody, updates.requestProviderChangeUpdate, (b, actionKey) => ({ actionKey, ...b })),
    'pcp-change': route(deps, 'pcp-change', pcpChangeBody, updates.recordPcpChangeUpdate, (b, actionKey) => ({ actionKey, ...b })),
    'program-findings': route(deps, 'program-findings', programFindingsBody, updates.recordProgramFindingsUpdate, (b, actionKey) => ({ actionKey, ...b })),
    'eligibility-confirmation': route(deps, 'eligibility-confirmation', eligibilityConfirmationBody, updates.recordProgramFindingsUpdate, (b, actionKey) => {
      const evaluation = evaluateEligibility(b.facts, b.at.slice(0, 10));
      return {
        actionKey,
        at: b.at,
        programs: b.facts.programs ?? [],
        evaluation: { eligible: evaluation.eligible, populationsOfFocus: evaluation.populationsOfFocusMet, reasons: [...evaluation.eligibilityReasons, ...evaluation.ineligibilityReasons] },
      };
    }),
    'program-choice': route(deps, 'program-choice', programChoiceBody, updates.chooseProgramUpdate, (b, actionKey) => ({ actionKey, ...b })),
  };
}
