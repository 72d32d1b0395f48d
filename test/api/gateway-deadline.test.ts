/**
 * Every call the API makes into Temporal goes through the gateway and ends by its explicit
 * deadline, the episode task Update included: with Temporal down, completing a task answers
 * "unavailable" once the deadline has passed, never after the SDK's own half-minute of retries.
 */
import { Client, Connection } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { createJourneyGateway } from '../../api/journey-gateway';
import { isTemporalUnavailable } from '../../api/service-unavailable';
import { closedPort } from '../support/closed-port';

const CALL_TIMEOUT_MS = 1_500;

describe('journey gateway: the episode task Update keeps the call deadline', () => {
  it('with Temporal unreachable, completeTask fails as unavailable after the deadline and well before the SDK would give up', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}` });
    const gateway = createJourneyGateway(new Client({ connection, namespace: 'default' }), 'ecm-journeys-deadline', { callTimeoutMs: CALL_TIMEOUT_MS });
    try {
      const started = performance.now();
      const err = await gateway
        .completeTask('transitional-care-mbr-x-episode', { actionKey: 'k', task: 'discharge_risk_assessment', outcome: 'done', at: '2030-01-01T00:00:00.000Z', by: 'cm-1' }, 'task:k:f')
        .then(
          () => new Error('expected the call to fail'),
          (e: unknown) => e,
        );
      const elapsed = performance.now() - started;
      expect(isTemporalUnavailable(err)).toBe(true);
      // The SDK retries an unreachable server until the deadline set by the gateway, then stops.
      expect(elapsed).toBeGreaterThanOrEqual(CALL_TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(CALL_TIMEOUT_MS + 10_000);
    } finally {
      await connection.close();
    }
  });
});
