/**
 * Issue 16 §3: how the workflow code is bundled, the same for the worker's own bundle and for a
 * prebuilt one (the tests'; `npm run bundle:size`), since a prebuilt bundle carries its options.
 *
 * With the SDK's reusable V8 context (the default), every cached journey instantiates its own copy
 * of each module it imports, unless the module is preloaded: a preloaded module is evaluated once
 * per worker thread and shared by every journey. The modules below are the pure core the workflows
 * import (src/core: no I/O, no clock, no randomness, no per-journey state; its only module-level
 * state is caches of pure results such as time-zone formatters). The SDK deep-freezes what a
 * preloaded module exports, so one that mutated its exports would fail at once, not leak between
 * journeys. workflows/ itself and @temporalio/workflow are never preloaded: they hold each
 * journey's state.
 */
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** Every src/core module a file under workflows/ imports (kept complete by worker/workflow-bundle-options.test.ts). */
export const PRELOADED_CORE_MODULES = [
  'src/core/billing/claims-clock',
  'src/core/billing/claims-submission',
  'src/core/calendar',
  'src/core/domain/actions',
  'src/core/domain/actions/journey-actions',
  'src/core/domain/actions/judge-by-act-time',
  'src/core/domain/care-record-snapshot',
  'src/core/domain/deadline',
  'src/core/domain/deadline-holder',
  'src/core/domain/due-soon',
  'src/core/domain/errors',
  'src/core/domain/journey-stage',
  'src/core/domain/journey-state',
  'src/core/domain/transitional-care/apply-adt-event',
  'src/core/domain/transitional-care/complete-task',
  'src/core/domain/transitional-care/completion-instant',
  'src/core/reports/reporting-month',
] as const;

/** The bundler's options (`bundleWorkflowCode`, or the worker's `bundlerOptions`). */
export const WORKFLOW_BUNDLER_OPTIONS = {
  preloadModules: PRELOADED_CORE_MODULES.map((m) => resolve(ROOT, m)),
} as const;
