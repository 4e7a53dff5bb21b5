// Root Vitest config: every app and package is a project. Vitest ≥4 replaced
// vitest.workspace.ts with `test.projects`.
import { configDefaults, defineConfig } from 'vitest/config'
import { KIT_MAX_WORKERS } from './packages/test-kit/src/vitest-project.ts'

export default defineConfig({
  test: {
    projects: ['apps/*', 'packages/*', 'packages/test-kit/test/shop'],
    // Each project sets the same count (kit projects through defineKitProject): at least 2
    // workers, as the database is a process of its own. `--maxWorkers=N` overrides it.
    maxWorkers: KIT_MAX_WORKERS,
    // Watch mode: a new or edited migration re-runs everything; the kit rebuilds the template first.
    forceRerunTriggers: [...configDefaults.forceRerunTriggers, '**/prisma/migrations/**/*.sql'],
  },
})
