import { describe, expect, it } from 'vitest';
import { actAt, deadlineOf, deadlineReaches, iso, referAt, stateOf, useJourneySystem } from '../support/journey-test';

// Gov. Code §6701: Nov 11 2034 is a Saturday, so Fri 2034-11-10 is Veterans Day observed. Received
// Thu 2034-11-09 10:00 PT: Fri 10 (holiday), Sat 11, Sun 12, then Mon 13 (1), Tue 14 (2), Wed 15 (3),
// Thu 16 (4), Fri 17 (5) → end of Fri 2034-11-17 Pacific (Thanksgiving is the 23rd).
const RECEIVED = '2034-11-09T10:00:00.000-08:00';
const ROUTINE_DUE = '2034-11-17T23:59:59.999-08:00';
const minute = 60_000;

describe('Veterans Day on a Saturday, end to end', () => {
  const { sys } = useJourneySystem();

  it('R-AUTH-ROUTINE: received Thu 2034-11-09, a decision one minute before the end of Fri 11-17 is on time (Fri 11-10 is Veterans Day observed)', async () => {
    const memberId = await referAt(sys(), RECEIVED);
    expect((await deadlineOf(sys(), memberId, 'R-AUTH-ROUTINE')).dueAt).toBe(ROUTINE_DUE);
    const decidedAt = iso(Date.parse(ROUTINE_DUE) - minute);
    expect((await actAt(sys(), memberId, '/authorization', decidedAt, { decision: 'approved', decidedAt })).status).toBe(200);
    expect((await deadlineOf(sys(), memberId, 'R-AUTH-ROUTINE')).status).toBe('met');
    expect((await stateOf(sys(), memberId)).overdue).toBe(false);
  });

  it('R-AUTH-ROUTINE: received Thu 2034-11-09, with no decision the deadline is breached one minute after Fri 11-17 ends', async () => {
    const memberId = await referAt(sys(), RECEIVED);
    await sys().skipTo(Date.parse(ROUTINE_DUE) - minute);
    expect((await deadlineOf(sys(), memberId, 'R-AUTH-ROUTINE')).status).toBe('open');
    await sys().skipTo(Date.parse(ROUTINE_DUE) + minute);
    expect((await deadlineReaches(sys(), memberId, 'R-AUTH-ROUTINE', 'breached')).breachedAt).toBe(ROUTINE_DUE);
  });
});
