/**
 * `npm run bundle:size`: the workflow bundle the worker loads, its size and module count, and
 * whether zod or pg crept in (the action descriptors keep zod out: their bodies are built by the
 * API from a kit it hands in).
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../src/infra/codec/data-converter';
import { WORKFLOWS_PATH } from '../../worker/create-worker';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../worker/workflow-bundle-options';

const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };

void (async () => {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: quiet, preloadModules: [...WORKFLOW_BUNDLER_OPTIONS.preloadModules] });
  const modules = [...code.matchAll(/\/\*\*\*\/ "\.\/([^"]+)"/g)].map((m) => m[1]!);
  const ours = modules.filter((m) => !m.includes('node_modules'));
  console.log(JSON.stringify({ bytes: code.length, modules: modules.length, ourModules: ours.length, zod: modules.some((m) => m.includes('node_modules/zod')), pg: modules.some((m) => m.includes('node_modules/pg')) }));
})();
