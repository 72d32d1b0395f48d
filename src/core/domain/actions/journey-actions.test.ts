/**
 * The action list is the one place the workflow, the contracts and the API read their actions
 * from: these checks keep it a list a newcomer can extend without a map.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JOURNEY_STAGES, TERMINAL_STAGES } from '../journey-stage';
import { isAlias, type JourneyAction, type JourneyActionAlias } from './journey-action';
import { HANDLED_JOURNEY_ACTIONS, JOURNEY_ACTIONS, journeyActionOfEventKind } from './journey-actions';

const entries = JOURNEY_ACTIONS as readonly (JourneyAction | JourneyActionAlias)[];

describe('the journey action list', () => {
  it('names each action, event kind and route path once', () => {
    const unique = (values: readonly string[]) => expect(new Set(values).size).toBe(values.length);
    unique(entries.map((e) => e.name));
    unique(entries.map((e) => e.eventKind));
    unique(entries.flatMap((e) => (e.route ? [e.route.path] : [])));
  });

  it('every handled action applies only in open stages of the journey', () => {
    for (const action of HANDLED_JOURNEY_ACTIONS as readonly JourneyAction[]) {
      expect(action.stages.length, action.name).toBeGreaterThan(0);
      for (const stage of action.stages) {
        expect(JOURNEY_STAGES, action.name).toContain(stage);
        expect(TERMINAL_STAGES as readonly string[], action.name).not.toContain(stage);
      }
    }
  });

  it('an alias feeds an action of the list, and the care record finds each event kind’s action', () => {
    for (const entry of entries.filter(isAlias)) expect(HANDLED_JOURNEY_ACTIONS as readonly JourneyAction[]).toContain(entry.via);
    for (const action of HANDLED_JOURNEY_ACTIONS as readonly JourneyAction[]) expect(journeyActionOfEventKind(action.eventKind)).toBe(action);
    expect(journeyActionOfEventKind('deadline-breached')).toBeUndefined();
  });

  it('every routed action names the rules it records or enforces, by ID', () => {
    for (const entry of entries.filter((e) => e.route)) {
      expect(entry.route!.rules.length, entry.name).toBeGreaterThan(0);
      for (const rule of entry.route!.rules) expect(rule).toMatch(/^R-[A-Z0-9-]+$/);
    }
  });

  it('every action module has its unit tests beside it', () => {
    const files = readdirSync(__dirname);
    const modules = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts');
    const untested = modules.filter((f) => !files.includes(f.replace(/\.ts$/, '.test.ts')));
    // The descriptor type and the barrel hold no rule of their own.
    expect(untested.filter((f) => f !== 'journey-action.ts')).toEqual([]);
    expect(files).toContain('confirm-eligibility.test.ts');
  });
});
