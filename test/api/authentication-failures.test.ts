/**
 * Failed authentications are rate-limited per client IP (issue 10, finding 9): the real app on a
 * real HTTP server and PostgreSQL (as the app role). No journey is touched, so the app's Temporal
 * client is a lazy one that never connects.
 */
import { Client } from '@temporalio/client';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createJourneyGateway } from '../../api/journey-gateway';
import { createTokenVerifier } from '../../src/infra/auth/token-verifier';
import { createCaseloadStore } from '../../src/infra/caseload';
import { createLogger } from '../../src/infra/logger';
import { bearer, caller, createTestDatabase, TEST_MEMBER_ID_KEY, TEST_TOKENS, type TestDatabase } from '../support/test-system';

/** Two failures a minute: a token comes back every 30 s, far longer than this test's few requests take. */
const FAILURES_PER_MINUTE = 2;

let db: TestDatabase;
let server: Server;
let port: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const app = createApp({
    journeys: createJourneyGateway(new Client({ namespace: 'default' }), 'unused'),
    config: { memberIdKey: TEST_MEMBER_ID_KEY, plans: {} },
    log: createLogger('silent'),
    clock: () => Promise.resolve(Date.now()),
    caseloads: createCaseloadStore(db.pool),
    pool: db.pool,
    verifyToken: createTokenVerifier(TEST_TOKENS),
    rateLimitPerMinute: 1_000_000,
    authFailuresPerMinute: FAILURES_PER_MINUTE,
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await db?.close();
});

/** GET /v1/members from a chosen loopback source address. */
function get(from: string, headers: Record<string, string>): Promise<{ status: number; retryAfter: string | undefined; body: { code?: string } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/v1/members', method: 'GET', localAddress: from, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: JSON.parse(text) as { code?: string } }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('failed authentications per client IP', () => {
  it('answers 429 with Retry-After once an address is over its failures per minute; a valid token from it still passes; another address is not slowed', async () => {
    const bad = { authorization: 'Bearer not.a.token' };
    const statuses = [];
    for (let i = 0; i < FAILURES_PER_MINUTE; i++) statuses.push((await get('127.0.0.1', bad)).status);
    expect(statuses).toEqual(Array(FAILURES_PER_MINUTE).fill(401));
    const over = await get('127.0.0.1', {});
    expect([over.status, over.body.code]).toEqual([429, 'rate_limited']);
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    // A caller with a valid token behind the same address is not locked out.
    expect((await get('127.0.0.1', await bearer(caller('plan', 'LA-CARE')))).status).toBe(200);
    // Nor is another address (all of 127.0.0.0/8 is loopback).
    expect((await get('127.0.0.2', bad)).status).toBe(401);
  });
});
