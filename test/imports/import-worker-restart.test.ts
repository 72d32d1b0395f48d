/**
 * Issue 12: an import survives its worker stopping mid-file. The worker is stopped while a batch is
 * in flight (its activity cancelled between rows, its Updates aborted), a new worker takes the
 * batch over, and the report, the care record and the journeys show every row once: nothing lost,
 * nothing doubled. The run continues as new between batches, carrying only offsets and counters.
 */
import { describe, expect, it } from 'vitest';
import { addDaysToDate, localDateOf } from '../../src/core/calendar';
import { importProgressQuery, importWorkflowId } from '../../src/contracts/mif-import';
import { useJourneySystem } from '../support/journey-test';
import { uniqueCin } from '../support/referrals';
import { completedReport, csvLine, memberRow, mifFile, postMif } from './mif-fixtures';

// The dev server (the one `npm start` runs): it hands a stopped worker's sticky workflow tasks on as production does.
const { sys } = useJourneySystem({ importConcurrency: 4, server: 'dev' });
const ROWS = 240;

async function count(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await sys().pool.query<{ n: string }>(sql, params);
  return Number(rows[0]!.n);
}

describe('MIF import across a worker restart (issue 12)', () => {
  it('a worker stopped mid-batch loses and doubles nothing; the run continues as new between batches', { timeout: 240_000 }, async () => {
    const s = sys();
    const today = localDateOf(await s.now(), 'America/Los_Angeles');
    const rows = Array.from({ length: ROWS }, () => csvLine(memberRow(uniqueCin(), 'PROV-ACME', addDaysToDate(today, -1), today)));
    const posted = await postMif(s, mifFile(rows), 20, 3);
    expect(posted.status, JSON.stringify(posted.body)).toBe(202);
    const { importId } = posted.body;
    const finished = () => count(`SELECT count(*) AS n FROM import_rows WHERE import_id = $1 AND outcome <> 'pending'`, [importId]);

    // Stop the worker once a few batches are done and one is under way.
    await expect.poll(finished, { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(50);
    let atStop = 0;
    await s.restartWorker(async () => {
      atStop = await finished();
    });
    expect(atStop).toBeLessThan(ROWS);

    const started = Date.now();
    const report = await completedReport(s, `/v1/mif/${importId}`).catch(async (err: unknown) => {
      throw new Error(`${(err as Error).message}; ${await finished()} rows finished ${Math.round((Date.now() - started) / 1000)} s after the restart (${atStop} before it)`);
    });
    expect(report).toMatchObject({ totalRows: ROWS, processed: ROWS, created: ROWS, reconciled: 0, unchanged: 0, rejected: 0, rejectedRows: [] });
    // One journey, one authorization, one assignment per member: no row done twice.
    expect(await count(`SELECT count(DISTINCT member_id) AS n FROM member_journeys WHERE plan = 'LA-CARE'`, [])).toBe(ROWS);
    expect(await count(`SELECT count(*) AS n FROM member_journeys WHERE plan = 'LA-CARE'`, [])).toBe(ROWS);
    for (const kind of ['authorization', 'assignment']) {
      expect(await count(`SELECT count(*) AS n FROM journey_events WHERE kind = $1`, [kind])).toBe(ROWS);
    }

    // 12 batches, 3 per run: 4 runs, each small; the workflow's progress says so.
    const handle = s.client.workflow.getHandle(importWorkflowId(importId));
    const progress = await handle.query(importProgressQuery);
    expect(progress).toMatchObject({ done: true, processed: ROWS, created: ROWS, run: 4 });
    const history = await handle.fetchHistory();
    expect(history.events?.length).toBeLessThan(100);
  });
});
