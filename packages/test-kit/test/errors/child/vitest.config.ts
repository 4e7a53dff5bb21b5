// A Vitest project that client-errors.test.ts runs in a child process: tests that must fail with a
// kit error in a fixture, which no test of the parent run could fail on purpose. No database.
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { sourceConditions } from '../../../src/source-conditions.ts'

export default defineConfig({
  ...sourceConditions,
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['*.child.ts'],
    setupFiles: ['./report-errors.ts'],
  },
})
