import type { Pool } from 'pg';
import type { Logger } from '../../src/infra/logger';
import { inTransaction } from '../../src/infra/db/transaction';
import { insertEscalation, logEscalation } from './escalate-deadline-breach';
import { writeJourneyEvent } from './record-journey-event';
import type { DeadlineBreachRecord } from './types';

/**
 * Issue 16 §4: a breach's journey event and its escalation in one transaction, so the care record
 * never shows the breach without its alarm (or the reverse), and the breach costs the workflow one
 * activity instead of two in a row. Both writes are keyed, so a retry repeats them harmlessly.
 */
export async function recordDeadlineBreach(pool: Pool, log: Logger, breach: DeadlineBreachRecord): Promise<void> {
  const escalated = await inTransaction(pool, async (client) => {
    await writeJourneyEvent(client, breach.event);
    return insertEscalation(client, breach.escalation);
  });
  if (escalated) logEscalation(log, breach.escalation);
}
