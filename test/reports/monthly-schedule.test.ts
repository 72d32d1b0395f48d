/**
 * Issue 12 §3: the monthly files are written by a Temporal Schedule on a configured day. Its
 * workflow writes every provider's RTF, OTF and capacity file for the month into
 * DATA_DIR/reports/<YYYY-MM>/; the Schedule is created once and brought to the configured day.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MONTHLY_FILES_SCHEDULE_ID, MONTHLY_FILES_WORKFLOW, type MonthlyFilesOutcome } from '../../src/contracts/monthly-files';
import { ensureMonthlyFilesSchedule } from '../../src/infra/temporal/monthly-files-schedule';
import { assignedJourney } from '../support/journey-test';
import { createTestDatabase, startTestSystem, TASK_QUEUE, type TestDatabase, type TestSystem } from '../support/test-system';

const providers = { 'PROV-ACME': { name: 'Acme Community Health', npi: '1234567893', tin: '123456789', leadCareManagers: {} } };
const TZ = 'America/Los_Angeles';
/** `YYYY-MM` of an instant in California, by the platform's own zone data (not the calendar module under test). */
const monthIn = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit' }).format(ms).slice(0, 7);

describe('the monthly files’ workflow (time-skipping server)', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  beforeAll(async () => {
    db = await createTestDatabase();
    sys = await startTestSystem(db, { providers });
  });
  afterAll(async () => {
    await sys?.close();
    await db?.close();
  });

  it('writes each provider’s three files for the month, the assigned member in the RTF, named by the provider’s NPI', async () => {
    const now = new Date(await sys.now()).toISOString();
    await assignedJourney(sys, now, now, 'PROV-ACME');
    const month = monthIn(await sys.now());
    const outcome = await sys.client.workflow.execute<(i: { month: string }) => Promise<MonthlyFilesOutcome>>(MONTHLY_FILES_WORKFLOW, { taskQueue: TASK_QUEUE, workflowId: `monthly-files-test-${month}`, args: [{ month }] });
    expect(outcome).toMatchObject({ month, files: 3 });
    const dir = join(sys.dataDir, 'reports', month);
    const mmyyyy = `${month.slice(5, 7)}${month.slice(0, 4)}`;
    expect(readdirSync(dir).sort()).toEqual([`CAPACITY_1234567893_${mmyyyy}.csv`, `OTF_1234567893_${mmyyyy}.csv`, `RTF_1234567893_${mmyyyy}.csv`]);
    const rtf = parse<Record<string, string>>(readFileSync(join(dir, `RTF_1234567893_${mmyyyy}.csv`), 'utf8'), { columns: true });
    expect(rtf).toHaveLength(1);
    expect(Object.values(rtf[0]!)).toContain('1234567893');
  });

  it('without a month, writes the month before the run, in California’s zone', async () => {
    const outcome = await sys.client.workflow.execute<() => Promise<MonthlyFilesOutcome>>(MONTHLY_FILES_WORKFLOW, { taskQueue: TASK_QUEUE, workflowId: 'monthly-files-test-default', args: [] });
    const now = await sys.now();
    const thisMonth = monthIn(now);
    const [y, m] = thisMonth.split('-').map(Number) as [number, number];
    expect(outcome.month).toBe(m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`);
  });
});

describe('the monthly files’ Schedule (dev server)', () => {
  let db: TestDatabase;
  let sys: TestSystem;
  beforeAll(async () => {
    db = await createTestDatabase();
    sys = await startTestSystem(db, { server: 'dev' });
  });
  afterAll(async () => {
    await sys?.client.schedule.getHandle(MONTHLY_FILES_SCHEDULE_ID).delete().catch(() => undefined);
    await sys?.close();
    await db?.close();
  });

  it('is created once, runs the monthly files on the configured day at 06:00 California time, and follows a changed day', async () => {
    await ensureMonthlyFilesSchedule(sys.client, { taskQueue: TASK_QUEUE, dayOfMonth: 5, timeZone: TZ });
    await ensureMonthlyFilesSchedule(sys.client, { taskQueue: TASK_QUEUE, dayOfMonth: 7, timeZone: TZ });
    const described = await sys.client.schedule.getHandle(MONTHLY_FILES_SCHEDULE_ID).describe();
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: MONTHLY_FILES_WORKFLOW, taskQueue: TASK_QUEUE });
    expect(described.spec.timezone).toBe(TZ);
    expect(described.spec.calendars).toHaveLength(1);
    expect(described.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 7, end: 7, step: 1 }], hour: [{ start: 6, end: 6, step: 1 }] });
    // The next run falls on the 7th at 06:00 in California.
    const next = described.info.nextActionTimes[0]!;
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: TZ, day: 'numeric', hour: 'numeric', hourCycle: 'h23' }).formatToParts(next);
    expect(parts.find((p) => p.type === 'day')?.value).toBe('7');
    expect(Number(parts.find((p) => p.type === 'hour')?.value)).toBe(6);
  });
});
