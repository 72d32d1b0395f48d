import { defineConfig } from 'vitest/config';

/**
 * Two projects, so a rule change is checked in seconds: `unit` runs the pure-core tests beside
 * their modules (no server, no database), `system` runs everything against real Temporal, real
 * PostgreSQL and real HTTP. `vitest run` runs both; `vitest run src` (or `--project unit`) only the
 * first, which starts nothing. The global setup lives in `system` alone: Vitest runs a project's
 * global setup only when that project has files to run, but always runs the root config's.
 */
export default defineConfig({
  test: {
    // Two cores, two workers, whichever project the files belong to (Vitest refuses projects with
    // different worker counts in one run unless they are ordered apart).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          // Pure modules hold no state between files, so one module graph per worker is safe and saves the re-imports.
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: ['test/**/*.test.ts', 'api/**/*.test.ts', 'workflows/**/*.test.ts', 'activities/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // Temporal's native bridge is happiest in child processes.
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
