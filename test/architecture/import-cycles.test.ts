/**
 * No module imports itself back, directly or round a loop: a cycle means neither file can be read,
 * moved or tested without the other, and at run time one of them sees the other half-loaded.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importEdges, SOURCE_ROOTS, sourceFiles } from './import-graph';

const ROOT = resolve(__dirname, '../..');

describe('import graph', () => {
  const files = sourceFiles(ROOT, [...SOURCE_ROOTS, 'test']);
  const edges = importEdges(ROOT, files);

  it('is read from the real tree (the graph is not vacuously empty)', () => {
    expect(files).toContain('src/core/domain/journey-state.ts');
    expect(edges).toContainEqual({ from: 'src/core/domain/journey-state.ts', to: 'src/core/domain/outreach-progress.ts', typeOnly: false });
    expect(edges.length).toBeGreaterThan(500);
  });

  it('finds a cycle when there is one, type-only edges included', () => {
    expect(
      importCycles([
        { from: 'a.ts', to: 'b.ts', typeOnly: false },
        { from: 'b.ts', to: 'c.ts', typeOnly: true },
        { from: 'c.ts', to: 'a.ts', typeOnly: false },
        { from: 'c.ts', to: 'd.ts', typeOnly: false },
      ]),
    ).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('has no cycles, type-only imports included', () => {
    expect(importCycles(edges)).toEqual([]);
  });
});
