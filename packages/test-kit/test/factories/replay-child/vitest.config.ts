// A Vitest project that replay.test.ts runs in child processes: one test that builds a tenant
// with the test factories, prints it, and fails (so the seed and replay command are printed).
// No database: build() needs none, so no globalSetup either.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { sourceConditions } from '../../../src/source-conditions.ts'

export default defineConfig({
  ...sourceConditions,
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['*.child.ts'],
  },
})
