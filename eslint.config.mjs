// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/** Workflow code runs in Temporal's deterministic sandbox: Node built-ins there are bugs waiting for a replay. */
const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

/*
 * The layers, top to bottom: src/dev (start-up, may import anything) → api, worker → workflows,
 * activities → src/contracts → src/infra → src/core. A layer imports only what is below it, so
 * pure rules never reach I/O and the API never reaches into the workflows' or activities' code.
 * Each folder gets exactly one block below (a later block would replace an earlier one's options).
 * Folder names are matched as path segments of relative imports, so `../../activities/x` and
 * `../activities` both count; bare specifiers (packages) are matched whole.
 */
const folder = (names) => `^\\.[^]*(^|/)(${names.join('|')})(/|$)`;
const layerRule = (message, { folders = [], typeOnlyFolders = [], packagesExcept } = {}) => [
  'error',
  {
    patterns: [
      ...(folders.length ? [{ regex: folder(folders), caseSensitive: true, message }] : []),
      ...(typeOnlyFolders.length ? [{ regex: folder(typeOnlyFolders), caseSensitive: true, allowTypeImports: true, message: `${message} (types only: \`import type\`)` }] : []),
      ...(packagesExcept ? [{ regex: `^(?!\\.)(?!(${packagesExcept.join('|')})$)`, caseSensitive: true, message: `${message} Packages allowed here: ${packagesExcept.join(', ')}.` }] : []),
    ],
  },
];
const LAYERS = {
  core: ['src/core/**/*.ts'],
  contracts: ['src/contracts/**/*.ts'],
  infra: ['src/infra/**/*.ts'],
  workflows: ['workflows/**/*.ts'],
  activities: ['activities/**/*.ts'],
  api: ['api/**/*.ts'],
};
const CORE_RULE_MESSAGE = 'src/core holds pure rules: it imports only src/core.';

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', '.cache/', 'dist/', 'coverage/', 'tools/compose-schema/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests poke at JSON answers and server internals; type-safety there costs more than it saves.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts', 'src/core/calendar/**/*.ts', 'src/core/domain/**/*.ts'],
    // Unit tests beside the rules run in Node, never in the workflow sandbox.
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code must be deterministic: no Node built-ins.' })),
          patterns: [
            { group: ['@temporalio/activity', '@temporalio/client', '@temporalio/worker', 'pg', 'express'], message: 'Workflow code may not import I/O modules; import activity types only.' },
          ],
        },
      ],
    },
  },
  {
    // Pure rules take "now" as an argument; only the workflow reads it (the SDK makes it deterministic there).
    files: ['src/core/calendar/**/*.ts', 'src/core/domain/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pure domain code takes the current instant as a parameter.' }],
    },
  },
  {
    files: LAYERS.core,
    rules: {
      // zod for schemas, @medplum/core for HL7 v2 syntax (pure parsing), fhir/r4 for FHIR's types.
      '@typescript-eslint/no-restricted-imports': layerRule(CORE_RULE_MESSAGE, {
        folders: ['infra', 'contracts', 'dev', 'api', 'workflows', 'activities', 'worker', 'tools', 'bench', 'test'],
        packagesExcept: ['zod', '@medplum/core', 'fhir/r4'],
      }),
    },
  },
  {
    // A pure rule's unit test sits beside it and needs only the test runner (and node:fs, for a test that checks
    // the files beside it).
    files: ['src/core/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': layerRule(CORE_RULE_MESSAGE, {
        folders: ['infra', 'contracts', 'dev', 'api', 'workflows', 'activities', 'worker', 'tools', 'bench', 'test'],
        packagesExcept: ['zod', '@medplum/core', 'fhir/r4', 'vitest', 'node:fs'],
      }),
    },
  },
  {
    files: LAYERS.contracts,
    rules: {
      '@typescript-eslint/no-restricted-imports': layerRule('src/contracts (the Temporal definitions API and workflows share) imports only src/core.', {
        folders: ['infra', 'dev', 'api', 'workflows', 'activities', 'worker'],
        packagesExcept: ['@temporalio/workflow', '@temporalio/common'],
      }),
    },
  },
  {
    files: LAYERS.infra,
    rules: {
      '@typescript-eslint/no-restricted-imports': layerRule('src/infra is below the API, the worker, the workflows, the activities and src/dev: it imports none of them.', {
        folders: ['api', 'workflows', 'activities', 'worker', 'dev'],
      }),
    },
  },
  {
    files: LAYERS.workflows,
    rules: {
      '@typescript-eslint/no-restricted-imports': layerRule('Workflow code imports src/core, src/contracts and activity types only.', {
        folders: ['infra', 'dev', 'api', 'worker'],
        typeOnlyFolders: ['activities'],
      }),
    },
  },
  {
    files: LAYERS.activities,
    rules: {
      '@typescript-eslint/no-restricted-imports': layerRule('Activities are below the API, the worker and the workflows: they import none of them.', {
        folders: ['api', 'worker', 'workflows', 'dev'],
      }),
    },
  },
  {
    files: LAYERS.api,
    rules: {
      '@typescript-eslint/no-restricted-imports': layerRule('The API reaches workflows only through src/contracts and api/journey-gateway.ts, and the care record through src/infra: it imports no workflows/ or activities/ code.', {
        folders: ['workflows', 'activities'],
      }),
    },
  },
  {
    files: ['eslint.config.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
