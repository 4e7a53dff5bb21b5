// Root Vitest config: every app and package is a project. Vitest ≥4 replaced
// vitest.workspace.ts with `test.projects`.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: ['apps/*', 'packages/*'],
  },
})
