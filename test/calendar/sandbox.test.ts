import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import * as calendar from '../../src/core/calendar';

type CalendarModule = typeof calendar;

const sourceDir = join(__dirname, '../../src/core/calendar');

/**
 * Loads the calendar sources into a fresh V8 context that has no `require`, no `process`, and a
 * `Date` and `Math` that throw on any clock or randomness use — stricter than Temporal's sandbox,
 * which replaces them with replay-safe versions rather than forbidding them.
 */
function loadInStrictSandbox(): { readonly module: CalendarModule; readonly globals: Record<string, unknown> } {
  const sandboxGlobals = runInNewContext(`
    const RealDate = Date;
    const forbidden = (what) => { throw new Error('non-deterministic call: ' + what); };
    function StrictDate(...args) {
      if (!new.target) forbidden('Date()');
      if (args.length === 0) forbidden('new Date()');
      return new RealDate(...args);
    }
    StrictDate.now = () => forbidden('Date.now()');
    StrictDate.UTC = RealDate.UTC;
    StrictDate.parse = RealDate.parse;
    StrictDate.prototype = RealDate.prototype;
    Math.random = () => forbidden('Math.random()');
    globalThis.Date = StrictDate;
    globalThis;
  `) as Record<string, unknown>;
  const modules = new Map<string, Record<string, unknown>>();
  const sources = new Map(
    readdirSync(sourceDir)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => [`./${file.slice(0, -3)}`, readFileSync(join(sourceDir, file), 'utf8')]),
  );
  const load = (specifier: string): Record<string, unknown> => {
    const cached = modules.get(specifier);
    if (cached) return cached;
    const source = sources.get(specifier);
    if (source === undefined) throw new Error(`calendar module imports ${specifier}, which is not a sibling module`);
    const exports: Record<string, unknown> = {};
    modules.set(specifier, exports);
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const factory = runInNewContext(`(function (exports, require) {${js}\n})`, sandboxGlobals) as (
      exports: Record<string, unknown>,
      require: (specifier: string) => Record<string, unknown>,
    ) => void;
    factory(exports, load);
    return exports;
  };
  return { module: load('./index') as unknown as CalendarModule, globals: sandboxGlobals };
}

describe('calendar module in a workflow-like sandbox', () => {
  it('gives the same answers with clocks and randomness forbidden', () => {
    const { module: sandboxed, globals } = loadInStrictSandbox();
    // The sandbox really is strict, so a passing run proves the module never asked for the time.
    expect(() => {
      runInNewContext('Date.now()', globals);
    }).toThrow(/non-deterministic/);
    expect(() => {
      runInNewContext('new Date()', globals);
    }).toThrow(/non-deterministic/);
    expect(runInNewContext('typeof process + typeof require', globals)).toBe('undefinedundefined');
    const scenarios = (c: CalendarModule): unknown[] => {
      const received = Date.parse('2026-11-25T10:00:00-08:00');
      return [
        c.formatZoned(c.dueInstant({ unit: 'business-days', amount: 5 }, received, c.CALIFORNIA_BUSINESS_CALENDAR), 'America/Los_Angeles'),
        c.dueInstant({ unit: 'calendar-days', amount: 7 }, Date.parse('2026-03-01T10:00:00-08:00'), c.CALIFORNIA_BUSINESS_CALENDAR),
        c.dueInstant({ unit: 'hours', amount: 72 }, received, c.CALIFORNIA_BUSINESS_CALENDAR),
        c.zonedInstant('2026-03-08', '02:30', 'America/Los_Angeles'),
        c.observedHolidays(2027, c.CALIFORNIA_STATE_HOLIDAYS).map((holiday) => holiday.date),
        c.authorizationPeriod('2024-02-29', 12),
      ];
    };
    const inSandbox = scenarios(sandboxed);
    expect(JSON.parse(JSON.stringify(inSandbox))).toEqual(scenarios(calendar));
    expect(inSandbox[0]).toBe('2026-12-04T23:59:59-08:00');
  });

  it('passes the Temporal workflow bundler (no Node built-ins or I/O modules)', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: join(__dirname, 'fixtures/calendar-workflow.ts'),
      logger: new DefaultLogger('WARN'),
    });
    expect(code).toContain('calendarProbe');
  });
});
