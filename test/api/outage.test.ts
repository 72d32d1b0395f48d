/**
 * Outages answer honestly: a 503 naming the service that is down, with Retry-After, within the
 * API's explicit deadline, and `/readyz` says which dependency failed. The app is the real
 * createApp; the unreachable services are real closed ports (nothing is mocked).
 */
import { Client, Connection } from '@temporalio/client';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Server } from 'node:http';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createJourneyGateway } from '../../api/journey-gateway';
import { SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from '../../api/problem';
import { createTokenVerifier } from '../../src/infra/auth/token-verifier';
import { createCaseloadStore } from '../../src/infra/caseload';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { createPool } from '../../src/infra/db/pool';
import { createLogger } from '../../src/infra/logger';
import { closedPort } from '../support/closed-port';
import { referralBody } from '../support/referrals';
import { bearer, caller, createTestDatabase, TEST_MEMBER_ID_KEY, TEST_PAYLOAD_KEYS, TEST_TOKENS, type TestDatabase } from '../support/test-system';

/** The API against the given Temporal address and pool, on a loopback port. */
async function startApi(temporalAddress: string, pool: Pool): Promise<{ baseUrl: string; logLines: string[]; close(): Promise<void> }> {
  // Lazy, as api/main.ts connects: the API runs while Temporal is down.
  const connection = Connection.lazy({ address: temporalAddress });
  const client = new Client({ connection, namespace: 'default', dataConverter: encryptingDataConverter(TEST_PAYLOAD_KEYS) });
  const logLines: string[] = [];
  const app = createApp({
    // A short explicit deadline keeps the test quick; production's is TEMPORAL_CALL_TIMEOUT_MS.
    journeys: createJourneyGateway(client, 'ecm-journeys-outage', { callTimeoutMs: 2_000 }),
    config: { memberIdKey: TEST_MEMBER_ID_KEY, plans: {} },
    log: createLogger('info', { write: (line: string) => void logLines.push(line) }),
    clock: () => Promise.resolve(Date.now()),
    caseloads: createCaseloadStore(pool),
    pool,
    verifyToken: createTokenVerifier(TEST_TOKENS),
    rateLimitPerMinute: 1_000_000,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    logLines,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
    },
  };
}

async function postReferral(baseUrl: string) {
  const res = await fetch(`${baseUrl}/v1/referrals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await bearer(caller('plan', 'LA-CARE'))) },
    body: JSON.stringify(referralBody(new Date(Date.now() - 60_000).toISOString())),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe('outages answer 503 naming the service that is down', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('Temporal unreachable (a closed port): a referral answers 503 temporal_unavailable with Retry-After, the care record stays reachable', async () => {
    const api = await startApi(`127.0.0.1:${await closedPort()}`, db.pool);
    try {
      const res = await postReferral(api.baseUrl);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('retry-after')).toBe(String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
      expect(res.body).toMatchObject({ status: 503, code: 'temporal_unavailable', type: '/problems/temporal_unavailable' });
      // The log names the code and the error's class, not its message.
      const line = api.logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'service unavailable');
      expect(line).toMatchObject({ code: 'temporal_unavailable' });
      expect(JSON.stringify(line)).not.toMatch(/message/);
    } finally {
      await api.close();
    }
  });

  it('PostgreSQL unreachable (a closed port): a read answers 503 database_unavailable with Retry-After', async () => {
    const unreachable = createPool(`postgres://ecm@127.0.0.1:${await closedPort()}/ecm`, { onError: () => undefined });
    const api = await startApi(`127.0.0.1:${await closedPort()}`, unreachable);
    try {
      const res = await fetch(`${api.baseUrl}/v1/members`, { headers: await bearer(caller('plan', 'LA-CARE')) });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe(String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
      expect(await res.json()).toMatchObject({ status: 503, code: 'database_unavailable' });
      const referral = await postReferral(api.baseUrl);
      expect([referral.status, referral.body.code]).toEqual([503, 'database_unavailable']);
    } finally {
      await api.close();
      await unreachable.end();
    }
  });

  it('PostgreSQL accepting connections but never answering: the pool gives up connecting and the read answers 503 database_unavailable', async () => {
    // A black hole: the TCP connection opens, no PostgreSQL ever speaks on it.
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const silent = createPool(`postgres://ecm@127.0.0.1:${(blackHole.address() as AddressInfo).port}/ecm`, { connectionTimeoutMs: 500, onError: () => undefined });
    const api = await startApi(`127.0.0.1:${await closedPort()}`, silent);
    try {
      const res = await fetch(`${api.baseUrl}/v1/members`, { headers: await bearer(caller('plan', 'LA-CARE')) });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'database_unavailable' });
    } finally {
      await api.close();
      await silent.end();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    }
  });

  it('/readyz answers 503 naming every failed check while /healthz stays 200', async () => {
    const unreachable = createPool(`postgres://ecm@127.0.0.1:${await closedPort()}/ecm`, { onError: () => undefined });
    const api = await startApi(`127.0.0.1:${await closedPort()}`, unreachable);
    try {
      expect((await fetch(`${api.baseUrl}/healthz`)).status).toBe(200);
      const res = await fetch(`${api.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe(String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
      const body = (await res.json()) as { status: string; checks: Record<string, { status: string; error?: { class: string } }> };
      expect(body.status).toBe('not_ready');
      expect(Object.fromEntries(Object.entries(body.checks).map(([name, c]) => [name, c.status]))).toEqual({ temporal: 'failed', database: 'failed', journeyWorkers: 'failed' });
      expect(body.checks.database!.error).toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await api.close();
      await unreachable.end();
    }
  });

  it('/readyz with Temporal down but PostgreSQL up names only Temporal and the workers', async () => {
    const api = await startApi(`127.0.0.1:${await closedPort()}`, db.pool);
    try {
      const res = await fetch(`${api.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { checks: Record<string, { status: string }> };
      expect(Object.fromEntries(Object.entries(body.checks).map(([name, c]) => [name, c.status]))).toEqual({ temporal: 'failed', database: 'ok', journeyWorkers: 'failed' });
    } finally {
      await api.close();
    }
  });
});
