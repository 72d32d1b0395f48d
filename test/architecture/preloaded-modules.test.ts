/**
 * Issue 16 §3: the pure core the workflows import is preloaded into the worker's shared V8 context
 * (worker/workflow-bundle-options.ts), so a cached journey does not carry its own copy. A module
 * the workflows start to import and the list forgets would quietly cost every journey again; one
 * outside src/core could hold a journey's state and leak it into another journey.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRELOADED_CORE_MODULES } from '../../worker/workflow-bundle-options';
import { importEdges, sourceFiles } from './import-graph';

const ROOT = resolve(__dirname, '../..');

/** The file a module path names: `x.ts`, or `x/index.ts` for a folder. */
function fileOf(module: string): string {
  return existsSync(resolve(ROOT, `${module}.ts`)) ? `${module}.ts` : `${module}/index.ts`;
}

describe('preloaded workflow modules', () => {
  it('are exactly the src/core modules the workflows import as values, each of them a file that exists', () => {
    const files = sourceFiles(ROOT);
    const imported = new Set(
      importEdges(ROOT, files)
        .filter((e) => e.from.startsWith('workflows/') && !e.from.endsWith('.test.ts') && e.to.startsWith('src/core/') && !e.typeOnly)
        .map((e) => e.to),
    );
    const preloaded = PRELOADED_CORE_MODULES.map(fileOf);
    for (const file of preloaded) expect(existsSync(resolve(ROOT, file)), file).toBe(true);
    expect([...preloaded].sort()).toEqual([...imported].sort());
  });

  it('are all under src/core, whose modules hold no per-journey state', () => {
    expect(PRELOADED_CORE_MODULES.filter((m) => !m.startsWith('src/core/'))).toEqual([]);
  });
});
