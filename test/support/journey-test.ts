/**
 * Per-test scaffolding for journey tests: one database per file, one fresh system (own
 * time-skipping server, worker and API) per test, so each test may skip time freely.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { iso, referralBody } from './referrals';
import { createTestDatabase, startTestSystem, type TestDatabase, type TestSystem, type TestSystemOptions } from './test-system';

/** Registers the hooks and returns accessors for the current test's system. */
export function useJourneySystem(options: TestSystemOptions = {}): { sys: () => TestSystem; db: () => TestDatabase } {
  let db: TestDatabase | undefined;
  let sys: TestSystem | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });
  beforeEach(async () => {
    sys = await startTestSystem(db!, options);
  });
  afterEach(async () => {
    await sys?.close();
    sys = undefined;
  });
  return { sys: () => sys!, db: () => db! };
}

/** Skips to `receivedAt` and posts a referral there; returns the member ID. */
export async function referAt(sys: TestSystem, receivedAt: string, overrides: Record<string, unknown> = {}): Promise<string> {
  await sys.skipTo(Date.parse(receivedAt));
  const res = await sys.request('POST', '/v1/referrals', referralBody(receivedAt, overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.memberId as string;
}

/** Skips to `at` and posts an action dated `at`. */
export async function actAt(sys: TestSystem, memberId: string, path: string, at: string, body: Record<string, unknown>) {
  await sys.skipTo(Date.parse(at));
  return sys.request('POST', `/v1/members/${memberId}${path}`, body);
}

/** The journey's state as the API shows it. */
export async function stateOf(sys: TestSystem, memberId: string) {
  const res = await sys.request('GET', `/v1/members/${memberId}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** One deadline of the state, by key. */
export async function deadlineOf(sys: TestSystem, memberId: string, key: string) {
  const state = await stateOf(sys, memberId);
  const found = state.deadlines.find((d: { key: string }) => d.key === key);
  expect(found, `deadline ${key} in ${JSON.stringify(state.deadlines)}`).toBeDefined();
  return found;
}

/**
 * Waits (in real time) until the workflow has processed what the skipped clock made due: a fired
 * timer is handled in a workflow task that may still be running when the skip returns.
 */
export async function eventually<T>(probe: () => Promise<T>, timeout = 15_000): Promise<T> {
  return vi.waitFor(probe, { timeout, interval: 100 });
}

/** Waits until a deadline reaches a status and returns it. */
export async function deadlineReaches(sys: TestSystem, memberId: string, key: string, status: string) {
  return eventually(async () => {
    const d = await deadlineOf(sys, memberId, key);
    expect(d.status).toBe(status);
    return d;
  });
}

/** Search attributes of the member's journey, as ops see them in the Web UI. */
export async function searchAttributesOf(sys: TestSystem, memberId: string) {
  const described = await sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId)).describe();
  return described.searchAttributes as Record<string, unknown[]>;
}

/** An authorized journey assigned to a provider at `assignedAt`. */
export async function assignedJourney(sys: TestSystem, receivedAt: string, assignedAt: string, providerId = 'PROV-ACME', overrides: Record<string, unknown> = {}) {
  const memberId = await referAt(sys, receivedAt, overrides);
  const auth = await actAt(sys, memberId, '/authorization', receivedAt, { decision: 'approved', decidedAt: receivedAt });
  expect(auth.status, JSON.stringify(auth.body)).toBe(200);
  const assign = await actAt(sys, memberId, '/assignment', assignedAt, { providerId, assignedAt });
  expect(assign.status, JSON.stringify(assign.body)).toBe(200);
  return memberId;
}

export { iso };
