import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The calendar module is imported by Temporal workflow code, which is replayed and must be
// deterministic. These checks keep clocks, randomness and I/O from creeping into it.
const sourceDir = join(__dirname, '../../src/core/calendar');
const sources = readdirSync(sourceDir)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(join(sourceDir, file), 'utf8') }));

describe('calendar module is safe for Temporal workflow code', () => {
  it('has sources to check', () => {
    expect(sources.map((source) => source.file)).toContain('index.ts');
  });

  it.each(sources)('$file imports only sibling calendar modules', ({ text }) => {
    const specifiers = [...text.matchAll(/(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);
    for (const specifier of specifiers) {
      expect(specifier).toMatch(/^\.\/[\w-]+$/);
    }
  });

  it.each(sources)('$file reads no clock, randomness or process state', ({ text }) => {
    expect(text).not.toMatch(/Date\.now|new Date\(\s*\)|Math\.random|performance\.|process\.|globalThis|require\(|setTimeout|setInterval/);
    // Date may only be built from explicit values; the module currently needs none at all.
    expect(text).not.toMatch(/new Date\(/);
    // Intl must always be given the zone, or it silently uses the host's.
    for (const match of text.matchAll(/new Intl\.DateTimeFormat\(([^;]*?)\}\)/gs)) {
      expect(match[1]).toMatch(/timeZone/);
    }
  });
});
