/**
 * ECM-RULES §1: the same acts give the same judgement, whether each is documented as it happens
 * or all of them long after the last one, when every timer has already fired. Only
 * `documentedLate` (and the withdrawn alarms) may differ.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actsOf, journeyPlans, judged } from '../support/journey-acts';
import { runBackfilled, runLive } from '../support/journey-simulator';

const DAY = 86_400_000;
// Referrals across 2031-2032: weekends, holidays and both daylight-saving changes fall inside.
const FIRST = Date.parse('2031-01-02T08:00:00-08:00');

describe('live versus backfilled, on the pure domain with a simulated clock', () => {
  it('ECM-RULES §1: 1,000 generated journeys end with the same status for every deadline, live and backfilled', () => {
    fc.assert(
      fc.property(journeyPlans, fc.integer({ min: 0, max: 700 * 24 * 60 }), (plan, offsetMinutes) => {
        const receivedMs = FIRST + offsetMinutes * 60_000;
        const acts = actsOf(plan, receivedMs);
        const endMs = acts.at(-1)!.at + DAY;
        const live = runLive(receivedMs, acts, endMs);
        const backfilled = runBackfilled(receivedMs, acts, endMs);
        expect(judged(backfilled.deadlines)).toEqual(judged(live.deadlines));
        expect(backfilled.stage).toBe(live.stage);
        // Live, nothing is ever documented late; backfilled, only late documentation differs.
        expect(live.deadlines.some((d) => d.documentedLate)).toBe(false);
      }),
      { numRuns: 1_000 },
    );
  });

  it('ECM-RULES §1: backfilling really documents late: some generated journeys have deadlines met only as documented late', () => {
    let documentedLate = 0;
    fc.assert(
      fc.property(journeyPlans, (plan) => {
        const acts = actsOf(plan, FIRST);
        const endMs = acts.at(-1)!.at + DAY;
        if (runBackfilled(FIRST, acts, endMs).deadlines.some((d) => d.status === 'met' && d.documentedLate)) documentedLate += 1;
      }),
      { numRuns: 200 },
    );
    expect(documentedLate).toBeGreaterThan(100);
  });
});
