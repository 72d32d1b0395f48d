/**
 * Drives a journey through the API stage by stage, each act dated when it happens, so a test can
 * start where its rule begins.
 */
import { expect } from 'vitest';
import { actAt, assignedJourney, stateOf } from './journey-test';
import type { TestSystem } from './test-system';

/** Posts an action and insists it is accepted. */
export async function ok(sys: TestSystem, memberId: string, path: string, at: string, body: Record<string, unknown>) {
  const res = await actAt(sys, memberId, path, at, body);
  expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

/** Referred, authorized, assigned, accepted, and with a Lead Care Manager, all at `at`: outreach begins. */
export async function inOutreach(sys: TestSystem, at: string, careManagerId = 'LCM-0001', overrides: Record<string, unknown> = {}): Promise<string> {
  const memberId = await assignedJourney(sys, at, at, 'PROV-ACME', overrides);
  await ok(sys, memberId, '/assignment/response', at, { response: 'accepted', at });
  await ok(sys, memberId, '/lead-care-manager', at, { careManagerId, at });
  return memberId;
}

/** In outreach at `outreachAt`, then opted in at `enrolledAt`. */
export async function enrolled(sys: TestSystem, outreachAt: string, enrolledAt: string, careManagerId?: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const memberId = await inOutreach(sys, outreachAt, careManagerId, overrides);
  await ok(sys, memberId, '/enrollment', enrolledAt, { consent: 'verbal', recordedBy: 'LCM-0001', at: enrolledAt });
  return memberId;
}

/** The date `days` days after the instant `at` (UTC; only used far from the plan's date). */
const dateAfter = (at: string, days: number): string => new Date(Date.parse(at) + days * 86_400_000).toISOString().slice(0, 10);

/** A valid SMART care plan body dated `at`; its goals' target dates lie months after it (R-CAREPLAN-14D). */
export function carePlan(at: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    at,
    goals: [
      { description: 'Stable housing', measure: 'Signed lease', targetDate: dateAfter(at, 180) },
      { description: 'Diabetes control', measure: 'HbA1c below 8%', targetDate: dateAfter(at, 90) },
    ],
    problems: ['Homelessness', 'Uncontrolled diabetes'],
    interventions: ['Housing navigation referral', 'PCP visit every month'],
    barriers: ['No phone'],
    acuity: 'high',
    ...extra,
  };
}

/** Enrolled, assessed and with a care plan: ACTIVE. */
export async function active(sys: TestSystem, at: string, careManagerId?: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const memberId = await enrolled(sys, at, at, careManagerId, overrides);
  await ok(sys, memberId, '/assessment', at, { action: 'start', at });
  await ok(sys, memberId, '/care-plan', at, carePlan(at));
  await ok(sys, memberId, '/assessment', at, { action: 'complete', at });
  expect((await stateOf(sys, memberId)).stage).toBe('ACTIVE');
  return memberId;
}
