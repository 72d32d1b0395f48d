/**
 * Once per test run: find the time-skipping server binary (never downloading it from the
 * internet), start one real embedded PostgreSQL, and bundle the workflow code once, so each test
 * file only creates its own database and worker.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/dev/embedded-postgres';
import { PROJECT_ROOT, resolveTemporalBinary } from '../../src/dev/runtime/temporal-binaries';
import { WORKFLOWS_PATH } from '../../worker/create-worker';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../worker/workflow-bundle-options';
import { FAILURE_CONVERTER_PATH } from '../../src/infra/codec/data-converter';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    testServerPath: string;
    cliPath: string;
    workflowBundlePath: string;
  }
}

let postgres: EmbeddedPostgres | undefined;
let bundlePath: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const testServer = await resolveTemporalBinary('testServer');
  const cli = await resolveTemporalBinary('cli');
  const workDir = join(PROJECT_ROOT, '.data', 'test');
  mkdirSync(workDir, { recursive: true });
  postgres = await startEmbeddedPostgres({ dataDir: join(workDir, `postgres-${process.pid}`), persistent: false });
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: quietLogger, preloadModules: [...WORKFLOW_BUNDLER_OPTIONS.preloadModules] });
  const workflowBundlePath = join(workDir, `workflow-bundle-${process.pid}.js`);
  writeFileSync(workflowBundlePath, code);
  bundlePath = workflowBundlePath;
  project.provide('postgresAdminUrl', postgres.databaseUrl('postgres'));
  project.provide('testServerPath', testServer.path);
  project.provide('cliPath', cli.path);
  project.provide('workflowBundlePath', workflowBundlePath);
}

export async function teardown(): Promise<void> {
  await postgres?.stop();
  if (bundlePath) rmSync(bundlePath, { force: true });
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};
