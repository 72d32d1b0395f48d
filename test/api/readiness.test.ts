/**
 * `/readyz` on a whole running system (the Temporal dev server, a real worker, PostgreSQL): 200
 * with every check's status once the worker polls the journey task queue. Its 503 side, with
 * unreachable services, is in test/api/outage.test.ts.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { createJourneyGateway } from '../../api/journey-gateway';
import { createTokenVerifier } from '../../src/infra/auth/token-verifier';
import { createCaseloadStore } from '../../src/infra/caseload';
import { createLogger } from '../../src/infra/logger';
import { TEST_MEMBER_ID_KEY, TEST_TOKENS } from '../support/test-system';
import { useJourneySystem } from '../support/journey-test';

describe('readiness', () => {
  // describeTaskQueue needs a real server: the dev server, as `npm start` runs.
  const { sys } = useJourneySystem({ server: 'dev' });

  it('/readyz answers 200 with Temporal, PostgreSQL and the journey workers all ok', async () => {
    // A worker shows as a poller once its first poll reaches the server: wait for that, not for a time.
    let res: Response | undefined;
    for (let attempt = 0; attempt < 50; attempt++) {
      res = await fetch(`${sys().baseUrl}/readyz`);
      if (res.status === 200) break;
      await res.body?.cancel();
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(res!.status).toBe(200);
    const body = (await res!.json()) as { status: string; checks: Record<string, { status: string; pollers?: number }> };
    expect(body.status).toBe('ready');
    expect(body.checks.temporal!.status).toBe('ok');
    expect(body.checks.database!.status).toBe('ok');
    expect(body.checks.journeyWorkers!.status).toBe('ok');
    expect(body.checks.journeyWorkers!.pollers).toBeGreaterThanOrEqual(1);
    expect((await fetch(`${sys().baseUrl}/healthz`)).status).toBe(200);
  });

  it('/readyz answers 503 naming only the journey workers when no worker polls the task queue', async () => {
    // The same Temporal and PostgreSQL, but a task queue no worker serves.
    const app = createApp({
      journeys: createJourneyGateway(sys().client, 'ecm-journeys-nobody-polls'),
      config: { memberIdKey: TEST_MEMBER_ID_KEY, plans: {} },
      log: createLogger('silent'),
      clock: () => sys().now(),
      caseloads: createCaseloadStore(sys().pool),
      pool: sys().pool,
      verifyToken: createTokenVerifier(TEST_TOKENS),
      rateLimitPerMinute: 1_000_000,
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; checks: Record<string, { status: string; pollers?: number }> };
      expect(body.status).toBe('not_ready');
      expect(body.checks).toEqual({ temporal: { status: 'ok' }, database: { status: 'ok' }, journeyWorkers: { status: 'failed', pollers: 0 } });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
