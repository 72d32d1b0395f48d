import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_WORKER_MAX_CACHED_WORKFLOWS, loadConfig } from '../../src/infra/config';
import { DEFAULT_WORKER_TUNING } from '../../src/infra/worker-tuning';

describe('worker tuning (issue 16 §4)', () => {
  it('has documented defaults, and every figure can be set from the environment', () => {
    expect(loadConfig({}).worker).toEqual({ ...DEFAULT_WORKER_TUNING, maxCachedWorkflows: DEFAULT_WORKER_MAX_CACHED_WORKFLOWS });
    const tuned = loadConfig({
      ECM_WORKER_WORKFLOW_TASK_SLOTS: '80', ECM_WORKER_ACTIVITY_TASK_SLOTS: '30', ECM_WORKER_WORKFLOW_TASK_POLLERS: '20', ECM_WORKER_ACTIVITY_TASK_POLLERS: '6', ECM_WORKER_DB_POOL_MAX: '12',
    }).worker;
    expect(tuned).toEqual({ workflowTaskSlots: 80, activityTaskSlots: 30, workflowTaskPollers: 20, activityTaskPollers: 6, databasePoolMax: 12, maxCachedWorkflows: DEFAULT_WORKER_MAX_CACHED_WORKFLOWS });
  });

  it('never polls for more tasks than it has slots for (the SDK refuses more workflow pollers than slots)', () => {
    expect(loadConfig({ ECM_WORKER_WORKFLOW_TASK_SLOTS: '4', ECM_WORKER_WORKFLOW_TASK_POLLERS: '10', ECM_WORKER_ACTIVITY_TASK_SLOTS: '3', ECM_WORKER_ACTIVITY_TASK_POLLERS: '10' }).worker)
      .toMatchObject({ workflowTaskPollers: 4, activityTaskPollers: 3 });
  });

  it('stops at start-up on a figure that is not a count in range, naming it', () => {
    expect(() => loadConfig({ ECM_WORKER_DB_POOL_MAX: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ECM_WORKER_DB_POOL_MAX: '0' })).toThrow(/ECM_WORKER_DB_POOL_MAX/);
    expect(() => loadConfig({ ECM_WORKER_WORKFLOW_TASK_SLOTS: 'many' })).toThrow(/ECM_WORKER_WORKFLOW_TASK_SLOTS/);
    expect(() => loadConfig({ ECM_WORKER_ACTIVITY_TASK_SLOTS: '1.5' })).toThrow(/ECM_WORKER_ACTIVITY_TASK_SLOTS/);
  });
});
