/**
 * The journey each chaos client walks, step by step through the REST API, and what the journey
 * must show after each acknowledged step (ECM-RULES: R-AUTH-*, R-ASSIGN, R-LCM-72H → OUTREACH,
 * R-OUTREACH-30D attempts, R-OPT-IN → ENROLLED, R-ASSESS-START → ASSESSMENT).
 */
import type { Principal } from '../../src/infra/auth/principal';

export const PLAN = 'LA-CARE';
export const PROVIDER = 'PROV-ACME';

/** One step: who sends what, and the journey's stage once it is acknowledged. */
export interface JourneyStep {
  readonly name: string;
  readonly as: Principal;
  /** Relative to `/v1/members/:memberId`, or absolute for the referral. */
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly stageAfter: string;
  /** An outreach attempt (counted in the journey's `outreach.attempts`). */
  readonly outreachAttempt?: boolean;
}

const plan: Principal = { subject: 'chaos-plan', role: 'plan', organisation: PLAN };
const provider: Principal = { subject: 'chaos-provider', role: 'provider', organisation: PROVIDER };

/** The referral of journey `index` of run `run`: synthetic member data, unique within the run. */
export function referralStep(run: string, index: number): JourneyStep {
  const at = new Date().toISOString();
  return {
    name: 'referral',
    as: plan,
    path: '/v1/referrals',
    body: {
      referralId: `CHAOS-${run}-${index}`,
      receivedAt: at,
      plan: PLAN,
      member: { cin: `${String(10_000_000 + index).slice(-8)}C`, name: { given: 'Chaos', family: `Member${index}` }, dateOfBirth: '1970-01-01', language: 'English' },
      source: 'community',
      populationsOfFocus: ['1a'],
      expedited: false,
    },
    stageAfter: 'REFERRED',
  };
}

/** The next steps after the referral, each dated when it is made (`at` is fixed at planning). */
export function actionSteps(index: number): Array<() => JourneyStep> {
  const now = () => new Date().toISOString();
  const careManagerId = `LCM-CHAOS-${index}`;
  return [
    () => ({ name: 'authorization', as: plan, path: '/authorization', body: { decision: 'approved', decidedAt: now() }, stageAfter: 'AUTHORIZED' }),
    () => ({ name: 'assignment', as: plan, path: '/assignment', body: { providerId: PROVIDER, assignedAt: now() }, stageAfter: 'ASSIGNED' }),
    () => ({ name: 'acceptance', as: provider, path: '/assignment/response', body: { response: 'accepted', at: now() }, stageAfter: 'ASSIGNED' }),
    () => ({ name: 'lead-care-manager', as: provider, path: '/lead-care-manager', body: { careManagerId, at: now() }, stageAfter: 'OUTREACH' }),
    () => ({ name: 'outreach-1', as: provider, path: '/outreach-attempts', body: { at: now(), method: 'phone', result: 'no_answer', minutes: 5 }, stageAfter: 'OUTREACH', outreachAttempt: true }),
    () => ({ name: 'outreach-2', as: provider, path: '/outreach-attempts', body: { at: now(), method: 'text', result: 'left_message', minutes: 2 }, stageAfter: 'OUTREACH', outreachAttempt: true }),
    () => ({ name: 'enrollment', as: provider, path: '/enrollment', body: { consent: 'verbal', recordedBy: careManagerId, at: now() }, stageAfter: 'ENROLLED' }),
    () => ({ name: 'assessment-start', as: provider, path: '/assessment', body: { action: 'start', at: now() }, stageAfter: 'ASSESSMENT' }),
  ];
}
