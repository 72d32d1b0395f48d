/**
 * A failure's message is member data as soon as it quotes a value (a date error on a date of
 * birth, a database error on a CIN). These tests make a workflow and an activity fail with such a
 * message on the real dev server, read the raw history as anyone with database or UI access would,
 * and find only ciphertext, while a client with the system's data converter reads the message.
 */
import { Client, WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { TEST_PAYLOAD_KEYS } from '../support/test-system';
import { createLogger } from '../../src/infra/logger';
import { phiSafeRuntimeLogger } from '../../worker/phi-safe-runtime-logger';
import type { FailingActivities } from './fixtures/failing-workflows';

const DOB = '1961-04-17';
const CIN = '93456781Z';
const MESSAGE = `Invalid local date "${DOB}" for member ${CIN}`;
const TASK_QUEUE = 'failure-encryption';

describe('failures encrypted in Temporal', () => {
  let env: TestWorkflowEnvironment;
  let workflowCode: string;
  const dataConverter = encryptingDataConverter(TEST_PAYLOAD_KEYS);
  const sdkLogLines: string[] = [];

  beforeAll(async () => {
    // The worker process's own SDK logger (worker/main.ts), writing into the test's sink.
    Runtime.install({ logger: phiSafeRuntimeLogger(createLogger('info', { write: (line: string) => void sdkLogLines.push(line) })), telemetryOptions: { logging: { filter: 'ERROR' } } });
    env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: inject('cliPath') }, log: { format: 'json', level: 'error' } },
    });
    // Bundled the way the system bundles its workflows: with the data converter's failure converter.
    ({ code: workflowCode } = await bundleWorkflowCode({
      workflowsPath: join(__dirname, 'fixtures/failing-workflows.ts'),
      failureConverterPath: dataConverter.failureConverterPath!,
      logger: new DefaultLogger('WARN'),
    }));
  });
  afterAll(async () => {
    await env?.teardown();
  });

  /** Runs a fixture workflow to its failure; returns the error the encrypting client sees and the raw history. */
  async function failWith(workflowType: 'failsInWorkflow' | 'failsInActivity', args: unknown[]) {
    const activities: FailingActivities = {
      lookUpMember: () => Promise.reject(new Error(MESSAGE)),
    };
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: TASK_QUEUE, workflowBundle: { code: workflowCode }, activities, dataConverter });
    const client = new Client({ connection: env.connection, dataConverter });
    const workflowId = `${workflowType}-${Date.now()}`;
    const error = await worker.runUntil(async () => {
      const handle = await client.workflow.start(workflowType, { taskQueue: TASK_QUEUE, workflowId, args });
      return handle.result().then(
        () => undefined,
        (err: unknown) => err,
      );
    });
    const raw = await env.connection.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId } });
    const { stdout } = await promisify(execFile)(inject('cliPath'), ['workflow', 'show', '-w', workflowId, '-o', 'json', '--address', env.address]);
    return { error, rawHistory: JSON.stringify(raw.history?.events ?? []) + payloadText(raw.history?.events), cliHistory: stdout };
  }

  it('a workflow failing with a date of birth and a CIN in its message leaves only ciphertext in the history', async () => {
    const { error, rawHistory, cliHistory } = await failWith('failsInWorkflow', [MESSAGE]);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const cause = (error as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause?.message).toBe(MESSAGE);
    for (const history of [rawHistory, cliHistory]) {
      expect(history).toContain('workflowExecutionFailedEventAttributes');
      expect(history).not.toContain(DOB);
      expect(history).not.toContain(CIN);
    }
  });

  it('an activity failing with a date of birth and a CIN in its message leaves only ciphertext in the history', async () => {
    const { error, rawHistory, cliHistory } = await failWith('failsInActivity', []);
    const activityFailure = (error as WorkflowFailedError).cause;
    expect(activityFailure).toBeInstanceOf(ActivityFailure);
    expect((activityFailure?.cause as Error | undefined)?.message).toBe(MESSAGE);
    for (const history of [rawHistory, cliHistory]) {
      expect(history).toContain('activityTaskFailedEventAttributes');
      expect(history).not.toContain(DOB);
      expect(history).not.toContain(CIN);
    }
  });

  it('the SDK logs the failed activity by its class only, without the date of birth or the CIN', async () => {
    await failWith('failsInActivity', []);
    const failed = sdkLogLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'Activity failed');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0].error).toEqual({ class: 'Error' });
    expect(sdkLogLines.join('\n')).not.toContain(DOB);
    expect(sdkLogLines.join('\n')).not.toContain(CIN);
  });

  it('the journey workflows are bundled with the encoding failure converter', () => {
    // The bundle every journey test runs (test/support/global-setup.ts), made like the worker's own.
    expect(readFileSync(inject('workflowBundlePath'), 'utf8')).toMatch(/encodeCommonAttributes:\s*true/);
  });
});

/** Every byte array of the history, read as text: an unsealed payload would show its JSON here. */
function payloadText(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map(payloadText).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(payloadText).join('\n');
  return '';
}
