// Root Vitest config: every app and package is a project. Vitest ≥4 replaced
// vitest.workspace.ts with `test.projects`.
import { configDefaults, defineConfig } from 'vitest/config'
import { sourceConditions } from './packages/test-kit/src/source-conditions.ts'
// This repository's configs import the kit's source by path: Vite bundles a config before any
// resolve condition applies, so `@tenantkit/test-kit/vitest-project` would mean its dist/ (a
// project that installed the kit imports it by name; docs/decisions/014-packages-and-boundaries.md).
import { KIT_MAX_WORKERS } from './packages/test-kit/src/vitest-project.ts'

// A shard covers part of the code: its coverage travels in its blob report, and `pnpm test:merge`
// reports it and holds it to the thresholds once every shard is in.
const isShard = process.argv.some((arg) => arg.startsWith('--shard'))

export default defineConfig({
  // The globalSetup runs in this process with this config's resolution: the kit's source, as in every project.
  ...sourceConditions,
  test: {
    // A project is a folder with a vitest.config.ts: packages/factories has none of its own, each
    // schema of its suite is one (its own template).
    projects: [
      'apps/*/vitest.config.ts',
      'packages/*/vitest.config.ts',
      'packages/test-kit/test/shop',
      'packages/test-kit/test/module-server',
      'packages/factories/test/schemas/*/vitest.config.ts',
    ],
    // Each project sets the same count (kit projects through defineKitProject): at least 2
    // workers, as the database is a process of its own. `--maxWorkers=N` overrides it.
    maxWorkers: KIT_MAX_WORKERS,
    // Watch mode: a new or edited migration re-runs everything; the kit rebuilds the template first.
    forceRerunTriggers: [...configDefaults.forceRerunTriggers, '**/prisma/migrations/**/*.sql'],
    // Off unless asked: `pnpm test:coverage`, or --coverage.enabled on CI's shards and their merge.
    coverage: {
      provider: 'v8',
      include: ['apps/*/src/**/*.ts', 'packages/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', 'packages/db/src/generated/**', 'packages/tooling/**'],
      reporter: isShard ? [] : ['text-summary', 'json-summary', 'html'],
      thresholds: isShard
        ? undefined
        : {
            'apps/api/src/**': { lines: 90 },
            'packages/test-kit/src/**': { lines: 85 },
          },
    },
  },
})
