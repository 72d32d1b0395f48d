/**
 * The layer rule of eslint.config.mjs bites: src/dev → api, worker → workflows, activities →
 * src/contracts → src/infra → src/core, each importing only downwards. ESLint runs here with the
 * project's own configuration on snippets placed (by file path) in each layer; type-aware rules are
 * off for the snippets, which exist only in memory.
 */
import { resolve } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const RULE = '@typescript-eslint/no-restricted-imports';
const eslint = new ESLint({ cwd: ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function problems(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, filePath) });
  return result!.messages;
}

const valueImport = (from: string): string => `import { thing } from '${from}';\nexport const same = thing;\n`;
const typeImport = (from: string): string => `import type { Thing } from '${from}';\nexport type Same = Thing;\n`;

describe('layer boundaries (eslint no-restricted-imports per folder)', () => {
  it.each([
    ['api/routes/x.ts', '../../activities/care-record/record-referral'],
    ['api/routes/x.ts', '../../workflows/member-journey'],
    ['api/x.ts', '../activities'],
    ['src/core/domain/x.ts', '../../infra/db/pool'],
    ['src/core/domain/x.ts', '../../contracts/member-journey'],
    ['src/core/eligibility/x.ts', '../../../api/problem'],
    ['src/core/eligibility/x.ts', 'pg'],
    ['src/core/notices/x.ts', 'node:fs'],
    ['src/core/domain/x.test.ts', '../../infra/db/pool'],
    ['src/contracts/x.ts', '../infra/config'],
    ['src/contracts/x.ts', '../../activities/care-record/types'],
    ['src/contracts/x.ts', '@temporalio/client'],
    ['workflows/member-journey/x.ts', '../../activities/care-record/record-referral'],
    ['workflows/x.ts', '../src/infra/db/pool'],
    ['workflows/x.ts', '../api/journey-gateway'],
    ['activities/care-record/x.ts', '../../api/problem'],
    ['activities/care-record/x.ts', '../../workflows/member-journey'],
    ['activities/x.ts', '../worker/create-worker'],
    ['src/infra/db/x.ts', '../../../api/problem'],
    ['src/infra/x.ts', '../../activities/care-record/types'],
    ['src/infra/x.ts', '../../workflows'],
    ['src/infra/x.ts', '../../worker/create-worker'],
    ['src/infra/auth/x.ts', '../../dev/start'],
  ])('%s may not import %s', async (file, from) => {
    const found = await problems(file, valueImport(from));
    expect(found.map((m) => m.ruleId)).toEqual([RULE]);
  });

  it.each([
    ['api/routes/x.ts', '../../src/infra/care-record/referrals'],
    ['api/routes/x.ts', '../../src/contracts/member-journey'],
    ['api/routes/x.ts', '../journey-gateway'],
    ['src/core/domain/x.ts', './journey-stage'],
    ['src/core/domain/x.ts', '../calendar'],
    ['src/core/x.ts', 'zod'],
    ['src/core/domain/x.test.ts', 'vitest'],
    ['src/contracts/x.ts', '../core/domain/journey-state'],
    ['src/contracts/x.ts', '@temporalio/workflow'],
    ['src/infra/x.ts', '../core/plan-policies'],
    ['workflows/x.ts', '../src/contracts/member-journey'],
    ['activities/care-record/x.ts', '../../src/infra/care-record/referrals'],
    ['worker/x.ts', '../activities'],
    ['worker/x.ts', '../workflows'],
    ['src/dev/x.ts', '../../api/app'],
  ])('%s may import %s', async (file, from) => {
    expect(await problems(file, valueImport(from))).toEqual([]);
  });

  it('workflows import activity types only: `import type` passes, a value import is refused', async () => {
    expect(await problems('workflows/member-journey/x.ts', typeImport('../../activities'))).toEqual([]);
    expect((await problems('workflows/member-journey/x.ts', valueImport('../../activities'))).map((m) => m.ruleId)).toEqual([RULE]);
  });

  it('a type-only import does not get around the other layers', async () => {
    expect((await problems('api/routes/x.ts', typeImport('../../activities/care-record/types'))).map((m) => m.ruleId)).toEqual([RULE]);
    expect((await problems('src/core/domain/x.ts', typeImport('../../contracts/member-journey'))).map((m) => m.ruleId)).toEqual([RULE]);
  });
});
