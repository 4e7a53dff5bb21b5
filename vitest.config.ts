// Root Vitest config: every app and package is a project. Vitest ≥4 replaced
// vitest.workspace.ts with `test.projects`.
import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: ['apps/*', 'packages/*', 'packages/test-kit/test/shop'],
    // Watch mode: a new or edited migration re-runs everything; the kit rebuilds the template first.
    forceRerunTriggers: [...configDefaults.forceRerunTriggers, '**/prisma/migrations/**/*.sql'],
  },
})
